/**
 * Customer cohorts over the published models: the curves (one row per group and period k: the triangle when
 * grouped by cohort) and the summary (one row per group: size, acquisition cost, retention, LTV, payback).
 * Runs cohortCellsQuery, then the pure cohort maths. Called by the cohort routes.
 */
import type { CohortGrain } from '../../../metrics/cohort-definitions.ts';
import { cohortCurve, type CohortCell } from '../../../metrics/cohort-curve.ts';
import { cohortSummary } from '../../../metrics/cohort-summary.ts';
import type { Database } from '../../db/database.ts';
import type { Filters } from '../params/filters.ts';
import { cohortRange, type CohortGroup } from './params.ts';
import { cohortCellsQuery } from './customer-query.ts';
import type { ColumnSpec } from './column-spec.ts';
import type { CustomerCohortCurveRow, CustomerCohortSummaryRow } from '../../../api/cohorts.ts';

export interface CustomerCohortOptions {
	readonly period: CohortGrain;
	readonly weekStart: number;
	readonly grossMargin: number;
	readonly filters: Filters;
	readonly through: string;
	readonly by: CohortGroup;
}

interface CellRow extends CohortCell {
	readonly grp: string;
	readonly group_label: string;
	readonly cohort_end: string;
	readonly period_start: string;
	readonly period_end: string;
	readonly commission: number;
	readonly network_fees: number;
	readonly other_costs: number;
	readonly orders: number;
}

export type CurveRow = CustomerCohortCurveRow;
export type SummaryRow = CustomerCohortSummaryRow;

async function cells(db: Database, o: CustomerCohortOptions): Promise<Map<string, CellRow[]>> {
	const { first, last } = cohortRange(o.filters, o.period, o.weekStart);
	const q = cohortCellsQuery({ period: o.period, weekStart: o.weekStart, filters: o.filters, first, last, through: o.through, by: o.by });
	const rows = await db.query<CellRow & Record<string, never>>(q.sql, q.params);
	const groups = new Map<string, CellRow[]>();
	for (const r of rows) {
		const list = groups.get(r.grp) ?? [];
		list.push(r);
		groups.set(r.grp, list);
	}
	return groups;
}

export const CURVE_COLUMNS: readonly ColumnSpec[] = [
	{ key: 'group', type: 'string' },
	{ key: 'group_label', type: 'string' },
	{ key: 'cohort_start', type: 'date' },
	{ key: 'cohort_end', type: 'date' },
	{ key: 'period_offset', type: 'int' },
	{ key: 'period_start', type: 'date' },
	{ key: 'period_end', type: 'date' },
	{ key: 'complete', type: 'bool' },
	{ key: 'cohorts', type: 'int' },
	{ key: 'customers', type: 'int' },
	{ key: 'active_customers', type: 'int' },
	{ key: 'retention', type: 'float' },
	{ key: 'revenue', type: 'float' },
	{ key: 'cumulative_revenue', type: 'float' },
	{ key: 'ltv', type: 'float' },
	{ key: 'acquisition_cost_per_customer', type: 'float' },
	{ key: 'cumulative_margin_per_customer', type: 'float' },
	{ key: 'paid_back', type: 'bool' }
];

/**
 * One row per group and period k. Grouped by cohort, the rows are the triangle (period_start/period_end set);
 * other groupings add their cohorts up per k (dates null).
 */
export async function customerCohortCurves(db: Database, o: CustomerCohortOptions): Promise<CurveRow[]> {
	const out: CurveRow[] = [];
	for (const [grp, list] of await cells(db, o)) {
		const curve = cohortCurve(list, o.grossMargin);
		const byOffset = o.by === 'cohort' ? new Map(list.map((c) => [c.period_offset, c])) : null;
		for (const p of curve.points) {
			const cell = byOffset?.get(p.period_offset);
			out.push({
				group: grp,
				group_label: list[0]!.group_label,
				cohort_start: cell?.cohort_start ?? null,
				cohort_end: cell?.cohort_end ?? null,
				period_offset: p.period_offset,
				period_start: cell?.period_start ?? null,
				period_end: cell?.period_end ?? null,
				complete: p.complete,
				cohorts: p.cohorts,
				customers: p.customers,
				active_customers: p.active_customers,
				retention: p.retention,
				revenue: p.revenue,
				cumulative_revenue: p.cumulative_revenue,
				ltv: p.ltv,
				acquisition_cost_per_customer: p.acquisition_cost_per_customer,
				cumulative_margin_per_customer: p.cumulative_margin_per_customer,
				paid_back: p.paid_back
			});
		}
	}
	return out;
}

export const SUMMARY_COLUMNS: readonly ColumnSpec[] = [
	{ key: 'group', type: 'string' },
	{ key: 'group_label', type: 'string' },
	{ key: 'first_cohort', type: 'date' },
	{ key: 'last_cohort', type: 'date' },
	{ key: 'last_cohort_end', type: 'date' },
	{ key: 'cohorts', type: 'int' },
	{ key: 'customers', type: 'int' },
	{ key: 'commission', type: 'float' },
	{ key: 'network_fees', type: 'float' },
	{ key: 'other_costs', type: 'float' },
	{ key: 'acquisition_cost', type: 'float' },
	{ key: 'acquisition_cost_per_customer', type: 'float' },
	{ key: 'retention_1', type: 'float' },
	{ key: 'ltv_to_date', type: 'float' },
	{ key: 'cumulative_margin_per_customer_to_date', type: 'float' },
	{ key: 'last_offset', type: 'int' },
	{ key: 'payback_period', type: 'int' }
];

/** One row per group (per cohort by default), in group order; largest first for channel, partner and tier. */
export async function customerCohortSummary(db: Database, o: CustomerCohortOptions): Promise<SummaryRow[]> {
	const out: SummaryRow[] = [];
	for (const [grp, list] of await cells(db, o)) {
		const s = cohortSummary(list, o.grossMargin);
		const cohorts = new Map(list.map((c) => [c.cohort_start, c]));
		const starts = [...cohorts.keys()].sort();
		let commission = 0;
		let networkFees = 0;
		let otherCosts = 0;
		for (const c of cohorts.values()) {
			commission += c.commission;
			networkFees += c.network_fees;
			otherCosts += c.other_costs;
		}
		out.push({
			group: grp,
			group_label: list[0]!.group_label,
			first_cohort: starts[0]!,
			last_cohort: starts[starts.length - 1]!,
			last_cohort_end: cohorts.get(starts[starts.length - 1]!)!.cohort_end,
			cohorts: s.cohorts,
			customers: s.customers,
			commission,
			network_fees: networkFees,
			other_costs: otherCosts,
			acquisition_cost: s.acquisition_cost,
			acquisition_cost_per_customer: s.acquisition_cost_per_customer,
			retention_1: s.retention_1,
			ltv_to_date: s.ltv_to_date,
			cumulative_margin_per_customer_to_date: s.cumulative_margin_per_customer_to_date,
			last_offset: s.last_offset,
			payback_period: s.payback_period
		});
	}
	if (o.by !== 'cohort' && o.by !== 'all') out.sort((a, b) => (b.customers as number) - (a.customers as number) || String(a.group).localeCompare(String(b.group)));
	return out;
}
