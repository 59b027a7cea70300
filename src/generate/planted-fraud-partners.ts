/**
 * The partners the sample generator plants with fraud-like patterns, whatever the seed. Used by the generator
 * (to plant them) and by tests of the fraud checks (to see that they find exactly these).
 */
import type { Channel } from './program-profile.ts';

export type FraudPattern = 'click_spike' | 'instant_conversion' | 'high_reversal';

export interface PlantedFraudPartner {
	readonly partnerId: string;
	/** Partner number: partner_id is `P` + this number zero-padded to 4 digits. */
	readonly num: number;
	readonly pattern: FraudPattern;
	readonly channel: Channel;
	/** Click weight (a median long-tail partner is ~1), high enough to be visible in tiny datasets. */
	readonly weight: number;
	readonly description: string;
}

export const PLANTED_FRAUD_PARTNERS: readonly PlantedFraudPartner[] = [
	{
		partnerId: 'P0012',
		num: 12,
		pattern: 'click_spike',
		channel: 'sub_network',
		weight: 8,
		description: 'on spike days (about every 97 days) ~15x its normal clicks from a few IPs at night; the extra clicks never convert and are mostly not flagged invalid'
	},
	{
		partnerId: 'P0017',
		num: 17,
		pattern: 'instant_conversion',
		channel: 'content',
		weight: 8,
		description: '85% of its sales convert 2 to 14 seconds after the click (cookie stuffing); conversion rate 2.5x its channel'
	},
	{
		partnerId: 'P0019',
		num: 19,
		pattern: 'high_reversal',
		channel: 'cashback',
		weight: 8,
		description: '60% of its validated sales are reversed, mostly for fraud'
	}
];

/** Parameters of the planted patterns. */
export const FRAUD_PROFILE = {
	clickSpike: {
		/** A day is a spike day when (days before the end date + seed) mod period = phase. */
		period: 97,
		phase: 13,
		/** Extra clicks on a spike day, as a multiple of the partner's normal clicks that day. */
		extraClicks: 14,
		ipPool: 40,
		/** Spike clicks happen between these UTC hours. */
		fromHour: 1,
		toHour: 5,
		flaggedShare: 0.1,
		uniqueShare: 0.1
	},
	instantConversion: { share: 0.85, minSeconds: 2, maxSeconds: 14, conversionMultiplier: 2.5 },
	highReversal: { reversalRate: 0.6, reasons: { fraud: 0.55, cancelled: 0.25, duplicate: 0.1, returned: 0.1 } }
} as const;

/** Fewest partners a dataset may have so that the anchors and every planted partner exist. */
export const MIN_PARTNERS = Math.max(...PLANTED_FRAUD_PARTNERS.map((p) => p.num)) + 1;
