import { describe, expect, it } from 'vitest';
import { cohortSummary } from './cohort-summary.ts';
import type { CohortCell } from './cohort-curve.ts';

const cell = (cohort_start: string, cohort_customers: number, acquisition_cost: number, period_offset: number, active_customers: number, revenue: number): CohortCell => ({
	cohort_start,
	cohort_customers,
	acquisition_cost,
	period_offset,
	active_customers,
	revenue,
	complete: true
});

describe('cohortSummary', () => {
	it('sums sizes and costs once per cohort and takes LTV to date over each cohort’s whole history', () => {
		const cells = [
			cell('2026-01-01', 10, 200, 0, 10, 500),
			cell('2026-01-01', 10, 200, 1, 4, 100),
			cell('2026-01-01', 10, 200, 2, 2, 50),
			cell('2026-02-01', 20, 300, 0, 20, 800),
			cell('2026-02-01', 20, 300, 1, 5, 400)
		];
		const s = cohortSummary(cells, 0.3);
		expect(s.cohorts).toBe(2);
		expect(s.customers).toBe(30);
		expect(s.acquisition_cost).toBe(500);
		expect(s.acquisition_cost_per_customer).toBeCloseTo(500 / 30, 12);
		expect(s.retention_1).toBeCloseTo(9 / 30, 12);
		// (650 + 1200) / 30
		expect(s.ltv_to_date).toBeCloseTo(1850 / 30, 12);
		expect(s.cumulative_margin_per_customer_to_date).toBeCloseTo((1850 / 30) * 0.3, 12);
		expect(s.last_offset).toBe(2);
		expect(s.payback_period).toBe(1);
	});

	it('has no retention in period 1 for a cohort that has not reached it', () => {
		const s = cohortSummary([cell('2026-06-01', 5, 50, 0, 5, 100)], 0.3);
		expect(s.retention_1).toBeNull();
		expect(s.last_offset).toBe(0);
		// 20 x 0.3 = 6 < 10
		expect(s.payback_period).toBeNull();
	});

	it('is all zeros and nulls for no cells', () => {
		expect(cohortSummary([], 0.3)).toEqual({
			cohorts: 0,
			customers: 0,
			acquisition_cost: 0,
			acquisition_cost_per_customer: null,
			retention_1: null,
			ltv_to_date: null,
			cumulative_margin_per_customer_to_date: null,
			last_offset: null,
			payback_period: null
		});
	});
});
