import { describe, expect, it } from 'vitest';
import { acf } from './acf.ts';
import { isSeasonal } from './is-seasonal.ts';
import { reseasonalise } from './reseasonalise.ts';
import { seasonalAdjustment } from './seasonal-adjustment.ts';
import { seasonalIndices } from './seasonal-indices.ts';
import { ses } from './ses.ts';

describe('acf', () => {
	it.each([
		{ y: [1, 2, 1, 2], lag: 1, want: [-0.75] },
		// mean 2.5, denominator 5; lag 1: (-1.5)(-0.5) + (-0.5)(0.5) + (0.5)(1.5) = 1.25 -> 0.25
		{ y: [1, 2, 3, 4], lag: 2, want: [0.25, (-1.5 * 0.5 + -0.5 * 1.5) / 5] },
		{ y: [3, 3, 3], lag: 1, want: [0] }
	])('acf($y, $lag)', ({ y, lag, want }) => {
		acf(y, lag).forEach((r, i) => expect(r).toBeCloseTo(want[i]!, 12));
	});
});

describe('isSeasonal', () => {
	const pattern = (p: number[], n: number) => Array.from({ length: n }, (_, t) => p[t % p.length]!);
	it.each([
		{ name: 'a repeating pattern', y: pattern([1, 9, 5, 3], 24), m: 4, want: true },
		{ name: 'a straight line', y: Array.from({ length: 24 }, (_, t) => t), m: 4, want: false },
		{ name: 'fewer than three seasons', y: pattern([1, 9, 5, 3], 11), m: 4, want: false },
		{ name: 'a constant', y: pattern([2], 24), m: 4, want: false },
		{ name: 'period 1', y: pattern([1, 9], 24), m: 1, want: false }
	])('$name -> $want', ({ y, m, want }) => expect(isSeasonal(y, m)).toBe(want));
});

describe('seasonalIndices', () => {
	it.each([
		{ y: [1, 3, 1, 3, 1, 3], m: 2, type: 'additive' as const, want: [-1, 1] },
		{ y: [10, 30, 10, 30, 10, 30, 10, 30], m: 2, type: 'multiplicative' as const, want: [0.5, 1.5] },
		// odd period: plain moving average of 3
		{ y: [2, 4, 6, 2, 4, 6, 2, 4, 6], m: 3, type: 'additive' as const, want: [-2, 0, 2] }
	])('$type, period $m', ({ y, m, type, want }) => {
		seasonalIndices(y, m, type).forEach((s, i) => expect(s).toBeCloseTo(want[i]!, 12));
	});
	it('needs two seasons', () => expect(() => seasonalIndices([1, 2, 3], 2, 'additive')).toThrow(RangeError));
});

describe('seasonalAdjustment and reseasonalise', () => {
	it('divides a multiplicative season out and multiplies it back into the forecast', () => {
		const y = Array.from({ length: 24 }, (_, t) => (t % 2 ? 30 : 10));
		const adjustment = seasonalAdjustment(y, 2);
		expect(adjustment.type).toBe('multiplicative');
		adjustment.adjusted.forEach((v) => expect(v).toBeCloseTo(20, 10));
		const fit = reseasonalise(ses(adjustment.adjusted, { horizon: 3 }), y, adjustment);
		fit.forecast.forEach((f, i) => expect(f).toBeCloseTo([10, 30, 10][i]!, 6));
	});

	it('uses an additive season when a value is <= 0', () => {
		const y = Array.from({ length: 24 }, (_, t) => (t % 2 ? 5 : -5));
		expect(seasonalAdjustment(y, 2).type).toBe('additive');
	});

	it('leaves a non-seasonal series alone', () => {
		const y = Array.from({ length: 24 }, (_, t) => t);
		const adjustment = seasonalAdjustment(y, 4);
		expect(adjustment.type).toBe('none');
		const fit = ses(y, { horizon: 2 });
		expect(reseasonalise(fit, y, adjustment)).toBe(fit);
	});
});
