/**
 * Guess the spacing of a dated series from its dates. Called by forecast when no frequency is given.
 */
import type { Frequency } from './types.ts';

/**
 * The frequency whose typical gap matches the median gap between consecutive (sorted) day numbers: 1 day,
 * 7 days, 28-31 days (month), 89-92 (quarter), 365-366 (year). Undefined with fewer than 2 dates or any
 * other median gap. The median ignores occasional missing periods.
 *
 * Complexity: O(n log n).
 *
 * @example
 * inferFrequency([0, 7, 14, 28]); // => 'week' (one week missing)
 * inferFrequency([0, 31, 59, 90]); // => 'month'
 */
export function inferFrequency(days: readonly number[]): Frequency | undefined {
	if (days.length < 2) return undefined;
	const sorted = [...days].sort((a, b) => a - b);
	const gaps = sorted.slice(1).map((d, i) => d - sorted[i]!).sort((a, b) => a - b);
	const mid = gaps.length / 2;
	const median = gaps.length % 2 === 1 ? gaps[Math.floor(mid)]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
	if (median === 1) return 'day';
	if (median === 7) return 'week';
	if (median >= 28 && median <= 31) return 'month';
	if (median >= 89 && median <= 92) return 'quarter';
	if (median >= 365 && median <= 366) return 'year';
	return undefined;
}
