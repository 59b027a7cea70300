import { describe, expect, it } from 'vitest';
import { median, partnerCohortActivation, type CohortPartner } from './cohort-partner-activation.ts';

const p = (partner_id: string, joined_at: string, days_to_first_sale: number | null): CohortPartner => ({ partner_id, join_month: `${joined_at.slice(0, 7)}-01`, joined_at, days_to_first_sale });

describe('partnerCohortActivation', () => {
	it('counts activation within 30/60/90 days over the partners whose window has passed', () => {
		const rows = partnerCohortActivation(
			[p('a', '2026-03-02', 10), p('b', '2026-03-10', 45), p('c', '2026-03-20', null), p('d', '2026-03-31', 85), p('e', '2026-05-20', 3)],
			'2026-06-20'
		);
		expect(rows.map((r) => r.join_month)).toEqual(['2026-03-01', '2026-05-01']);
		const march = rows[0]!;
		expect(march.partners).toBe(4);
		expect(march.partners_with_sale).toBe(3);
		// all four joined 30+ days before 2026-06-20: only a sold within 30 days
		expect([march.eligible_30, march.activated_30, march.activation_30]).toEqual([4, 1, 0.25]);
		// 60 days: all four eligible (d joined 81 days before); a and b sold within 60
		expect([march.eligible_60, march.activated_60, march.activation_60]).toEqual([4, 2, 0.5]);
		// 90 days: a (110 days), b (102), c (92) eligible; d (81 days) not yet: a and b of 3
		expect([march.eligible_90, march.activated_90]).toEqual([3, 2]);
		expect(march.activation_90).toBeCloseTo(2 / 3, 12);
		// median of 10, 45, 85
		expect(march.median_days_to_first_sale).toBe(45);
		const may = rows[1]!;
		// joined 31 days before: eligible for 30 days only
		expect([may.eligible_30, may.activated_30, may.activation_30, may.eligible_60, may.activation_60]).toEqual([1, 1, 1, 0, null]);
	});

	it('counts a sale on day 30 as within 30 days', () => {
		const [row] = partnerCohortActivation([p('a', '2026-01-01', 30)], '2026-06-30');
		expect(row!.activation_30).toBe(1);
	});

	it('returns nothing for no partners', () => {
		expect(partnerCohortActivation([], '2026-06-30')).toEqual([]);
	});
});

describe('median', () => {
	it.each([
		[[], null],
		[[4], 4],
		[[9, 1, 5], 5],
		[[1, 2, 3, 10], 2.5]
	])('median(%j) = %j', (values, expected) => {
		expect(median(values)).toBe(expected);
	});
});
