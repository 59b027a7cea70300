/**
 * Mean absolute scaled error (Hyndman & Koehler 2006), the M4 competition's main accuracy measure. Called by
 * the accuracy bench; backtest uses mae / maseScale directly to scale once per origin.
 */
import { mae } from './mae.ts';
import { maseScale } from './mase-scale.ts';

/**
 * MAE of the forecast divided by the in-sample MAE of the seasonal naive forecast on `training`. Below 1 means
 * better than seasonal naive was in-sample. Never NaN: see maseScale for the flat-series fallbacks.
 *
 * Complexity: O(n + training length).
 *
 * @example
 * mase([5, 6], [4, 6], [1, 2, 3, 4], 1); // => 0.5 / 1 = 0.5
 */
export function mase(actual: readonly number[], forecast: readonly number[], training: readonly number[], period: number): number {
	return mae(actual, forecast) / maseScale(training, period);
}
