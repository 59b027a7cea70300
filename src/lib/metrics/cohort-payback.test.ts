import { describe, expect, it } from 'vitest';
import { paybackPeriod } from './cohort-payback.ts';

/** Cumulative margin per customer from revenue per customer per period and a gross margin, by hand. */
const points = (revenuePerCustomer: number[], margin: number, cost: number) => {
	let cumulative = 0;
	return revenuePerCustomer.map((r, offset) => {
		cumulative += r;
		return { offset, marginPerCustomer: cumulative * margin, costPerCustomer: cost };
	});
};

describe('paybackPeriod', () => {
	it.each([
		// revenue per customer [50, 20, 20, 20] x 30% -> cumulative margin 15, 21, 27, 33 against 30: period 3
		{ name: 'pays back in period 3', revenue: [50, 20, 20, 20], margin: 0.3, cost: 30, expected: 3 },
		// 100 x 0.3 = 30 >= 30 exactly: the first period already pays back
		{ name: 'pays back in period 0 when equal', revenue: [100, 10], margin: 0.3, cost: 30, expected: 0 },
		// 40 x 0.5 = 20, 60 x 0.5 = 30, 70 x 0.5 = 35 against 36: never within the periods seen
		{ name: 'never pays back (null)', revenue: [40, 20, 10], margin: 0.5, cost: 36, expected: null },
		// no acquisition cost: paid back at once
		{ name: 'zero cost pays back at 0', revenue: [0, 0], margin: 0.3, cost: 0, expected: 0 },
		// 200 x 0.25 = 50 < 60; 240 x 0.25 = 60 >= 60: period 1
		{ name: 'money with cents', revenue: [200, 40, 1], margin: 0.25, cost: 60, expected: 1 }
	])('$name', ({ revenue, margin, cost, expected }) => {
		expect(paybackPeriod(points(revenue, margin, cost))).toBe(expected);
	});

	it('uses the first period in offset order, whatever the input order', () => {
		const p = points([10, 30, 30, 30], 1, 40);
		expect(paybackPeriod([...p].reverse())).toBe(1);
	});

	it('lets the cost per customer differ by period (several cohorts together)', () => {
		expect(
			paybackPeriod([
				{ offset: 0, marginPerCustomer: 10, costPerCustomer: 12 },
				{ offset: 1, marginPerCustomer: 13, costPerCustomer: 14 },
				{ offset: 2, marginPerCustomer: 15, costPerCustomer: 14 }
			])
		).toBe(2);
	});

	it('tolerates rounding noise but not a real shortfall', () => {
		expect(paybackPeriod([{ offset: 0, marginPerCustomer: 0.1 + 0.2, costPerCustomer: 0.3 }])).toBe(0);
		expect(paybackPeriod([{ offset: 0, marginPerCustomer: 29.99, costPerCustomer: 30 }])).toBeNull();
	});

	it('returns null for no points and skips non-finite ones', () => {
		expect(paybackPeriod([])).toBeNull();
		expect(paybackPeriod([{ offset: 0, marginPerCustomer: Number.NaN, costPerCustomer: 1 }, { offset: 1, marginPerCustomer: 2, costPerCustomer: 1 }])).toBe(1);
	});
});
