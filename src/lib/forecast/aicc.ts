/**
 * Corrected Akaike information criterion for a least-squares fit. Called by forecast to choose a method when
 * the series is too short for a backtest.
 */

/**
 * AICc = n ln(SSE / n) + 2k + 2k(k + 1) / (n - k - 1), with n residuals and k estimated parameters. A perfect
 * fit (SSE = 0) is floored at the smallest positive double so that the penalty still separates methods;
 * n - k - 1 <= 0 gives +Infinity (too many parameters for the data), never NaN.
 *
 * Complexity: O(1).
 *
 * @example
 * aicc(10, 20, 2); // => 20 ln(0.5) + 4 + 12 / 17 ≈ -9.157
 */
export function aicc(sse: number, n: number, k: number): number {
	if (n - k - 1 <= 0) return Number.POSITIVE_INFINITY;
	const meanSquare = Math.max(sse / n, Number.MIN_VALUE);
	return n * Math.log(meanSquare) + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}
