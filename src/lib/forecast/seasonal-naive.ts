/**
 * Seasonal naive: every forecast repeats the value one season earlier. The benchmark every other method must
 * beat, the fallback for very short series, and the scale of MASE. Called by the method registry and the bench.
 */
import type { ModelFit } from './types.ts';

export interface SeasonalNaiveOptions {
	readonly horizon: number;
	/** Season length; 1 gives the plain naive (random walk) forecast. */
	readonly period: number;
}

/**
 * Forecast y[n - m + ((h - 1) mod m)] for step h. When the series is shorter than one season the period
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
	const fitted = y.map((v, t) => (t >= m ? y[t - m]! : v));
	let sse = 0;
	for (let t = m; t < n; t++) sse += (y[t]! - y[t - m]!) ** 2;
	const forecast: number[] = [];
	const varianceFactors: number[] = [];
	for (let h = 1; h <= options.horizon; h++) {
		forecast.push(y[n - m + ((h - 1) % m)]!);
		varianceFactors.push(Math.floor((h - 1) / m) + 1);
	}
	return { method, params: { period: m }, fitted, fittedFrom: Math.min(m, n), forecast, sse, k: 0, varianceFactors };
}
