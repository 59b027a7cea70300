/**
 * The seasonality test of the M4 competition's benchmarks: is the autocorrelation at the season lag
 * significant at 90%? Called by seasonal-adjustment before SES, Holt, damped, theta and comb.
 */
import { acf } from './acf.ts';

/**
 * True when |r_m| > 1.645 sqrt((1 + 2 sum_{k<m} r_k^2) / n), Bartlett's bound for a 90% two-sided test.
 * Needs at least three seasons (n >= 3m) and m >= 2; otherwise false.
 *
 * Complexity: O(n m) time, O(m) memory.
 *
 * @example
 * isSeasonal([1, 9, 5, 1, 9, 5, 1, 9, 5, 1, 9, 5], 3); // => true
 * isSeasonal([1, 2, 3, 4, 5, 6, 7, 8, 9], 3); // => false
 */
export function isSeasonal(y: readonly number[], m: number): boolean {
	if (m < 2 || y.length < 3 * m) return false;
	const r = acf(y, m);
	let sum = 0;
	for (let k = 0; k < m - 1; k++) sum += r[k]! ** 2;
	const limit = 1.645 * Math.sqrt((1 + 2 * sum) / y.length);
	return Math.abs(r[m - 1]!) > limit;
}
