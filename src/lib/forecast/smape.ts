/**
 * Symmetric mean absolute percentage error, as scored in the M3 and M4 competitions. Called by backtest and
 * the accuracy bench.
 */

/**
 * sMAPE = mean of 200 |a - f| / (|a| + |f|), in percent (0..200). A term with a = f = 0 counts as 0, so the
 * result is never NaN; empty input gives 0.
 *
 * Complexity: O(n).
 *
 * @example
 * smape([100, 0], [110, 0]); // => (200 * 10 / 210 + 0) / 2 ≈ 4.76
 */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
	const n = Math.min(actual.length, forecast.length);
	if (n === 0) return 0;
	let sum = 0;
	for (let i = 0; i < n; i++) {
		const denominator = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
		if (denominator > 0) sum += (200 * Math.abs(actual[i]! - forecast[i]!)) / denominator;
	}
	return sum / n;
}
