/**
 * Retention and LTV curves of one cohort or of several together (pure), from the cohort x period cells the
 * cohort report reads. Called by the cohort reports for the triangle (one cohort per curve), the average
 * curve and the per-channel or per-partner curves. Definitions: cohort-definitions.ts.
 */
import { paybackPeriod } from './cohort-payback.ts';

/** One cohort in one period k after its cohort period; the cohort's own figures repeat on every cell. */
export interface CohortCell {
	readonly cohort_start: string;
	readonly period_offset: number;
	/** Cohort size (its new customers). */
	readonly cohort_customers: number;
	/** The cohort's acquisition cost (base currency). */
	readonly acquisition_cost: number;
	/** Customers of the cohort with a sale not reversed in period k. */
	readonly active_customers: number;
	/** Their net revenue in period k (base currency). */
	readonly revenue: number;
	/** Period k has ended by the data's last day. */
	readonly complete: boolean;
}

export interface CurvePoint {
	readonly period_offset: number;
	/** Cohorts that have reached period k (a period counts once it has started). */
	readonly cohorts: number;
	readonly customers: number;
	readonly active_customers: number;
	readonly retention: number | null;
	readonly revenue: number;
	readonly cumulative_revenue: number;
	readonly ltv: number | null;
	readonly acquisition_cost: number;
	readonly acquisition_cost_per_customer: number | null;
	readonly cumulative_margin_per_customer: number | null;
	/** Cumulative margin per customer >= acquisition cost per customer at k. */
	readonly paid_back: boolean | null;
	/** Period k has ended for every cohort counted. */
	readonly complete: boolean;
}

export interface CohortCurve {
	readonly points: readonly CurvePoint[];
	/** First k that paid back, null if none has so far. */
	readonly payback_period: number | null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Adds the cells up per period k over the cohorts that have reached k: retention = active / customers and
 * LTV = cumulative revenue / customers, both over those cohorts only, so a young cohort does not pull the
 * late periods down. A cohort missing a cell at k has not reached k; cells must not repeat a (cohort, k).
 *
 * @example cohortCurve([{ cohort_start: '2026-01-01', period_offset: 0, cohort_customers: 10, acquisition_cost: 200, active_customers: 10, revenue: 500, complete: true }], 0.3)
 * // points[0]: retention 1, ltv 50, acquisition_cost_per_customer 20, cumulative_margin_per_customer 15, paid_back false
 * Complexity: O(n log n) in the number of cells.
 */
export function cohortCurve(cells: readonly CohortCell[], grossMargin: number): CohortCurve {
	const byCohort = new Map<string, CohortCell[]>();
	for (const cell of cells) {
		const list = byCohort.get(cell.cohort_start) ?? [];
		list.push(cell);
		byCohort.set(cell.cohort_start, list);
	}
	type Acc = { cohorts: number; customers: number; active: number; revenue: number; cumulative: number; cost: number; complete: boolean };
	const acc = new Map<number, Acc>();
	for (const list of byCohort.values()) {
		list.sort((a, b) => a.period_offset - b.period_offset);
		let cumulative = 0;
		for (const cell of list) {
			cumulative += cell.revenue;
			const a = acc.get(cell.period_offset) ?? { cohorts: 0, customers: 0, active: 0, revenue: 0, cumulative: 0, cost: 0, complete: true };
			a.cohorts += 1;
			a.customers += cell.cohort_customers;
			a.active += cell.active_customers;
			a.revenue += cell.revenue;
			a.cumulative += cumulative;
			a.cost += cell.acquisition_cost;
			a.complete &&= cell.complete;
			acc.set(cell.period_offset, a);
		}
	}
	const points = [...acc.entries()]
		.sort((x, y) => x[0] - y[0])
		.map(([k, a]): CurvePoint => {
			const ltv = ratio(a.cumulative, a.customers);
			const cac = ratio(a.cost, a.customers);
			const margin = ltv === null ? null : ltv * grossMargin;
			return {
				period_offset: k,
				cohorts: a.cohorts,
				customers: a.customers,
				active_customers: a.active,
				retention: ratio(a.active, a.customers),
				revenue: a.revenue,
				cumulative_revenue: a.cumulative,
				ltv,
				acquisition_cost: a.cost,
				acquisition_cost_per_customer: cac,
				cumulative_margin_per_customer: margin,
				paid_back: margin === null || cac === null ? null : paybackPeriod([{ offset: k, marginPerCustomer: margin, costPerCustomer: cac }]) === k,
				complete: a.complete
			};
		});
	const payback = paybackPeriod(
		points
			.filter((p) => p.cumulative_margin_per_customer !== null && p.acquisition_cost_per_customer !== null)
			.map((p) => ({ offset: p.period_offset, marginPerCustomer: p.cumulative_margin_per_customer!, costPerCustomer: p.acquisition_cost_per_customer! }))
	);
	return { points, payback_period: payback };
}
