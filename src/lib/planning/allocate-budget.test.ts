import { describe, expect, it } from 'vitest';
import { allocateBudget } from './allocate-budget.ts';
import type { BudgetChannel } from './channel-spend.ts';
import { fitPowerCurve } from './fit-power-curve.ts';
import { marginalRoas } from './response-curve.ts';

const wide = (channel: string, a: number, b: number, min = 0, max = 1e6): BudgetChannel => ({ channel, curve: { kind: b === 1 ? 'linear' : 'power', a, b }, min, max });

describe('allocateBudget', () => {
	it('equalises marginal ROAS: 10 sqrt(C1) + 20 sqrt(C2) = 500 costs 100 and 400 (by hand)', () => {
		// Equal marginal ROAS 5 / sqrt(C1) = 10 / sqrt(C2) gives C2 = 4 C1, so 10 sqrt(C1) + 40 sqrt(C1) = 500.
		const a = allocateBudget([wide('x', 10, 0.5), wide('y', 20, 0.5)], 500);
		expect(a.status).toBe('reached');
		expect(a.rows[0]!.cost).toBeCloseTo(100, 6);
		expect(a.rows[1]!.cost).toBeCloseTo(400, 6);
		expect(a.rows[0]!.marginalRoas).toBeCloseTo(0.5, 8);
		expect(a.rows[1]!.marginalRoas).toBeCloseTo(0.5, 8);
		expect(a.thresholdRoas).toBeCloseTo(0.5, 8);
		expect(a.revenue).toBeCloseTo(500, 6);
		expect(a.cost).toBeCloseTo(500, 6);
	});

	it('holds a channel at its bound and spends the rest on the other', () => {
		// y may spend at most 100: it brings 200; x must bring 300 alone: C1 = 900.
		const a = allocateBudget([wide('x', 10, 0.5), wide('y', 20, 0.5, 0, 100)], 500);
		expect(a.rows[1]).toMatchObject({ cost: 100, atBound: 'max' });
		expect(a.rows[0]!.cost).toBeCloseTo(900, 5);
		expect(a.rows[0]!.atBound).toBeNull();
		expect(a.thresholdRoas).toBeCloseTo(marginalRoas({ kind: 'power', a: 10, b: 0.5 }, 900), 8);
	});

	it('fills linear channels best ROAS first', () => {
		const a = allocateBudget([wide('low', 3, 1, 10, 100), wide('high', 8, 1, 10, 100), wide('mid', 5, 1, 10, 100)], 1000);
		// At the lower bounds: 30 + 80 + 50 = 160. high to 100 adds 720 (880); mid adds the last 120 (24 of cost).
		expect(a.status).toBe('reached');
		expect(a.rows.map((r) => r.cost)).toEqual([10, 100, expect.closeTo(34, 6)]);
		expect(a.revenue).toBeCloseTo(1000, 6);
		expect(a.thresholdRoas).toBeCloseTo(5, 6);
	});

	it('mixes a line and a power curve at the same marginal ROAS', () => {
		// The line's ROAS 2 is the threshold: the power channel spends to marginal ROAS 2 (C = (10 x 0.5 / 2)^2 = 6.25).
		const a = allocateBudget([wide('line', 2, 1, 0, 1000), wide('curve', 10, 0.5)], 100);
		expect(a.rows[1]!.cost).toBeCloseTo(6.25, 6);
		expect(a.rows[0]!.cost).toBeCloseTo((100 - 25) / 2, 6);
		expect(a.revenue).toBeCloseTo(100, 6);
	});

	it('reports a target above what the bounds allow, with the most that can be reached', () => {
		const a = allocateBudget([wide('x', 10, 0.5, 0, 100), wide('y', 20, 0.5, 0, 100)], 1000);
		expect(a.status).toBe('above-maximum');
		expect(a.maxRevenue).toBeCloseTo(300, 8);
		expect(a.rows.every((r) => r.atBound === 'max')).toBe(true);
		expect(a.thresholdRoas).toBeNull();
	});

	it('reports a target the lower bounds already exceed', () => {
		const a = allocateBudget([wide('x', 10, 0.5, 100, 400), wide('y', 20, 0.5, 100, 400)], 50);
		expect(a.status).toBe('below-minimum');
		expect(a.minRevenue).toBeCloseTo(300, 8);
		expect(a.rows.every((r) => r.atBound === 'min')).toBe(true);
	});

	it('finds the allocation on curves recovered from generated points', () => {
		const points = (a: number, b: number) => Array.from({ length: 20 }, (_, i) => ({ cost: 50 + 25 * i, revenue: a * (50 + 25 * i) ** b }));
		const x = fitPowerCurve(points(10, 0.5))!;
		const y = fitPowerCurve(points(20, 0.5))!;
		const a = allocateBudget([wide('x', x.a, x.b), wide('y', y.a, y.b)], 500);
		expect(a.rows.map((r) => r.cost)).toEqual([expect.closeTo(100, 5), expect.closeTo(400, 5)]);
	});

	it('widens its search when a zero lower bound leaves much revenue on a flat curve', () => {
		// A spend of 1e-6 on the flat curve still brings 100 x 1e-6^0.1 = 25: more than the target.
		const a = allocateBudget([wide('flat', 100, 0.1, 0, 1000), wide('y', 20, 0.5, 0, 1000)], 20);
		expect(a.status).toBe('reached');
		expect(a.revenue).toBeCloseTo(20, 6);
		expect(a.rows[0]!.marginalRoas! / a.rows[1]!.marginalRoas!).toBeCloseTo(1, 6);
	});
});
