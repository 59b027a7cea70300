/**
 * Forecast error standard deviation per step ahead, from backtest errors. Called by forecast to size the
 * prediction intervals and by backtest-coverage to check them.
 */

/**
 * sigma_h = root mean square of the backtest errors at step h (bias included), made non-decreasing in h
 * because uncertainty cannot shrink with the horizon. Past the backtested steps it grows with the model's
 * variance factors: sigma_h = sigma_H sqrt(v_h / v_H). Returns `horizon` values, never NaN.
 *
 * Complexity: O(origins * steps + horizon).
 *
 * @example
 * horizonSigmas([[1, -2], [-1, 2]], 3, [1, 2, 3]); // => [1, 2, 2 * sqrt(3 / 2)]
 */
export function horizonSigmas(
	errors: readonly (readonly number[])[],
	horizon: number,
	varianceFactors: readonly number[]
): number[] {
	const steps = Math.max(0, ...errors.map((e) => e.length));
	const sigmas: number[] = [];
	for (let h = 0; h < Math.min(steps, horizon); h++) {
		let sum = 0;
		let count = 0;
		for (const e of errors) {
			if (h < e.length && Number.isFinite(e[h])) {
				sum += e[h]! ** 2;
				count++;
			}
		}
		const sigma = count > 0 ? Math.sqrt(sum / count) : 0;
		sigmas.push(Math.max(sigma, sigmas[h - 1] ?? 0));
	}
	const last = sigmas.length;
	for (let h = last; h < horizon; h++) {
		const base = last > 0 ? sigmas[last - 1]! : 0;
		const ratio = (varianceFactors[h] ?? h + 1) / Math.max(varianceFactors[last - 1] ?? last, 1e-12);
		sigmas.push(base * Math.sqrt(Math.max(ratio, 1)));
	}
	return sigmas;
}
