/**
 * Seasonal naive scaled by the recent year-over-year change: next year's week is last year's same week times
 * the growth of the last quarter-year. A strong, simple benchmark when the history holds one to two years,
 * and a candidate the backtest may choose. Called by fit-methods and the accuracy bench.
 */
import type { ModelFit } from './types.ts';
import type { YearAlignment } from './year-alignment.ts';
import { yoyChange } from './yoy-ratio.ts';

export interface SeasonalNaiveYoyOptions {
	readonly horizon: number;
	/** Periods per year (52, 12, 365). */
	readonly yearPeriod: number;
	/** Recent points whose change on a year earlier scales the forecast (default a quarter of a year). */
	readonly window?: number;
	/** Which point is "the same week last year" (holiday weeks by their holiday); default t - yearPeriod. */
	readonly align?: YearAlignment;
}

/**
 * Forecast y[n - m + ((h - 1) mod m)] x r (or + d for a series with values <= 0), where r is yoyChange over
 * the last `window` points. With `align`, the base of step h is the point align.yearAgo(n + h - 1) (applied
 * again while it lies in the future), so last year's Black Friday week feeds this year's. In-sample predictions apply the same rule one step ahead with the change known
 * then. Variance factors follow the seasonal random walk. Throws RangeError when n <= m.
 *
 * Complexity: O(n window + horizon).
 *
 * @example
 * seasonalNaiveYoy([10, 20, 11, 22], { horizon: 2, yearPeriod: 2, window: 2 }).forecast; // => [12.1, 24.2]
 */
export function seasonalNaiveYoy(y: readonly number[], options: SeasonalNaiveYoyOptions): ModelFit {
	const m = Math.floor(options.yearPeriod);
	const n = y.length;
	if (!(m >= 2) || n <= m) throw new RangeError(`seasonalNaiveYoy: needs more than one year (${m}) of observations, saw ${n}`);
	const window = options.window ?? Math.max(1, Math.round(m / 4));
	const yearAgo = options.align ? (t: number) => options.align!.yearAgo(t) : (t: number) => t - m;
	// The latest point before `end` at the same position of the year as t.
	const base = (t: number, end: number) => {
		let s = yearAgo(t);
		while (s >= end) s = yearAgo(s);
		return s >= 0 ? s : end - m + ((t - end) % m);
	};
	const apply = (v: number, change: ReturnType<typeof yoyChange>) => (!change ? v : change.kind === 'ratio' ? v * change.value : v + change.value);
	const fitted = y.map((v, t) => (t > m && yearAgo(t) >= 0 ? apply(y[yearAgo(t)]!, yoyChange(y.slice(0, t), m, window, yearAgo)) : v));
	let sse = 0;
	for (let t = m + 1; t < n; t++) sse += (y[t]! - fitted[t]!) ** 2;
	const change = yoyChange(y, m, window, yearAgo);
	const forecast: number[] = [];
	const varianceFactors: number[] = [];
	for (let h = 1; h <= options.horizon; h++) {
		forecast.push(apply(y[base(n + h - 1, n)]!, change));
		varianceFactors.push(Math.floor((h - 1) / m) + 1);
	}
	return {
		method: 'seasonal-naive-yoy',
		params: { yearPeriod: m, window, [change?.kind ?? 'ratio']: change?.value ?? 1 },
		fitted,
		fittedFrom: Math.min(m + 1, n),
		forecast,
		sse,
		k: 1,
		varianceFactors
	};
}
