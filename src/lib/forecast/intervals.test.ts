import { describe, expect, it } from 'vitest';
import { analyticSigmas } from './analytic-sigmas.ts';
import { backtestCoverage } from './backtest-coverage.ts';
import { centralQuantile } from './central-quantile.ts';
import { horizonSigmas } from './horizon-sigmas.ts';
import { intervalHalfWidths } from './interval-half-widths.ts';
import { predictionIntervals } from './prediction-intervals.ts';
import { relativeErrors } from './relative-errors.ts';

describe('centralQuantile', () => {
	// Normal quantiles from Python's statistics.NormalDist().inv_cdf; t quantiles from printed t tables.
	it.each([
		{ level: 80, df: Infinity, want: 1.2815515655446004 },
		{ level: 95, df: Infinity, want: 1.959963984540054 },
		{ level: 99, df: Infinity, want: 2.5758293035489 },
		{ level: 95, df: 1, want: 12.706205 },
		{ level: 95, df: 2, want: 4.302653 },
		{ level: 95, df: 3, want: 3.182446 },
		{ level: 95, df: 10, want: 2.228139 },
		{ level: 95, df: 11, want: 2.200985 },
		{ level: 80, df: 5, want: 1.475884 },
		{ level: 80, df: 30, want: 1.310415 }
	])('level $level, df $df', ({ level, df, want }) => expect(centralQuantile(level, df)).toBeCloseTo(want, 6));

	it.each([0, 100, -5, Number.NaN])('rejects level %s', (level) => expect(() => centralQuantile(level)).toThrow(RangeError));
});

describe('horizonSigmas', () => {
	it('is the RMS error per step, never decreasing, extended by the variance factors', () => {
		const s = horizonSigmas([[1, -2], [-1, 2]], 3, [1, 2, 3]);
		expect(s[0]).toBe(1);
		expect(s[1]).toBe(2);
		expect(s[2]).toBeCloseTo(2 * Math.sqrt(3 / 2), 12);
		expect(horizonSigmas([[3, 1], [3, 1]], 2, [])).toEqual([3, 3]);
	});
});

describe('analyticSigmas', () => {
	it('uses the residual variance with degrees of freedom and the variance factors', () => {
		const s = analyticSigmas({ sse: 18, fitted: new Array(10).fill(0), fittedFrom: 0, k: 1, varianceFactors: [1, 4] });
		expect(s[0]).toBeCloseTo(Math.sqrt(2), 12);
		expect(s[1]).toBeCloseTo(2 * Math.sqrt(2), 12);
	});
});

describe('relativeErrors', () => {
	it('divides by |forecast| and maps a zero forecast to 0', () => {
		expect(relativeErrors([[10, -5, 3]], [[100, -50, 0]])).toEqual([[0.1, -0.1, 0]]);
	});
});

describe('intervalHalfWidths', () => {
	const z95 = centralQuantile(95);
	it('uses the analytic part alone without a backtest', () => {
		const w = intervalHalfWidths({ levels: [95], forecast: [10, 10], analytic: { sigmas: [1, 2], df: 2000 }, varianceFactors: [1, 4] });
		expect(w['95']![0]).toBeCloseTo(z95, 6);
		expect(w['95']![1]).toBeCloseTo(2 * z95, 6);
	});

	it('takes the widest of analytic, backtest and relative backtest, each with its t quantile', () => {
		// Backtest errors at level 100 are +-10 (10%); today's forecast is 200, so the relative part gives 20.
		const errors = [[10], [-10], [10], [-10], [10]];
		const forecasts = [[100], [100], [100], [100], [100]];
		const t4 = centralQuantile(80, 4);
		const base = { levels: [80], forecast: [200], analytic: { sigmas: [1], df: 100 }, varianceFactors: [1] };
		expect(intervalHalfWidths({ ...base, backtest: { errors, forecasts, positive: false } })['80']![0]).toBeCloseTo(t4 * 10, 9);
		expect(intervalHalfWidths({ ...base, backtest: { errors, forecasts, positive: true } })['80']![0]).toBeCloseTo(t4 * 20, 9);
	});

	it('is zero for a model with no error at all', () => {
		const w = intervalHalfWidths({
			levels: [80, 95],
			forecast: [5, 5],
			analytic: { sigmas: [0, 0], df: 3 },
			backtest: { errors: [[0, 0], [0, 0], [0, 0]], forecasts: [[5, 5], [5, 5], [5, 5]], positive: true },
			varianceFactors: [1, 2]
		});
		expect(w).toEqual({ '80': [0, 0], '95': [0, 0] });
	});
});

describe('predictionIntervals', () => {
	it('names the bounds after the levels', () => {
		expect(predictionIntervals([10], { '80': [1.5], '99.5': [3] }, [80, 99.5], ['2024-01-01'])).toEqual([
			{ date: '2024-01-01', value: 10, lo80: 8.5, hi80: 11.5, 'lo99.5': 7, 'hi99.5': 13 }
		]);
	});
});

describe('backtestCoverage', () => {
	it('judges each origin by intervals sized from the others', () => {
		expect(backtestCoverage([[1], [-1], [1], [-1]], [[5], [5], [5], [5]], false, [80])).toEqual({ '80': 1 });
		// One large error among small ones falls outside the intervals the small ones imply.
		const c = backtestCoverage([[0.1], [-0.1], [0.1], [-0.1], [5]], [[5], [5], [5], [5], [5]], false, [95]);
		expect(c['95']).toBeCloseTo(4 / 5, 12);
	});

	it('is empty with fewer than 3 origins', () => expect(backtestCoverage([[1], [2]], [[1], [1]], false, [80])).toEqual({}));
});
