/**
 * Sample autocorrelation function. Called by is-seasonal (the M4 seasonality test).
 */

/**
 * Autocorrelations r_1..r_maxLag with the usual biased estimator r_k = sum (y_t - mean)(y_{t+k} - mean) /
 * sum (y_t - mean)^2. A constant series has no defined autocorrelation; it returns zeros rather than NaN.
 *
 * Complexity: O(n * maxLag) time, O(maxLag) memory.
 *
 * @example
 * acf([1, 2, 1, 2], 1); // => [-0.75]
 */
export function acf(y: readonly number[], maxLag: number): number[] {
	const n = y.length;
	const mean = y.reduce((a, b) => a + b, 0) / Math.max(n, 1);
	let denominator = 0;
	for (const v of y) denominator += (v - mean) ** 2;
	const out: number[] = [];
	for (let k = 1; k <= maxLag; k++) {
		let numerator = 0;
		for (let t = 0; t + k < n; t++) numerator += (y[t]! - mean) * (y[t + k]! - mean);
		out.push(denominator > 0 ? numerator / denominator : 0);
	}
	return out;
}
