/**
 * Seasonal adjustment as in the M4 benchmarks: test for seasonality, divide (or subtract) the classical
 * indices out. Called by fit-methods and comb before the non-seasonal methods, and by reseasonalise after.
 */
import { isSeasonal } from './is-seasonal.ts';
import { seasonalIndices } from './seasonal-indices.ts';

export type SeasonalAdjustment =
	| { readonly type: 'none'; readonly adjusted: readonly number[] }
	| {
			readonly type: 'additive' | 'multiplicative';
			readonly period: number;
			/** Index for position t mod period, t = 0 being the first observation. */
			readonly indices: readonly number[];
			readonly adjusted: readonly number[];
	  };

/**
 * When `isSeasonal(y, period)`, the classical multiplicative indices (additive when any value is <= 0) and the
 * adjusted series y_t / s_t (or y_t - s_t); otherwise `type: 'none'` and the series unchanged.
 *
 * Complexity: O(n * period) for the test, O(n) for the rest.
 *
 * @example
 * seasonalAdjustment([10, 30, 10, 30, 10, 30, 10, 30, 10, 30, 10, 30], 2);
 * // => { type: 'multiplicative', period: 2, indices: [0.5, 1.5], adjusted: [20, 20, ...] }
 * // (with only 8 points the test does not find the season: lag-1 autocorrelation widens its bound)
 */
export function seasonalAdjustment(y: readonly number[], period: number): SeasonalAdjustment {
	const m = Math.floor(period);
	if (!isSeasonal(y, m)) return { type: 'none', adjusted: y.slice() };
	const type = y.every((v) => v > 0) ? 'multiplicative' : 'additive';
	const indices = seasonalIndices(y, m, type);
	const adjusted = y.map((v, t) => (type === 'multiplicative' ? v / indices[t % m]! : v - indices[t % m]!));
	return { type, period: m, indices, adjusted };
}
