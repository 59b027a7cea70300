import { describe, expect, it } from 'vitest';
import { partnerCohortRevenue } from './cohort-partner-revenue.ts';
import type { CohortPartner } from './cohort-partner-activation.ts';

const p = (partner_id: string, joined_at: string): CohortPartner => ({ partner_id, join_month: `${joined_at.slice(0, 7)}-01`, joined_at, days_to_first_sale: null });

describe('partnerCohortRevenue', () => {
	it('accumulates revenue by months since joining, zero months included, per partner of the cohort', () => {
		const points = partnerCohortRevenue(
			[p('a', '2026-04-03'), p('b', '2026-04-20'), p('c', '2026-06-01')],
			[
				{ partner_id: 'a', months_since_join: 0, revenue: 100, conversions: 1 },
				{ partner_id: 'b', months_since_join: 0, revenue: 50, conversions: 1 },
				{ partner_id: 'a', months_since_join: 2, revenue: 30, conversions: 1 },
				{ partner_id: 'c', months_since_join: 0, revenue: 10, conversions: 1 },
				{ partner_id: 'x', months_since_join: 0, revenue: 999, conversions: 9 }
			],
			'2026-06-15'
		);
		const april = points.filter((q) => q.join_month === '2026-04-01');
		expect(april.map((q) => q.months_since_join)).toEqual([0, 1, 2]);
		expect(april.map((q) => q.cumulative_revenue)).toEqual([150, 150, 180]);
		expect(april.map((q) => q.cumulative_revenue_per_partner)).toEqual([75, 75, 90]);
		expect(april.map((q) => q.complete)).toEqual([true, true, false]);
		const june = points.filter((q) => q.join_month === '2026-06-01');
		expect(june).toEqual([{ join_month: '2026-06-01', months_since_join: 0, partners: 1, revenue: 10, conversions: 1, cumulative_revenue: 10, cumulative_revenue_per_partner: 10, complete: false }]);
	});

	it('marks the month of the data’s last day complete when that day ends the month', () => {
		const points = partnerCohortRevenue([p('a', '2026-06-03')], [], '2026-06-30');
		expect(points).toEqual([{ join_month: '2026-06-01', months_since_join: 0, partners: 1, revenue: 0, conversions: 0, cumulative_revenue: 0, cumulative_revenue_per_partner: 0, complete: true }]);
	});
});
