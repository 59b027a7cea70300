/** What the alert log holds (pure types): one alert as fired, and a mute. Shared by the rules, the API and the pages. */

export const ALERT_KINDS = ['quality', 'revenue_anomaly'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertDimension = 'partner' | 'channel' | 'country';

export interface AlertRecord {
	/** Stable: the same signal for the same target and period always has the same id (de-duplication). */
	readonly id: string;
	readonly kind: AlertKind;
	/** The quality signal (click_spike, ...) or revenue_drop / revenue_rise. */
	readonly signal: string;
	readonly severity: 'high' | 'medium';
	readonly dimension: AlertDimension;
	/** The partner id, channel or country code. */
	readonly target: string;
	readonly partner_id: string | null;
	readonly partner_name: string | null;
	readonly channel: string | null;
	readonly country: string | null;
	readonly from: string;
	readonly to: string;
	/** One sentence with the numbers. */
	readonly detail: string;
	/** The rows behind it: an API path (JSON) and a dashboard path. */
	readonly href: string;
	readonly page: string;
	readonly numbers: Readonly<Record<string, number>>;
	readonly createdAt: string;
	readonly publishId: number | null;
	readonly acknowledged: { readonly by: string; readonly at: string } | null;
	/** Muted when it fired: logged, not delivered. */
	readonly muted: boolean;
	readonly deliveredTo: readonly string[];
}

export interface Mute {
	readonly id: string;
	readonly dimension: AlertDimension;
	readonly target: string;
	/** A signal name, or '*' for every signal of the target. */
	readonly signal: string;
	readonly until: string;
	readonly by: string;
	readonly createdAt: string;
	readonly reason: string | null;
}

/** Whether a mute covers an alert at `now`. */
export function muteCovers(mute: Mute, alert: Pick<AlertRecord, 'dimension' | 'target' | 'signal'>, now: Date): boolean {
	return mute.until > now.toISOString() && mute.dimension === alert.dimension && mute.target === alert.target && (mute.signal === '*' || mute.signal === alert.signal);
}
