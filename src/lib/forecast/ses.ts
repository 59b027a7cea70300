/**
 * Simple exponential smoothing (ETS(A,N,N)): a level that moves a share alpha towards each new value.
 * Called by the method registry (on seasonally adjusted data), by comb and theta, and by the app directly.
 */
import { optimise } from './optimise.ts';
import type { ModelFit } from './types.ts';

export interface SesOptions {
	readonly horizon: number;
	/** Smoothing weight in (0, 1); fitted when omitted. */
	readonly alpha?: number;
	/** Level before the first observation (the first one-step prediction); fitted when omitted. */
	readonly level0?: number;
}

/**
 * Fit simple exponential smoothing by minimising the in-sample one-step squared error. Recursion:
 * prediction_t = level_{t-1}; level_t = level_{t-1} + alpha (y_t - level_{t-1}); every forecast is the last
 * level. Alpha is searched by Nelder-Mead; for each alpha the best initial level is exact, because the
 * prediction at t is linear in it (its weight is (1 - alpha)^t). Variance factors: v_h = 1 + (h - 1) alpha^2.
 *
 * Complexity: O(n * evaluations) with a few dozen evaluations; O(n) memory.
 *
 * @example
 * // Hand check: level0 10, alpha 0.5 on [12, 8]: levels 11, 9.5 -> forecast 9.5.
 * ses([12, 8], { horizon: 2, alpha: 0.5, level0: 10 }).forecast; // => [9.5, 9.5]
 */
export function ses(y: readonly number[], options: SesOptions): ModelFit {
	const n = y.length;
	if (n === 0) throw new RangeError('ses: the series is empty');

	/** The best initial level for this alpha (or the fixed one) and the SSE it gives. */
	const concentrate = (alpha: number) => {
		let level = options.level0 ?? 0;
		let weight = 1;
		let sww = 0, swe = 0, see = 0;
		for (let t = 0; t < n; t++) {
			const e = y[t]! - level;
			sww += weight * weight;
			swe += weight * e;
			see += e * e;
			level += alpha * e;
			weight *= 1 - alpha;
		}
		if (options.level0 !== undefined) return { level0: options.level0, sse: see };
		const level0 = swe / sww;
		return { level0, sse: Math.max(see - level0 * swe, 0) };
	};

	let alpha = options.alpha ?? 0.5;
	if (options.alpha === undefined) {
		alpha = optimise(([a]) => concentrate(a!).sse, [0.3], { lower: [1e-4], upper: [0.9999] }).x[0]!;
	}
	const { level0 } = concentrate(alpha);
	let level = level0;
	let sse = 0;
	const fitted = new Array<number>(n);
	for (let t = 0; t < n; t++) {
		fitted[t] = level;
		const e = y[t]! - level;
		sse += e * e;
		level += alpha * e;
	}
	const forecast = new Array<number>(options.horizon).fill(level);
	const varianceFactors = forecast.map((_, i) => 1 + i * alpha ** 2);
	const k = (options.alpha === undefined ? 1 : 0) + (options.level0 === undefined ? 1 : 0);
	return { method: 'ses', params: { alpha, level0 }, fitted, fittedFrom: 0, forecast, sse, k, varianceFactors };
}
