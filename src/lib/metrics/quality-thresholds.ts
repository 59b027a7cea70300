/**
 * The fraud and quality signals of the Quality page: their names, definitions in words and every threshold,
 * in one place. Read by the pure detectors beside this file, the server report, the API's meta block (for
 * tooltips) and the README. The SQL mart fct_quality_daily counts "fast" sales with the same 15 seconds.
 */

export const SIGNALS = ['click_spike', 'fast_conversions', 'invalid_clicks', 'reversal_outlier', 'clickless_coupons'] as const;
export type SignalKind = (typeof SIGNALS)[number];

export const SEVERITIES = ['high', 'medium'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const QUALITY_THRESHOLDS = {
	/** Click spike: days of the partner's own baseline before the day under test. */
	spikeBaselineDays: 28,
	/** ...valid clicks above the baseline median + this many MADs... */
	spikeMads: 5,
	/** ...and at least this multiple of the median... */
	spikeMedianMultiple: 3,
	/** ...and at least this many valid clicks... */
	spikeMinClicks: 200,
	/** ...while conversions are at most this share of what the baseline conversion rate predicts. */
	spikeMaxConversionShare: 0.1,
	/** A baseline needs valid clicks on at least this many of its days (a partner that just started has none). */
	spikeMinBaselineDays: 14,

	/** Fast conversions: a sale converted less than this many seconds after its click. */
	fastConversionSeconds: 15,
	/** Flag when at least this share of the partner's sales are fast... */
	fastMinShare: 0.05,
	/** ...and at least this many are. */
	fastMinSales: 5,

	/** Invalid clicks: flag when the partner's invalid share is at least this multiple of the program's... */
	invalidProgramMultiple: 2,
	/** ...and at least this share... */
	invalidMinShare: 0.1,
	/** ...on at least this many gross clicks (a handful of clicks is noise). */
	invalidMinClicks: 100,

	/** Reversal outlier: robust z-score (x - median) / (1.4826 MAD) of the reversal rate at least this... */
	reversalMinZ: 3,
	/** ...among partners with at least this many validated sales (the partner too)... */
	reversalMinValidated: 20,
	/** ...when at least this many partners qualify (a median of two is no baseline). */
	reversalMinPeers: 5,

	/** Click-less coupon sales: flag a partner outside the coupon channel from this share of its sales... */
	couponShareOutsideCouponChannel: 0.2,
	/** ...and a partner of any channel from this share... */
	couponShareAnyChannel: 0.5,
	/** ...with at least this many such sales. */
	couponMinSales: 5,
	/** The channel whose partners legitimately sell by coupon code without a click. */
	couponChannel: 'coupon',

	/** Severity: high when the main measure is at least this multiple of its threshold, else medium. */
	highSeverityMultiple: 2
} as const;

export type QualityThresholds = { readonly [K in keyof typeof QUALITY_THRESHOLDS]: (typeof QUALITY_THRESHOLDS)[K] extends string ? string : number };

export interface SignalDefinition {
	readonly kind: SignalKind;
	readonly label: string;
	/** The rule in words, with the thresholds: the tooltip and the README. */
	readonly definition: string;
	/** What the rows behind a signal are. */
	readonly rows: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Each signal's definition in words, with the thresholds in force. */
export function signalDefinitions(t: QualityThresholds = QUALITY_THRESHOLDS): readonly SignalDefinition[] {
	return [
		{
			kind: 'click_spike',
			label: 'Click spike without conversions',
			definition: `A day whose valid clicks exceed the partner's own trailing ${t.spikeBaselineDays}-day median + ${t.spikeMads} × MAD, and at least ${t.spikeMedianMultiple}× the median and ${t.spikeMinClicks} clicks, with conversions at or below ${pct(t.spikeMaxConversionShare)} of what the partner's baseline conversion rate (conversions / valid clicks over the same ${t.spikeBaselineDays} days) predicts. Needs clicks on ${t.spikeMinBaselineDays}+ baseline days.`,
			rows: "the day's clicks by hour, sub_id and ip_hash"
		},
		{
			kind: 'fast_conversions',
			label: `Conversions under ${t.fastConversionSeconds} s`,
			definition: `Share of the partner's sales (every status) converted less than ${t.fastConversionSeconds} seconds after their click; flagged from ${pct(t.fastMinShare)} and ${t.fastMinSales} such sales.`,
			rows: 'the fast sales with their click time and seconds to convert'
		},
		{
			kind: 'invalid_clicks',
			label: 'High invalid-click share',
			definition: `Invalid clicks / gross clicks; flagged when at least ${t.invalidProgramMultiple}× the program's share over the same days and at least ${pct(t.invalidMinShare)}, on ${t.invalidMinClicks}+ gross clicks.`,
			rows: 'the invalid clicks by day, reason, sub_id and ip_hash'
		},
		{
			kind: 'reversal_outlier',
			label: 'Reversal-rate outlier',
			definition: `Reversed / validated sales (approved, paid or reversed), counted on the day they were validated; flagged when the robust z-score (rate − median) / (1.4826 × MAD) against every partner with ${t.reversalMinValidated}+ validated sales is ${t.reversalMinZ} or more.`,
			rows: 'the reversed sales with their reason'
		},
		{
			kind: 'clickless_coupons',
			label: 'Coupon orders without clicks',
			definition: `Share of the partner's sales with no click (click_id NULL) and a coupon code; flagged from ${pct(t.couponShareOutsideCouponChannel)} outside the ${t.couponChannel} channel and from ${pct(t.couponShareAnyChannel)} in any channel, with ${t.couponMinSales}+ such sales.`,
			rows: 'the click-less sales with their coupon codes'
		}
	];
}

export function isSignalKind(value: string): value is SignalKind {
	return (SIGNALS as readonly string[]).includes(value);
}

/** Severity from how far the main measure passes its threshold. */
export function severityOf(measure: number, threshold: number, t: QualityThresholds = QUALITY_THRESHOLDS): Severity {
	return threshold > 0 && measure >= t.highSeverityMultiple * threshold ? 'high' : 'medium';
}
