/**
 * One summary row for a cohort or a group of cohorts (pure): size, acquisition cost, retention one period
 * later, LTV to date and the payback period. Called by the cohort report's summary; definitions in
 * cohort-definitions.ts.
 */
import { cohortCurve, type CohortCell } from './cohort-curve.ts';

export interface CohortSummary {
	readonly cohorts: number;
	readonly customers: number;
	readonly acquisition_cost: number;
	readonly acquisition_cost_per_customer: number | null;
	/** Retention in period 1 over the cohorts that have reached it (null if none has). */
	readonly retention_1: number | null;
	/** Cumulative revenue of every cohort through its latest period / all their customers. */
	readonly ltv_to_date: number | null;
	readonly cumulative_margin_per_customer_to_date: number | null;
	/** The latest period k any of the cohorts has reached. */
	readonly last_offset: number | null;
	readonly payback_period: number | null;
}

/**
 * @example cohortSummary(cellsOfOneCohort, 0.3) // { cohorts: 1, customers: 10, ..., payback_period: 2 }
 * Complexity: O(n log n) in the number of cells.
 */
export function cohortSummary(cells: readonly CohortCell[], grossMargin: number): CohortSummary {
	const curve = cohortCurve(cells, grossMargin);
	const cohorts = new Map<string, { customers: number; cost: number; revenue: number }>();
	for (const cell of cells) {
		const c = cohorts.get(cell.cohort_start) ?? { customers: cell.cohort_customers, cost: cell.acquisition_cost, revenue: 0 };
		c.revenue += cell.revenue;
		cohorts.set(cell.cohort_start, c);
	}
	let customers = 0;
	let cost = 0;
	let revenue = 0;
	for (const c of cohorts.values()) {
		customers += c.customers;
		cost += c.cost;
		revenue += c.revenue;
	}
	const ltv = customers === 0 ? null : revenue / customers;
	return {
		cohorts: cohorts.size,
		customers,
		acquisition_cost: cost,
		acquisition_cost_per_customer: customers === 0 ? null : cost / customers,
		retention_1: curve.points.find((p) => p.period_offset === 1)?.retention ?? null,
		ltv_to_date: ltv,
		cumulative_margin_per_customer_to_date: ltv === null ? null : ltv * grossMargin,
		last_offset: curve.points.length ? curve.points[curve.points.length - 1]!.period_offset : null,
		payback_period: curve.payback_period
	};
}
