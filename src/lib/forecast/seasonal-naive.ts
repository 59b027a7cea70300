/**
 * Seasonal naive: every forecast repeats the value one season earlier. The benchmark every other method must
 * beat, the fallback for very short series, and the scale of MASE. Called by the method registry and the bench.
 */
import type { ModelFit } from './types.ts';
import type { YearAlignment } from './year-alignment.ts';

export interface SeasonalNaiveOptions {
	readonly horizon: number;
	/** Season length; 1 gives the plain naive (random walk) forecast. */
	readonly period: number;
	/** With a yearly period equal to align.period, "one season earlier" is align.yearAgo (holiday weeks by date). */
	readonly align?: YearAlignment;
}

/**
 * Forecast y[n - m + ((h - 1) mod m)] for step h (with `align`, the point align.yearAgo(n + h - 1)). When the series is shorter than one season the period
 * falls back to 1 (naive). Variance factors follow the seasonal random walk: v_h = floor((h - 1) / m) + 1.
 *
 * Complexity: O(n + horizon).
 *
 * @example
 * seasonalNaive([1, 2, 3, 4, 5, 6], { horizon: 4, period: 3 }).forecast; // => [4, 5, 6, 4]
 */
export function seasonalNaive(y: readonly number[], options: SeasonalNaiveOptions): ModelFit {
	const n = y.length;
	if (n === 0) throw new RangeError('seasonalNaive: the series is empty');
	const period = Math.max(1, Math.floor(options.period));
	const m = n >= period ? period : 1;
	const method = m > 1 ? 'seasonal-naive' : 'naive';
	const align = options.align && m > 1 && options.align.period === m ? options.align : undefined;
	const back = (t: number) => (align ? align.yearAgo(t) : t - m);
	// The latest point before the series ends at the same position of the year as t.
	const base = (t: number) => {
		let s = back(t);
		while (s >= n) s = back(s);
		return s >= 0 ? s : n - m + ((t - n) % m);
	};
	const fitted = y.map((v, t) => (t >= m && back(t) >= 0 ? y[back(t)]! : v));
	let sse = 0;
	for (let t = m; t < n; t++) sse += (y[t]! - fitted[t]!) ** 2;
	const forecast: number[] = [];
	const varianceFactors: number[] = [];
	for (let h = 1; h <= options.horizon; h++) {
		forecast.push(y[base(n + h - 1)]!);
		varianceFactors.push(Math.floor((h - 1) / m) + 1);
	}
	return { method, params: { period: m }, fitted, fittedFrom: Math.min(m, n), forecast, sse, k: 0, varianceFactors };
}
