import { describe, expect, it } from 'vitest';
import { cohortCurve, type CohortCell } from './cohort-curve.ts';

const cell = (cohort_start: string, cohort_customers: number, acquisition_cost: number, period_offset: number, active_customers: number, revenue: number, complete = true): CohortCell => ({
	cohort_start,
	cohort_customers,
	acquisition_cost,
	period_offset,
	active_customers,
	revenue,
	complete
});

// January: 10 customers, cost 200; spent 500, 100, 50 in periods 0..2 (4 and 2 came back).
// February: 20 customers, cost 300; spent 800, 400 in periods 0..1 (5 came back); period 1 still running.
const JAN = [cell('2026-01-01', 10, 200, 0, 10, 500), cell('2026-01-01', 10, 200, 1, 4, 100), cell('2026-01-01', 10, 200, 2, 2, 50)];
const FEB = [cell('2026-02-01', 20, 300, 0, 20, 800), cell('2026-02-01', 20, 300, 1, 5, 400, false)];

describe('cohortCurve', () => {
	it('computes one cohort by hand: retention, LTV, acquisition cost and margin per customer', () => {
		const { points, payback_period } = cohortCurve(JAN, 0.3);
		expect(points.map((p) => p.retention)).toEqual([1, 0.4, 0.2]);
		expect(points.map((p) => p.cumulative_revenue)).toEqual([500, 600, 650]);
		expect(points.map((p) => p.ltv)).toEqual([50, 60, 65]);
		expect(points.map((p) => p.acquisition_cost_per_customer)).toEqual([20, 20, 20]);
		// 50 x 0.3 = 15 < 20; 60 x 0.3 = 18 < 20; 65 x 0.3 = 19.5 < 20: not yet paid back
		expect(points.map((p) => p.cumulative_margin_per_customer)).toEqual([15, 18, 19.5].map((v) => expect.closeTo(v, 10)));
		expect(points.map((p) => p.paid_back)).toEqual([false, false, false]);
		expect(payback_period).toBeNull();
		// at 40% margin: 20, 24, 26 against 20 -> period 0
		expect(cohortCurve(JAN, 0.4).payback_period).toBe(0);
	});

	it('adds cohorts up per period over the cohorts that have reached it', () => {
		const { points } = cohortCurve([...JAN, ...FEB], 0.3);
		expect(points.map((p) => p.cohorts)).toEqual([2, 2, 1]);
		expect(points.map((p) => p.customers)).toEqual([30, 30, 10]);
		// period 1: (4 + 5) / 30; period 2: only January, 2 / 10
		expect(points.map((p) => p.retention)).toEqual([1, 9 / 30, 0.2]);
		// cumulative: k0 500 + 800 = 1300; k1 600 + 1200 = 1800; k2 January alone 650
		expect(points.map((p) => p.cumulative_revenue)).toEqual([1300, 1800, 650]);
		expect(points.map((p) => p.ltv)).toEqual([1300 / 30, 60, 65]);
		expect(points.map((p) => p.acquisition_cost_per_customer)).toEqual([500 / 30, 500 / 30, 20]);
		expect(points.map((p) => p.complete)).toEqual([true, false, true]);
		// k0: 43.33 x 0.3 = 13 < 16.67; k1: 60 x 0.3 = 18 >= 16.67 -> paid back in period 1
		expect(cohortCurve([...JAN, ...FEB], 0.3).payback_period).toBe(1);
	});

	it('gives an empty curve for no cells and null ratios for an empty cohort', () => {
		expect(cohortCurve([], 0.3)).toEqual({ points: [], payback_period: null });
		const [p] = cohortCurve([cell('2026-01-01', 0, 0, 0, 0, 0)], 0.3).points;
		expect(p!.retention).toBeNull();
		expect(p!.ltv).toBeNull();
		expect(p!.paid_back).toBeNull();
	});

	it('does not depend on the order of the cells', () => {
		const shuffled = [FEB[1]!, JAN[2]!, FEB[0]!, JAN[0]!, JAN[1]!];
		expect(cohortCurve(shuffled, 0.3)).toEqual(cohortCurve([...JAN, ...FEB], 0.3));
	});
});
