/**
 * Maturity: recent weeks still hold pending sales, some of which will be reversed. Projects each week's
 * revenue, commission and network fees to their final values with the channel's reversal rate and keeps
 * the provisional (as of today) figures beside them. Called by the forecast inputs.
 */
import { computeDerived } from '../metrics/metric-dictionary.ts';

/** One week x channel of the dictionary's aggregates, plus the pending parts of commission and fees. */
export interface WeekActuals {
	readonly week_start: string;
	readonly channel: string;
	/** Revenue of sales not reversed as of today (pending, approved, paid). */
	readonly revenue: number;
	/** Revenue of sales approved or paid. */
	readonly approved_revenue: number;
	readonly commission: number;
	readonly network_fees: number;
	readonly other_costs: number;
	/** Commission and network fees of the sales still pending. */
	readonly pending_commission: number;
	readonly pending_network_fees: number;
}

export interface ProjectedWeek extends WeekActuals {
	/** revenue - approved revenue: what is still undecided. */
	readonly pending_revenue: number;
	/** The value reversal rate applied to the pending part. */
	readonly reversal_rate: number;
	/** Provisional cost (the dictionary's cost as of today). */
	readonly cost: number;
	readonly projected_revenue: number;
	readonly projected_commission: number;
	readonly projected_network_fees: number;
	readonly projected_cost: number;
}

/**
 * projected revenue = approved revenue + pending revenue x (1 - r), with r the channel's value reversal
 * rate of decided sales; commission and network fees likewise (a reversed sale earns and costs nothing);
 * other costs do not depend on sales. A week without pending sales keeps its figures.
 *
 * Complexity: O(rows).
 *
 * @example
 * projectFinal([{ week_start: '2026-06-22', channel: 'coupon', revenue: 1000, approved_revenue: 600, commission: 50, network_fees: 30,
 *   other_costs: 10, pending_commission: 20, pending_network_fees: 12 }], () => 0.1)[0].projected_revenue; // => 960
 */
export function projectFinal(rows: readonly WeekActuals[], rateOf: (channel: string) => number): ProjectedWeek[] {
	const cost = (commission: number, network_fees: number, other_costs: number) => computeDerived({ commission, network_fees, other_costs }, { grossMargin: 1 }).cost ?? 0;
	return rows.map((row) => {
		const r = rateOf(row.channel);
		const pending = Math.max(0, row.revenue - row.approved_revenue);
		const projected_commission = row.commission - row.pending_commission * r;
		const projected_network_fees = row.network_fees - row.pending_network_fees * r;
		return {
			...row,
			pending_revenue: pending,
			reversal_rate: r,
			cost: cost(row.commission, row.network_fees, row.other_costs),
			projected_revenue: row.approved_revenue + pending * (1 - r),
			projected_commission,
			projected_network_fees,
			projected_cost: cost(projected_commission, projected_network_fees, row.other_costs)
		};
	});
}
