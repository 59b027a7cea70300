import { describe, expect, it } from 'vitest';
import { decomposeRevenueChange, logMean, EFFECTS } from './decompose-revenue-change.ts';

const sumEffects = (e: Record<string, number>) => EFFECTS.reduce((s, k) => s + e[k]!, 0);

describe('decomposeRevenueChange', () => {
	it('gives the whole change to clicks when only traffic grows (hand calculation)', () => {
		const r = decomposeRevenueChange(
			{ clicks: 100, gross_conversions: 5, gross_revenue: 500, revenue: 450 },
			{ clicks: 110, gross_conversions: 5.5, gross_revenue: 550, revenue: 495 }
		);
		expect(r.method).toBe('lmdi');
		expect(r.change).toBeCloseTo(45, 10);
		expect(r.effects.clicks).toBeCloseTo(45, 10);
		expect(r.effects.conversion_rate).toBeCloseTo(0, 10);
		expect(r.effects.order_value).toBeCloseTo(0, 10);
		expect(r.effects.reversals).toBeCloseTo(0, 10);
	});

	it('splits a change in two factors by their log shares (hand calculation)', () => {
		// clicks x2 and AOV x2: revenue 100 -> 400; LMDI weight L(400,100) = 300/ln 4; each effect = L * ln 2 = 150.
		const r = decomposeRevenueChange({ clicks: 10, gross_conversions: 1, gross_revenue: 100, revenue: 100 }, { clicks: 20, gross_conversions: 2, gross_revenue: 400, revenue: 400 });
		expect(r.effects.clicks).toBeCloseTo(150, 9);
		expect(r.effects.order_value).toBeCloseTo(150, 9);
		expect(r.effects.conversion_rate).toBeCloseTo(0, 9);
	});

	it.each([
		['more reversals', { clicks: 1000, gross_conversions: 30, gross_revenue: 3000, revenue: 2700 }, { clicks: 900, gross_conversions: 33, gross_revenue: 2900, revenue: 2000 }],
		['a lower conversion rate', { clicks: 500, gross_conversions: 20, gross_revenue: 1800, revenue: 1700 }, { clicks: 520, gross_conversions: 11, gross_revenue: 1000, revenue: 990 }]
	])('effects add up to the change exactly (%s)', (_, before, after) => {
		const r = decomposeRevenueChange(before, after);
		expect(sumEffects(r.effects)).toBeCloseTo(r.change, 8);
	});

	it('falls back to sequential substitution when a period has no sales, still adding up', () => {
		const r = decomposeRevenueChange({ clicks: 100, gross_conversions: 0, gross_revenue: 0, revenue: 0 }, { clicks: 120, gross_conversions: 3, gross_revenue: 240, revenue: 200 });
		expect(r.method).toBe('sequential');
		expect(sumEffects(r.effects)).toBeCloseTo(200, 9);
	});

	it('does not split revenue that does not factor through clicks (sales without any clicks)', () => {
		const r = decomposeRevenueChange({ clicks: 0, gross_conversions: 2, gross_revenue: 100, revenue: 100 }, { clicks: 0, gross_conversions: 3, gross_revenue: 150, revenue: 150 });
		expect(r.method).toBe('none');
		expect(r.change).toBe(50);
	});
});

describe('logMean', () => {
	it('is (a-b)/(ln a - ln b) and a when a = b', () => {
		expect(logMean(4, 1)).toBeCloseTo(3 / Math.log(4), 12);
		expect(logMean(5, 5)).toBe(5);
	});
});
