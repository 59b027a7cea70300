/**
 * Forecast error standard deviation per step ahead from backtest errors, as a smooth curve s x h^p: the
 * per-step root mean squares of a dozen overlapping origins are noisy, and taking them step by step made the
 * last step's interval jump. Called by interval-half-widths.
 */

/**
 * Root mean square of the errors at each backtested step (bias included), made non-decreasing (running
 * maximum), then the weighted least-squares fit of log sigma_h = log s + p log h over the steps with
 * sigma_h > 0 (weights: errors seen at the step),
 * with p held in [0, 1] (uncertainty never shrinks with the horizon, and grows at most linearly). The curve
 * continues past the backtested steps, so there is no jump at the end. Returns `horizon` values >= 0.
 *
 * Complexity: O(origins * steps + horizon).
 *
 * @example
 * smoothSigmas([[1, 2], [-1, -2]], 3); // => [1, 2, 3] (p = 1)
 */
export function smoothSigmas(errors: readonly (readonly number[])[], horizon: number): number[] {
	const steps = Math.max(0, ...errors.map((e) => e.length));
	const xs: number[] = [];
	const ls: number[] = [];
	const ws: number[] = [];
	let envelope = 0;
	for (let h = 0; h < steps; h++) {
		let sum = 0;
		let count = 0;
		for (const e of errors) {
			if (h < e.length && Number.isFinite(e[h])) {
				sum += e[h]! ** 2;
				count++;
			}
		}
		// The running maximum: a step's RMS below an earlier one is noise of a dozen overlapping origins.
		if (count > 0) envelope = Math.max(envelope, Math.sqrt(sum / count));
		if (count > 0 && envelope > 0) {
			xs.push(Math.log(h + 1));
			ls.push(Math.log(envelope));
			ws.push(count);
		}
	}
	if (xs.length === 0) return new Array<number>(horizon).fill(0);
	const w = ws.reduce((a, b) => a + b, 0);
	const mx = xs.reduce((a, x, i) => a + ws[i]! * x, 0) / w;
	const ml = ls.reduce((a, l, i) => a + ws[i]! * l, 0) / w;
	let sxx = 0;
	let sxl = 0;
	xs.forEach((x, i) => {
		sxx += ws[i]! * (x - mx) ** 2;
		sxl += ws[i]! * (x - mx) * (ls[i]! - ml);
	});
	const p = sxx > 0 ? Math.min(1, Math.max(0, sxl / sxx)) : 0.5;
	const logS = ml - p * mx;
	return Array.from({ length: horizon }, (_, h) => Math.exp(logS + p * Math.log(h + 1)));
}
