import { describe, expect, it } from 'vitest';
import { aicc } from './aicc.ts';
import { mae } from './mae.ts';
import { maseScale } from './mase-scale.ts';
import { mase } from './mase.ts';
import { smape } from './smape.ts';

describe('mae', () => {
	it.each([
		{ a: [1, 2, 3], f: [2, 2, 5], want: 1 },
		{ a: [], f: [], want: 0 }
	])('mae($a, $f) = $want', ({ a, f, want }) => expect(mae(a, f)).toBe(want));
});

describe('smape', () => {
	it.each([
		{ a: [100, 0], f: [110, 0], want: (200 * 10) / 210 / 2 },
		{ a: [0, 0], f: [0, 0], want: 0 },
		{ a: [1], f: [-1], want: 200 },
		{ a: [], f: [], want: 0 }
	])('smape($a, $f) = $want', ({ a, f, want }) => expect(smape(a, f)).toBeCloseTo(want, 12));
});

describe('maseScale', () => {
	it.each([
		{ y: [1, 2, 4, 7], m: 1, want: 2 },
		{ y: [1, 5, 2, 6, 3, 7], m: 2, want: 1 },
		// shorter than a season: lag 1
		{ y: [1, 2, 4], m: 12, want: 1.5 },
		// seasonal differences all zero: lag 1
		{ y: [1, 5, 1, 5], m: 2, want: 4 },
		// flat: mean |y|, then 1
		{ y: [5, 5, 5], m: 1, want: 5 },
		{ y: [0, 0, 0], m: 1, want: 1 }
	])('maseScale($y, $m) = $want', ({ y, m, want }) => expect(maseScale(y, m)).toBe(want));
});

describe('mase', () => {
	it('divides the MAE by the in-sample seasonal naive MAE', () => {
		expect(mase([5, 6], [4, 6], [1, 2, 3, 4], 1)).toBe(0.5);
	});
	it('is finite on a flat training series', () => {
		expect(mase([3, 3], [3, 3], [3, 3, 3], 1)).toBe(0);
		expect(Number.isFinite(mase([4], [3], [0, 0, 0], 1))).toBe(true);
	});
});

describe('aicc', () => {
	it.each([
		{ sse: 10, n: 20, k: 2, want: 20 * Math.log(0.5) + 4 + 12 / 17 },
		{ sse: 10, n: 3, k: 2, want: Number.POSITIVE_INFINITY }
	])('aicc($sse, $n, $k)', ({ sse, n, k, want }) => expect(aicc(sse, n, k)).toBeCloseTo(want, 10));

	it('ranks perfect fits by their number of parameters instead of returning -Infinity', () => {
		expect(Number.isFinite(aicc(0, 10, 1))).toBe(true);
		expect(aicc(0, 10, 1)).toBeLessThan(aicc(0, 10, 3));
	});
});
