import { describe, expect, it } from 'vitest';
import type { AlertRecord, Mute } from './alert-record.ts';
import { planAlertDelivery } from './plan-alert-delivery.ts';
import type { Subscription } from '../digest/subscription.ts';

const alert = (id: string, o: Partial<AlertRecord> = {}): AlertRecord => ({
	id, kind: 'quality', signal: 'fast_conversions', severity: 'high', dimension: 'partner', target: 'P1', partner_id: 'P1', partner_name: 'One', channel: 'coupon', country: null,
	from: '2026-06-01', to: '2026-06-28', detail: id, href: '', page: '', numbers: {}, createdAt: '', publishId: 1, acknowledged: null, muted: false, deliveredTo: [], ...o
});
const sub = (id: string, scope: Partial<Subscription['scope']> = {}): Subscription => ({
	id, user: id, report: 'weekly-review', email: `${id}@x.test`, webhook: null, schedule: '0 8 * * 1', tz: 'UTC', scope: { channels: [], partners: [], managers: [], ...scope }, attachPdf: false, createdAt: ''
});
const partners = new Map([
	['P1', { partner_id: 'P1', partner_name: 'One', channel: 'coupon', manager: 'Anna' }],
	['P2', { partner_id: 'P2', partner_name: 'Two', channel: 'content', manager: 'Tom' }]
]);
const now = new Date('2026-07-01T06:00:00Z');

describe('planAlertDelivery', () => {
	it('sends up to N singly, then one summary, and no summary twice a day', () => {
		const alerts = ['a', 'b', 'c', 'd'].map((id) => alert(id));
		const first = planAlertDelivery({ alerts, subscriptions: [sub('s')], partners, mutes: [], now, sentToday: new Map(), perDay: 2 });
		expect(first.deliveries.map((d) => [d.what, d.alerts.map((a) => a.id)])).toEqual([
			['alert', ['a']],
			['alert', ['b']],
			['alert-summary', ['c', 'd']]
		]);
		const later = planAlertDelivery({ alerts, subscriptions: [sub('s')], partners, mutes: [], now, sentToday: new Map([['s', { alerts: 2, summary: true }]]), perDay: 2 });
		expect(later.deliveries).toEqual([]);
	});

	it('follows scope: partner alerts by partner, channel alerts to channel scopes, country alerts to unrestricted scopes', () => {
		const alerts = [alert('p2', { target: 'P2', partner_id: 'P2', channel: 'content' }), alert('ch', { dimension: 'channel', target: 'coupon', partner_id: null }), alert('de', { dimension: 'country', target: 'DE', partner_id: null })];
		const subs = [sub('all'), sub('tom', { managers: ['Tom'] }), sub('coupon', { channels: ['coupon'] })];
		const plan = planAlertDelivery({ alerts, subscriptions: subs, partners, mutes: [], now, sentToday: new Map(), perDay: 10 });
		const got = (s: string) => plan.deliveries.filter((d) => d.subscription.id === s).flatMap((d) => d.alerts.map((a) => a.id));
		expect(got('all')).toEqual(['p2', 'ch', 'de']);
		expect(got('tom')).toEqual(['p2']);
		expect(got('coupon')).toEqual(['ch']);
	});

	it('sends once to a destination shared by several subscriptions', () => {
		const plan = planAlertDelivery({ alerts: [alert('a')], subscriptions: [sub('s'), { ...sub('s'), id: 'roi', report: 'roi' }], partners, mutes: [], now, sentToday: new Map(), perDay: 10 });
		expect(plan.deliveries.map((d) => d.subscription.id)).toEqual(['s']);
	});

	it('holds back muted alerts while the mute lasts and acknowledged ones', () => {
		const mute: Mute = { id: 'm', dimension: 'partner', target: 'P1', signal: 'fast_conversions', until: '2026-07-08T00:00:00.000Z', by: 'anna', createdAt: '', reason: null };
		const alerts = [alert('muted'), alert('other-signal', { signal: 'click_spike' }), alert('acked', { target: 'P2', partner_id: 'P2', acknowledged: { by: 'a', at: '' } })];
		const plan = planAlertDelivery({ alerts, subscriptions: [sub('s')], partners, mutes: [mute], now, sentToday: new Map(), perDay: 10 });
		expect([...plan.muted]).toEqual(['muted']);
		expect(plan.deliveries.map((d) => d.alerts[0]!.id)).toEqual(['other-signal']);
		const expired = planAlertDelivery({ alerts, subscriptions: [sub('s')], partners, mutes: [mute], now: new Date('2026-07-09T00:00:00Z'), sentToday: new Map(), perDay: 10 });
		expect(expired.muted.size).toBe(0);
	});
});
