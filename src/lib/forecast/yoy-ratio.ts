/**
 * The recent year-over-year change of a series: the last `window` points against the same points a year
 * earlier. Called by seasonal-naive-yoy, yearly-profile (growth) and forecast (the level check).
 */

export interface YoyChange {
	/** 'ratio' for a positive series (multiply last year by it), 'shift' otherwise (add it). */
	readonly kind: 'ratio' | 'shift';
	readonly value: number;
	/** Points compared. */
	readonly window: number;
}

/**
 * Sum of y[n-w..n) over the sum of their points a year earlier, y[yearAgo(t)] (default t - m, see
 * year-alignment for holiday weeks), when every one of those values is > 0 (kind 'ratio'), else the
 * difference of their means (kind 'shift'); w = min(window, n - m), fewer when a year-ago index falls before
 * the series. Undefined when n <= m (no year to compare with). The ratio is clamped to [0.2, 5] so one odd
 * week cannot multiply a forecast by 50.
 *
 * Complexity: O(window).
 *
 * @example
 * yoyChange([10, 20, 30, 11, 22, 33], 3, 3); // => { kind: 'ratio', value: 1.1, window: 3 }
 */
export function yoyChange(y: readonly number[], m: number, window: number, yearAgo: (t: number) => number = (t) => t - m): YoyChange | undefined {
	const n = y.length;
	const most = Math.min(Math.max(1, Math.floor(window)), n - m);
	if (m < 1 || most < 1) return undefined;
	const now: number[] = [];
	const before: number[] = [];
	for (let t = n - most; t < n; t++) {
		const s = yearAgo(t);
		if (s < 0 || s >= t) continue;
		now.push(y[t]!);
		before.push(y[s]!);
	}
	const w = now.length;
	if (w < 1) return undefined;
	const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
	if (now.every((v) => v > 0) && before.every((v) => v > 0)) {
		return { kind: 'ratio', value: Math.min(5, Math.max(0.2, sum(now) / sum(before))), window: w };
	}
	return { kind: 'shift', value: (sum(now) - sum(before)) / w, window: w };
}
