/**
 * Least-squares line through y_0..y_{n-1} against t = 0..n-1. Called by holt (starting states), theta (its
 * theta = 0 line) and holt-winters (initial trend).
 */

/**
 * Fit y = intercept + slope * t by ordinary least squares on t = 0..n-1. One point or none gives slope 0
 * (simple-statistics' linearRegression returns NaN on constant x; here x is never constant for n >= 2).
 *
 * Complexity: O(n) time, O(1) memory.
 *
 * @example
 * linearTrend([1, 3, 5]); // => { intercept: 1, slope: 2 }
 */
export function linearTrend(y: readonly number[]): { intercept: number; slope: number } {
	const n = y.length;
	if (n === 0) return { intercept: 0, slope: 0 };
	const meanT = (n - 1) / 2;
	let meanY = 0;
	for (const v of y) meanY += v / n;
	if (n === 1) return { intercept: meanY, slope: 0 };
	let sty = 0;
	let stt = 0;
	for (let t = 0; t < n; t++) {
		sty += (t - meanT) * (y[t]! - meanY);
		stt += (t - meanT) ** 2;
	}
	const slope = sty / stt;
	return { intercept: meanY - slope * meanT, slope };
}
