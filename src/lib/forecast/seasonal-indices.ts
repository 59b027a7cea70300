/**
 * Classical decomposition's seasonal indices (centred moving average, then the mean ratio or difference per
 * position in the season). Called by seasonal-adjustment.
 */

/**
 * Indices s_0..s_{m-1} for positions t mod m (t = 0 is the first observation): multiplicative indices average
 * y_t / trend_t and are scaled to mean 1; additive ones average y_t - trend_t and are shifted to mean 0.
 * The trend is the centred moving average of order m (2 x m for even m). Needs n >= 2m.
 *
 * Complexity: O(n) time, O(n) memory.
 *
 * @example
 * seasonalIndices([1, 3, 1, 3, 1, 3], 2, 'additive'); // => [-1, 1]
 */
export function seasonalIndices(y: readonly number[], m: number, type: 'additive' | 'multiplicative'): number[] {
	const n = y.length;
	if (m < 2 || n < 2 * m) throw new RangeError(`seasonalIndices: needs m >= 2 and at least ${2 * m} observations`);
	const half = Math.floor(m / 2);
	const sums = new Array<number>(m).fill(0);
	const counts = new Array<number>(m).fill(0);
	for (let t = half; t + half < n; t++) {
		let trend = 0;
		if (m % 2 === 1) {
			for (let j = -half; j <= half; j++) trend += y[t + j]!;
			trend /= m;
		} else {
			// 2 x m moving average: half weights on the two ends.
			for (let j = -half + 1; j < half; j++) trend += y[t + j]!;
			trend = (trend + (y[t - half]! + y[t + half]!) / 2) / m;
		}
		const ratio = type === 'multiplicative' ? (trend !== 0 ? y[t]! / trend : 1) : y[t]! - trend;
		sums[t % m] = sums[t % m]! + ratio;
		counts[t % m] = counts[t % m]! + 1;
	}
	const raw = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : type === 'multiplicative' ? 1 : 0));
	const centre = raw.reduce((a, b) => a + b, 0) / m;
	if (type === 'multiplicative') return raw.map((s) => (centre > 0 ? s / centre : 1));
	return raw.map((s) => s - centre);
}
