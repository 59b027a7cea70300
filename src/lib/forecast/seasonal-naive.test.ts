import { describe, expect, it } from 'vitest';
import { naive } from './naive.ts';
import { seasonalNaive } from './seasonal-naive.ts';

describe('seasonalNaive', () => {
	it.each([
		{ y: [1, 2, 3, 4, 5, 6], period: 3, horizon: 4, forecast: [4, 5, 6, 4], method: 'seasonal-naive', v: [1, 1, 1, 2] },
		{ y: [1, 2, 3, 4, 5, 6], period: 1, horizon: 2, forecast: [6, 6], method: 'naive', v: [1, 2] },
		{ y: [1, 2], period: 12, horizon: 2, forecast: [2, 2], method: 'naive', v: [1, 2] }
	])('period $period on $y', ({ y, period, horizon, forecast, method, v }) => {
		const fit = seasonalNaive(y, { horizon, period });
		expect(fit.forecast).toEqual(forecast);
		expect(fit.method).toBe(method);
		expect(fit.varianceFactors).toEqual(v);
	});

	it('scores its in-sample errors from the second season on', () => {
		const fit = seasonalNaive([1, 2, 3, 5, 2, 1], { horizon: 1, period: 3 });
		expect(fit.fittedFrom).toBe(3);
		expect(fit.fitted).toEqual([1, 2, 3, 1, 2, 3]);
		expect(fit.sse).toBe(16 + 0 + 4);
	});
});

describe('naive', () => {
	it('repeats the last value', () => {
		expect(naive([3, 1, 4], { horizon: 2 }).forecast).toEqual([4, 4]);
	});
});
