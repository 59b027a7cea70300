/**
 * The denominator of MASE: the in-sample mean absolute error of the seasonal naive forecast. Called by mase
 * and backtest (once per origin).
 */

/**
 * Mean |y_t - y_{t-m}| over the training series. Falls back to lag 1 when the series is shorter than m + 1
 * or its seasonal differences are all zero, then to mean |y|, then to 1, so that it is always > 0 and MASE
 * is never NaN or infinite.
 *
 * Complexity: O(n).
 *
 * @example
 * maseScale([1, 2, 4, 7], 1); // => (1 + 2 + 3) / 3 = 2
 * maseScale([5, 5, 5], 1); // => 5 (flat: falls back to mean |y|)
 */
export function maseScale(training: readonly number[], period: number): number {
	const lagged = (m: number) => {
		if (training.length <= m) return 0;
		let sum = 0;
		for (let t = m; t < training.length; t++) sum += Math.abs(training[t]! - training[t - m]!);
		return sum / (training.length - m);
	};
	const m = Math.max(1, Math.floor(period));
	const seasonal = lagged(m);
	if (seasonal > 0) return seasonal;
	const first = lagged(1);
	if (first > 0) return first;
	const level = training.reduce((a, b) => a + Math.abs(b), 0) / Math.max(training.length, 1);
	return level > 0 ? level : 1;
}
