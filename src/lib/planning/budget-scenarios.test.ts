import { describe, expect, it } from 'vitest';
import { budgetScenarios } from './budget-scenarios.ts';

const channels = [
	{ channel: 'x', curve: { kind: 'power' as const, a: 10, b: 0.5 }, min: 50, max: 800, recent: 100 },
	{ channel: 'y', curve: { kind: 'power' as const, a: 20, b: 0.5 }, min: 50, max: 800, recent: 100 }
];

describe('budgetScenarios', () => {
	const [hold, target, floor] = budgetScenarios({ channels, targetWeekly: 500, floor: 0.4, horizon: 13, fixedCost: 10, grossMargin: 0.5 });

	it('holds the recent spend', () => {
		expect(hold!.rows.map((r) => r.cost)).toEqual([100, 100]);
		// Revenue 10 x 10 + 20 x 10 = 300 a week; cost 200 + 10 fixed.
		expect(hold!.weekly).toMatchObject({ revenue: 300, cost: 210 });
		expect(hold!.total.revenue).toBeCloseTo(3900, 8);
		expect(hold!.total.cost).toBeCloseTo(2730, 8);
		expect(hold!.total.netContribution).toBeCloseTo(3900 * 0.5 - 2730, 8);
		expect(hold!.weekly.roas).toBeCloseTo(300 / 210, 12);
	});

	it('reaches the target at equal marginal ROAS and flags rows below break-even (1 / margin = 2)', () => {
		expect(target!.status).toBe('reached');
		expect(target!.rows.map((r) => r.cost)).toEqual([expect.closeTo(100, 5), expect.closeTo(400, 5)]);
		expect(target!.thresholdRoas).toBeCloseTo(0.5, 6);
		expect(target!.rows.every((r) => r.belowBreakEven)).toBe(true);
		expect(target!.reachable!.max).toBeCloseTo(30 * Math.sqrt(800), 8);
	});

	it('spends to the floor', () => {
		// x: 5 / sqrt(C) = 0.4 -> C = 156.25; y: 10 / sqrt(C) = 0.4 -> C = 625.
		expect(floor!.rows.map((r) => r.cost)).toEqual([expect.closeTo(156.25, 6), expect.closeTo(625, 6)]);
	});
});
