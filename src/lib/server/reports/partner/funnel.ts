/**
 * The funnel of a partner or channel page from its metrics (pure): gross clicks -> valid clicks ->
 * conversions (not reversed) -> approved or paid, each step with its share of the step before and of the
 * first. Steps need not shrink: click-less (coupon) sales count as conversions too.
 */

export const FUNNEL_STEPS = ['gross_clicks', 'clicks', 'conversions', 'approved_conversions'] as const;

export interface FunnelStep {
	/** The dictionary metric of the step. */
	readonly metric: (typeof FUNNEL_STEPS)[number];
	readonly value: number;
	/** value / the step before (null for the first step or when that is 0). */
	readonly rateFromPrevious: number | null;
	/** value / the first step (null when that is 0). */
	readonly rateFromFirst: number | null;
}

/**
 * @example partnerFunnel({ gross_clicks: 100, clicks: 90, conversions: 9, approved_conversions: 6 })[2].rateFromPrevious === 0.1
 */
export function partnerFunnel(metrics: Readonly<Record<string, unknown>>): FunnelStep[] {
	const values = FUNNEL_STEPS.map((k) => (typeof metrics[k] === 'number' ? (metrics[k] as number) : 0));
	const ratio = (a: number, b: number | undefined) => (b === undefined || b === 0 ? null : a / b);
	return FUNNEL_STEPS.map((metric, i) => ({
		metric,
		value: values[i]!,
		rateFromPrevious: i === 0 ? null : ratio(values[i]!, values[i - 1]),
		rateFromFirst: ratio(values[i]!, values[0])
	}));
}
