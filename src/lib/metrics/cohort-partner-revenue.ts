/**
 * Cumulative revenue of partner cohorts by calendar months since the join month (pure). Called by the cohort
 * report for the partner-cohort curves; definitions in cohort-definitions.ts.
 */
import type { CohortPartner } from './cohort-partner-activation.ts';

export interface PartnerMonthRevenue {
	readonly partner_id: string;
	readonly months_since_join: number;
	readonly revenue: number;
	readonly conversions: number;
}

export interface PartnerCohortRevenuePoint {
	readonly join_month: string;
	readonly months_since_join: number;
	readonly partners: number;
	readonly revenue: number;
	readonly conversions: number;
	readonly cumulative_revenue: number;
	readonly cumulative_revenue_per_partner: number;
	/** The month has ended by the data's last day. */
	readonly complete: boolean;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

function isLastDayOfMonth(date: string): boolean {
	const next = new Date(`${date}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return next.getUTCDate() === 1;
}

/**
 * One point per join month and month k = 0 .. (the month of `through`), months without sales as zeros.
 * Revenue rows of partners not in `partners` are ignored (filtered out or joined before the data).
 *
 * @example partnerCohortRevenue([{ partner_id: 'a', join_month: '2026-05-01', joined_at: '2026-05-03', days_to_first_sale: 2 }], [{ partner_id: 'a', months_since_join: 1, revenue: 100, conversions: 2 }], '2026-06-30')
 * // [{ months_since_join: 0, cumulative_revenue: 0, ... }, { months_since_join: 1, cumulative_revenue: 100, complete: true, ... }]
 * Complexity: O(cohorts x months + rows).
 */
export function partnerCohortRevenue(partners: readonly CohortPartner[], revenue: readonly PartnerMonthRevenue[], through: string): PartnerCohortRevenuePoint[] {
	const monthOf = new Map(partners.map((p) => [p.partner_id, p.join_month]));
	const size = new Map<string, number>();
	for (const p of partners) size.set(p.join_month, (size.get(p.join_month) ?? 0) + 1);
	const cells = new Map<string, { revenue: number; conversions: number }>();
	for (const r of revenue) {
		const month = monthOf.get(r.partner_id);
		if (month === undefined) continue;
		const key = `${month}|${r.months_since_join}`;
		const c = cells.get(key) ?? { revenue: 0, conversions: 0 };
		c.revenue += r.revenue;
		c.conversions += r.conversions;
		cells.set(key, c);
	}
	const out: PartnerCohortRevenuePoint[] = [];
	const last = monthIndex(through);
	for (const month of [...size.keys()].sort()) {
		const partnersInCohort = size.get(month)!;
		let cumulative = 0;
		for (let k = 0; k <= last - monthIndex(month); k++) {
			const c = cells.get(`${month}|${k}`) ?? { revenue: 0, conversions: 0 };
			cumulative += c.revenue;
			out.push({
				join_month: month,
				months_since_join: k,
				partners: partnersInCohort,
				revenue: c.revenue,
				conversions: c.conversions,
				cumulative_revenue: cumulative,
				cumulative_revenue_per_partner: cumulative / partnersInCohort,
				complete: monthIndex(month) + k < last || isLastDayOfMonth(through)
			});
		}
	}
	return out;
}
