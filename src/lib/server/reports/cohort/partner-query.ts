/**
 * Bound SQL for partner cohorts (pure): the partners who joined in the selected months (on or after the
 * data's first day), and their revenue by months since joining. The channel, partner and tier filters apply
 * to the partner. Called by partners.ts.
 */
import type { Filters } from '../params/filters.ts';
import { filterConditions, type BoundQuery } from '../shared/metric-query.ts';

function memberConditions(filters: Filters, first: string, last: string, through: string) {
	const f = filterConditions(filters, 'fact');
	return {
		where: ['f.joined_within_data', 'f.join_month between $first::date and $last::date', 'f.joined_at <= $through::date', ...f.conditions].join(' and '),
		params: { first, last, through, ...f.params }
	};
}

export function partnerCohortMembersQuery(filters: Filters, first: string, last: string, through: string): BoundQuery {
	const m = memberConditions(filters, first, last, through);
	return {
		sql: `select f.partner_id, f.partner_name, f.channel, f.tier, f.joined_at, f.join_month, f.first_sale_date, f.days_to_first_sale
			from main.fct_partner_cohort_members as f
			where ${m.where}
			order by f.join_month, f.joined_at, f.partner_id`,
		params: m.params
	};
}

export function partnerCohortRevenueQuery(filters: Filters, first: string, last: string, through: string): BoundQuery {
	const m = memberConditions(filters, first, last, through);
	return {
		sql: `select r.partner_id, r.months_since_join, r.conversions, r.revenue
			from main.fct_partner_cohort_revenue as r
			join main.fct_partner_cohort_members as f using (partner_id)
			where ${m.where} and r.months_since_join <= datediff('month', f.join_month, $through::date)`,
		params: m.params
	};
}
