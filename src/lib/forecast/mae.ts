/**
 * Mean absolute error. Called by backtest and the accuracy bench.
 */

/**
 * Mean of |actual_i - forecast_i| over the common length; 0 for empty input (never NaN).
 *
 * Complexity: O(n).
 *
 * @example
 * mae([1, 2, 3], [2, 2, 5]); // => 1
 */
export function mae(actual: readonly number[], forecast: readonly number[]): number {
	const n = Math.min(actual.length, forecast.length);
	if (n === 0) return 0;
	let sum = 0;
	for (let i = 0; i < n; i++) sum += Math.abs(actual[i]! - forecast[i]!);
	return sum / n;
}
