/**
 * Who gets which new alert (pure): subscribers whose scope covers it, minus muted alerts, at most `perDay`
 * alerts per subscriber per UTC day, the rest in one summary a day. Called by DigestService after evaluation.
 */
import type { Subscription } from '../digest/subscription.ts';
import { isUnrestricted, partnerInScope, type UserScope } from '../digest/user-scope.ts';
import { muteCovers, type AlertRecord, type Mute } from './alert-record.ts';
import type { PartnerInfo } from './evaluate-alerts.ts';

export interface AlertDelivery {
	readonly subscription: Subscription;
	readonly what: 'alert' | 'alert-summary';
	readonly alerts: readonly AlertRecord[];
}

/** A partner's alert reaches scopes that admit the partner; a channel's only scopes open on partners and managers; a country's only unrestricted scopes. */
export function alertCovered(alert: AlertRecord, s: UserScope, partners: ReadonlyMap<string, PartnerInfo>): boolean {
	if (alert.dimension === 'partner') {
		const p = partners.get(alert.target) ?? { partner_id: alert.target, channel: alert.channel ?? '', manager: null };
		return partnerInScope(p, s);
	}
	if (alert.dimension === 'channel') return !s.partners.length && !s.managers.length && (!s.channels.length || s.channels.includes(alert.target));
	return isUnrestricted(s);
}

export function planAlertDelivery(o: {
	alerts: readonly AlertRecord[];
	subscriptions: readonly Subscription[];
	partners: ReadonlyMap<string, PartnerInfo>;
	mutes: readonly Mute[];
	now: Date;
	/** Per subscription id: alerts already sent today and whether today's summary went out. */
	sentToday: ReadonlyMap<string, { alerts: number; summary: boolean }>;
	perDay: number;
}): { muted: Set<string>; deliveries: AlertDelivery[] } {
	const muted = new Set(o.alerts.filter((a) => o.mutes.some((m) => muteCovers(m, a, o.now))).map((a) => a.id));
	const live = o.alerts.filter((a) => !muted.has(a.id) && !a.acknowledged);
	const deliveries: AlertDelivery[] = [];
	// A user subscribed to both reports at the same address hears of an alert once.
	const destinations = new Set<string>();
	for (const sub of o.subscriptions) {
		const destination = `${sub.email ?? ''}|${sub.webhook ?? ''}`;
		if (destinations.has(destination)) continue;
		destinations.add(destination);
		const mine = live.filter((a) => alertCovered(a, sub.scope, o.partners));
		if (!mine.length) continue;
		const before = o.sentToday.get(sub.id) ?? { alerts: 0, summary: false };
		const room = Math.max(0, o.perDay - before.alerts);
		for (const a of mine.slice(0, room)) deliveries.push({ subscription: sub, what: 'alert', alerts: [a] });
		const rest = mine.slice(room);
		if (rest.length && !before.summary) deliveries.push({ subscription: sub, what: 'alert-summary', alerts: rest });
	}
	return { muted, deliveries };
}
