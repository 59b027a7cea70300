/**
 * Bound SQL for the customer-cohort cells (pure): one row per group, cohort and period k from the cohort
 * period to the data's last day (periods without purchases included as zeros), with the cohort's size and
 * acquisition cost repeated on each. Reads fct_cohort_acquisition_costs and fct_customer_cohorts; the
 * channel, partner and tier filters apply to the acquiring partner. Called by customers.ts.
 */
import type { CohortGrain } from '../../../metrics/cohort-definitions.ts';
import type { Filters } from '../params/filters.ts';
import { filterConditions, type BoundQuery } from '../shared/metric-query.ts';
import type { CohortGroup } from './params.ts';

const GROUP_EXPRESSION: Record<CohortGroup, string> = {
	cohort: 'f.cohort_start::varchar',
	channel: 'f.channel',
	partner: 'f.partner_id',
	tier: 'f.tier',
	all: "'all'"
};

export interface CohortCellsQueryOptions {
	readonly period: CohortGrain;
	readonly weekStart: number;
	readonly filters: Filters;
	/** Start of the first and of the last cohort selected (cohortRange). */
	readonly first: string;
	readonly last: string;
	/** The data's last day: periods that start after it are not observed. */
	readonly through: string;
	readonly by: CohortGroup;
}

export function cohortCellsQuery(o: CohortCellsQueryOptions): BoundQuery {
	// Country and device are refused before (params.ts), so only the partner-side conditions remain.
	const f = filterConditions(o.filters, 'fact');
	const where = [
		'f.cohort_grain = $grain',
		"(f.cohort_grain = 'month' or f.week_start = $week_start)",
		'f.cohort_start between $first::date and least($last::date, $through::date)',
		...f.conditions
	]
		.map((c) => `and ${c}`)
		.join(' ');
	const group = GROUP_EXPRESSION[o.by];
	const sql = `
		with cohorts as (
			select ${group} as grp, f.cohort_start, any_value(f.cohort_end) as cohort_end,
				sum(f.new_customers) as cohort_customers,
				sum(f.commission) as commission,
				sum(f.network_fees) as network_fees,
				sum(f.other_costs + f.shared_cost) as other_costs,
				sum(f.acquisition_cost) as acquisition_cost
			from main.fct_cohort_acquisition_costs as f
			where true ${where}
			group by all
		),
		activity as (
			select ${group} as grp, f.cohort_start, f.period_offset,
				sum(f.customers) as active_customers,
				sum(f.orders) as orders,
				sum(f.revenue) as revenue
			from main.fct_customer_cohorts as f
			where true ${where}
			group by all
		),
		grid as (
			select c.*, unnest(range(0, case when $grain = 'month' then datediff('month', c.cohort_start, $through::date) else ($through::date - c.cohort_start) // 7 end + 1)) as period_offset
			from cohorts as c
		),
		cells as (
			select g.*,
				case when $grain = 'month' then (g.cohort_start + to_months(g.period_offset::integer))::date else g.cohort_start + 7 * g.period_offset::integer end as period_start,
				case when $grain = 'month' then (g.cohort_start + to_months(g.period_offset::integer + 1) - interval 1 day)::date else g.cohort_start + 7 * g.period_offset::integer + 6 end as period_end,
				coalesce(a.active_customers, 0) as active_customers,
				coalesce(a.orders, 0) as orders,
				coalesce(a.revenue, 0) as revenue
			from grid as g
			left join activity as a on a.grp = g.grp and a.cohort_start = g.cohort_start and a.period_offset = g.period_offset
		)
		select c.grp, ${o.by === 'partner' ? 'coalesce(p.partner_name, c.grp)' : 'c.grp'} as group_label,
			c.cohort_start, c.cohort_end, c.period_offset::integer as period_offset, c.period_start, c.period_end,
			c.period_end <= $through::date as complete,
			c.cohort_customers, c.commission, c.network_fees, c.other_costs, c.acquisition_cost,
			c.active_customers, c.orders, c.revenue
		from cells as c
		${o.by === 'partner' ? 'left join main.stg_partners as p on p.partner_id = c.grp' : ''}
		order by c.grp, c.cohort_start, c.period_offset`;
	return {
		sql,
		params: { grain: o.period, week_start: o.weekStart, first: o.first, last: o.last, through: o.through, ...f.params }
	};
}
