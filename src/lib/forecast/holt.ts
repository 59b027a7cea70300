/**
 * Holt's linear trend method, optionally with a damped trend (ETS(A,A,N) and ETS(A,Ad,N)). Called by the
 * method registry (on seasonally adjusted data), by comb, by damped-holt and by the app directly.
 */
import { linearTrend } from './linear-trend.ts';
import { optimise } from './optimise.ts';
import type { ModelFit } from './types.ts';

export interface HoltOptions {
	readonly horizon: number;
	/** Damp the trend by phi per step (fitted in [0.8, 0.98] unless `phi` is given). */
	readonly damped?: boolean;
	readonly alpha?: number;
	/** Trend smoothing weight (beta*, in (0, 1)). */
	readonly beta?: number;
	readonly phi?: number;
	/** Level and trend before the first observation; fitted when omitted. */
	readonly level0?: number;
	readonly trend0?: number;
}

type Weight = 'alpha' | 'beta' | 'phi';

/**
 * Fit Holt's method by minimising the one-step squared error. Recursion (component form):
 *   prediction_t = l_{t-1} + phi b_{t-1}
 *   l_t = alpha y_t + (1 - alpha)(l_{t-1} + phi b_{t-1})
 *   b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1}
 *   forecast_h = l_n + (phi + phi^2 + ... + phi^h) b_n      (phi = 1 when not damped)
 * The weights (alpha, beta, phi) are searched by Nelder-Mead; for each candidate the free initial states
 * (level0, trend0) are solved exactly, because the predictions are linear in them: the SSE is a quadratic
 * whose 2 x 2 normal equations give the best start. Variance factors:
 * v_h = 1 + sum_{j<h} (alpha (1 + beta (phi + ... + phi^j)))^2.
 *
 * Complexity: O(n * evaluations) with about 100-400 evaluations; O(n) memory.
 *
 * @example
 * // A straight line is recovered exactly:
 * holt([3, 5, 7, 9, 11], { horizon: 2 }).forecast; // => [13, 15]
 */
export function holt(y: readonly number[], options: HoltOptions): ModelFit {
	const n = y.length;
	if (n < 2) throw new RangeError('holt: needs at least 2 observations');
	const damped = options.damped ?? false;
	const fixedPhi = damped ? options.phi : 1;
	const line = linearTrend(y.slice(0, Math.min(n, 10)));
	const fallback = { level0: options.level0 ?? line.intercept - line.slope, trend0: options.trend0 ?? line.slope };

	/** The best initial states for these weights, and the SSE they give. */
	const concentrate = (alpha: number, beta: number, phi: number) => {
		// Three runs at once: the data from the fixed (or zero) initial states, and the response to a unit
		// initial level (y = 0) and to a unit initial trend (y = 0).
		let l0 = options.level0 ?? 0, b0 = options.trend0 ?? 0;
		let l1 = 1, b1 = 0;
		let l2 = 0, b2 = 1;
		let s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0, rr = 0;
		for (let t = 0; t < n; t++) {
			const p0 = l0 + phi * b0;
			const p1 = l1 + phi * b1;
			const p2 = l2 + phi * b2;
			const e = y[t]! - p0;
			s11 += p1 * p1;
			s12 += p1 * p2;
			s22 += p2 * p2;
			r1 += p1 * e;
			r2 += p2 * e;
			rr += e * e;
			const n0 = alpha * y[t]! + (1 - alpha) * p0;
			const n1 = (1 - alpha) * p1;
			const n2 = (1 - alpha) * p2;
			b0 = beta * (n0 - l0) + (1 - beta) * phi * b0;
			b1 = beta * (n1 - l1) + (1 - beta) * phi * b1;
			b2 = beta * (n2 - l2) + (1 - beta) * phi * b2;
			l0 = n0;
			l1 = n1;
			l2 = n2;
		}
		const freeLevel = options.level0 === undefined;
		const freeTrend = options.trend0 === undefined;
		let level0 = options.level0 ?? 0;
		let trend0 = options.trend0 ?? 0;
		if (freeLevel && freeTrend) {
			const det = s11 * s22 - s12 * s12;
			if (det > 1e-12 * s11 * s22) {
				level0 = (s22 * r1 - s12 * r2) / det;
				trend0 = (s11 * r2 - s12 * r1) / det;
			} else {
				// Nearly collinear responses (tiny weights on few points): keep the regression start.
				return { level0: fallback.level0, trend0: fallback.trend0, sse: Number.NaN };
			}
		} else if (freeLevel && s11 > 0) level0 = r1 / s11;
		else if (freeTrend && s22 > 0) trend0 = r2 / s22;
		const fittedLevel = freeLevel ? level0 : 0;
		const fittedTrend = freeTrend ? trend0 : 0;
		const sse = rr - 2 * (fittedLevel * r1 + fittedTrend * r2) + fittedLevel ** 2 * s11 + 2 * fittedLevel * fittedTrend * s12 + fittedTrend ** 2 * s22;
		return { level0, trend0, sse: Math.max(sse, 0) };
	};

	const start: Record<Weight, number> = { alpha: 0.5, beta: 0.1, phi: damped ? 0.95 : 1 };
	const bounds: Record<Weight, readonly [number, number]> = { alpha: [1e-4, 0.9999], beta: [1e-4, 0.9999], phi: [0.8, 0.98] };
	const fixed: Partial<Record<Weight, number>> = { alpha: options.alpha, beta: options.beta, phi: fixedPhi };
	const names = Object.keys(start) as Weight[];
	const free = names.filter((k) => fixed[k] === undefined);
	const slot = names.map((k) => free.indexOf(k));
	const unpack = (x: readonly number[]) => {
		const w = { ...start };
		names.forEach((k, i) => (w[k] = fixed[k] ?? x[slot[i]!]!));
		return w;
	};
	let weights = unpack(free.map((k) => start[k]));
	if (free.length > 0) {
		const result = optimise(
			(x) => {
				const w = unpack(x);
				return concentrate(w.alpha, w.beta, w.phi).sse;
			},
			free.map((k) => start[k]),
			{ lower: free.map((k) => bounds[k][0]), upper: free.map((k) => bounds[k][1]) }
		);
		weights = unpack(result.x);
	}
	const { alpha, beta, phi } = weights;
	const states = concentrate(alpha, beta, phi);
	const level0 = Number.isFinite(states.sse) ? states.level0 : fallback.level0;
	const trend0 = Number.isFinite(states.sse) ? states.trend0 : fallback.trend0;

	let level = level0;
	let trend = trend0;
	let sse = 0;
	const fitted = new Array<number>(n);
	for (let t = 0; t < n; t++) {
		const prediction = level + phi * trend;
		fitted[t] = prediction;
		sse += (y[t]! - prediction) ** 2;
		const previous = level;
		level = alpha * y[t]! + (1 - alpha) * prediction;
		trend = beta * (level - previous) + (1 - beta) * phi * trend;
	}
	const forecast: number[] = [];
	const varianceFactors: number[] = [];
	let phiSum = 0;
	let v = 1;
	for (let h = 1; h <= options.horizon; h++) {
		phiSum += phi ** h;
		forecast.push(level + phiSum * trend);
		varianceFactors.push(v);
		// c_h enters v_{h+1}; phiSum now holds phi + ... + phi^h.
		v += (alpha * (1 + beta * phiSum)) ** 2;
	}
	const params: Record<string, number> = { alpha, beta, level0, trend0 };
	if (damped) params.phi = phi;
	const k = free.length + (options.level0 === undefined ? 1 : 0) + (options.trend0 === undefined ? 1 : 0);
	return { method: damped ? 'damped' : 'holt', params, fitted, fittedFrom: 0, forecast, sse, k, varianceFactors };
}
