import { describe, expect, it } from 'vitest';
import { projectFinal } from './project-final.ts';

const week = { week_start: '2026-06-22', channel: 'coupon', revenue: 1000, approved_revenue: 600, commission: 50, network_fees: 30, other_costs: 10, pending_commission: 20, pending_network_fees: 12 };

describe('projectFinal', () => {
	it('keeps approved revenue and the expected share of pending revenue (by hand)', () => {
		const [p] = projectFinal([week], () => 0.1);
		expect(p!.pending_revenue).toBe(400);
		expect(p!.projected_revenue).toBeCloseTo(600 + 400 * 0.9, 10);
		expect(p!.projected_commission).toBeCloseTo(50 - 2, 10);
		expect(p!.projected_network_fees).toBeCloseTo(30 - 1.2, 10);
		expect(p!.cost).toBeCloseTo(90, 10);
		expect(p!.projected_cost).toBeCloseTo(48 + 28.8 + 10, 10);
	});

	it('leaves a fully decided week as it is and uses each channel its own rate', () => {
		const rows = projectFinal(
			[
				{ ...week, approved_revenue: 1000, pending_commission: 0, pending_network_fees: 0 },
				{ ...week, channel: 'cashback' }
			],
			(c) => (c === 'cashback' ? 0.5 : 0.1)
		);
		expect(rows[0]!.projected_revenue).toBe(1000);
		expect(rows[0]!.projected_cost).toBe(rows[0]!.cost);
		expect(rows[1]!.projected_revenue).toBe(800);
	});
});
