import { describe, expect, it } from 'vitest';
import { backtest } from './backtest.ts';
import { planBacktest } from './plan-backtest.ts';
import { selectMethod } from './select-method.ts';

describe('planBacktest', () => {
	it.each([
		{ name: 'monthly, 10 years', n: 120, horizon: 12, period: 12, want: { horizon: 12, first: 97, count: 12 } },
		{ name: 'backtest horizon capped at n / 4', n: 20, horizon: 12, period: 1, want: { horizon: 5, first: 5, count: 11 } },
		{ name: 'fewer origins than the maximum', n: 12, horizon: 2, period: 1, want: { horizon: 2, first: 5, count: 6 } }
	])('$name', ({ n, horizon, period, want }) => {
		const plan = planBacktest({ n, horizon, period, methods: ['naive', 'ses', 'damped'] })!;
		expect(plan.horizon).toBe(want.horizon);
		expect(plan.origins[0]).toBe(want.first);
		expect(plan.origins).toHaveLength(want.count);
		expect(plan.origins.at(-1)).toBe(n - want.horizon);
	});

	it('leaves out a method the first origin is too short for, keeping enough origins', () => {
		// Holt-Winters with period 12 needs 26 points; 30 points leave 30 - 7 - 26 + 1 = -2 origins for it.
		const plan = planBacktest({ n: 30, horizon: 12, period: 12, methods: ['naive', 'holt-winters-additive'] })!;
		expect(plan.methods).toEqual(['naive']);
		expect(plan.excluded['holt-winters-additive']).toMatch(/too short to backtest/);
	});

	it('starts later to let a long-memory method in when origins remain', () => {
		const plan = planBacktest({ n: 40, horizon: 6, period: 12, methods: ['naive', 'holt-winters-additive'] })!;
		expect(plan.origins[0]).toBe(26);
		expect(plan.methods).toContain('holt-winters-additive');
	});

	it('gives up on a series too short for three origins', () => {
		expect(planBacktest({ n: 6, horizon: 3, period: 1, methods: ['naive', 'ses'] })).toBeUndefined();
	});
});

describe('backtest', () => {
	it('scores each origin against the points that follow it', () => {
		// naive on 1..10 from origins 6, 7, 8 with horizon 2: errors 1, 2 at every origin.
		const y = Array.from({ length: 10 }, (_, t) => t + 1);
		const run = backtest(y, { origins: [6, 7, 8], horizon: 2, period: 1, methods: ['naive'] });
		expect(run.errors.naive).toEqual([[1, 2], [1, 2], [1, 2]]);
		expect(run.forecasts.naive).toEqual([[6, 6], [7, 7], [8, 8]]);
		// MAE 1.5 at every origin; the in-sample naive MAE of 1..k is 1, so MASE is 1.5 too.
		expect(run.scores.naive).toEqual({ mae: 1.5, mase: 1.5, smape: expect.any(Number) });
	});
});

describe('selectMethod', () => {
	it.each([
		{ scores: { naive: 1.2, ses: 0.9, holt: 0.95 }, want: 'ses' },
		// within 0.1%: the simpler method wins
		{ scores: { naive: 1.2, ses: 0.9, holt: 0.9005 }, want: 'ses' },
		{ scores: { holt: 0.9, ses: 0.9005 }, want: 'ses' },
		{ scores: { naive: Number.NaN, damped: 2 }, want: 'damped' }
	])('$scores -> $want', ({ scores, want }) => {
		expect(selectMethod(scores, 'test score').chosen).toBe(want);
	});

	it('explains the choice with the runners-up and the benchmark', () => {
		const { reason } = selectMethod({ naive: 1.1, 'seasonal-naive': 1, ses: 0.95, theta: 0.9, holt: 0.85, damped: 0.8 }, 'mean backtest MASE');
		expect(reason).toBe('lowest mean backtest MASE: damped 0.800; then holt 0.850, theta 0.900, ses 0.950; seasonal-naive 1.000');
	});

	it('refuses an empty field', () => expect(() => selectMethod({}, 'x')).toThrow(RangeError));
});
