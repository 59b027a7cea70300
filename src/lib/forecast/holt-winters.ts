/**
 * Holt-Winters seasonal exponential smoothing, additive or multiplicative season, optionally damped trend
 * (ETS(A,A,A) / ETS(A,A,M)-like component form). Called by the method registry and by the app directly.
 */
import { optimise } from './optimise.ts';
import type { ModelFit } from './types.ts';

export interface HoltWintersOptions {
	readonly horizon: number;
	/** Season length m >= 2; the series needs at least 2m + 2 points. */
	readonly period: number;
	readonly seasonal: 'additive' | 'multiplicative';
	readonly damped?: boolean;
	readonly alpha?: number;
	/** Trend weight beta* in (0, 1). */
	readonly beta?: number;
	/** Season weight in (0, 1 - alpha). */
	readonly gamma?: number;
	readonly phi?: number;
}

type Param = 'alpha' | 'beta' | 'gamma' | 'phi';

/**
 * Fit Holt-Winters by minimising the one-step squared error over alpha, beta, gamma (and phi when damped);
 * the initial level, trend and season come from the first seasons (season means give level and trend; the
 * detrended deviations, averaged per position, give the season, normalised to sum 0 or mean 1).
 * Additive recursion (multiplicative divides by / multiplies with the season instead):
 *   prediction_t = l_{t-1} + phi b_{t-1} + s_{t-m}
 *   l_t = alpha (y_t - s_{t-m}) + (1 - alpha)(l_{t-1} + phi b_{t-1})
 *   b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1}
 *   s_t = gamma (y_t - l_{t-1} - phi b_{t-1}) + (1 - gamma) s_{t-m}
 *   forecast_h = l_n + (phi + ... + phi^h) b_n + s_{n - m + 1 + (h - 1) mod m}
 * Variance factors are those of ETS(A,A,A), c_j = alpha (1 + beta (phi + ... + phi^j)) + gamma [j mod m = 0];
 * for the multiplicative season they are an approximation. Multiplicative needs every value > 0.
 *
 * Complexity: O(n * evaluations) with a few hundred evaluations; O(n + m) memory.
 *
 * @example
 * // A pure repeating season is recovered exactly:
 * holtWinters([1, 5, 3, 1, 5, 3, 1, 5, 3], { horizon: 4, period: 3, seasonal: 'additive' }).forecast; // ≈ [1, 5, 3, 1]
 */
export function holtWinters(y: readonly number[], options: HoltWintersOptions): ModelFit {
	const n = y.length;
	const m = Math.floor(options.period);
	const multiplicative = options.seasonal === 'multiplicative';
	const damped = options.damped ?? false;
	if (m < 2) throw new RangeError('holtWinters: period must be at least 2');
	if (n < 2 * m + 2) throw new RangeError(`holtWinters: needs at least ${2 * m + 2} observations for period ${m}, saw ${n}`);
	if (multiplicative && y.some((v) => !(v > 0))) throw new RangeError('holtWinters: a multiplicative season needs every value > 0');

	const init = initialStates(y, m, multiplicative);
	// `record` keeps the one-step predictions; the optimiser's many calls only need the SSE.
	const run = (p: Record<Param, number>, record = false) => {
		const { alpha, beta, gamma, phi } = p;
		let level = init.level0;
		let trend = init.trend0;
		const season = init.season.slice();
		let sse = 0;
		let ok = true;
		const fitted = record ? new Array<number>(n) : [];
		for (let t = 0; t < n; t++) {
			const s = season[t % m]!;
			const base = level + phi * trend;
			const prediction = multiplicative ? base * s : base + s;
			if (record) fitted[t] = prediction;
			const e = y[t]! - prediction;
			sse += e * e;
			const previous = level;
			level = alpha * (multiplicative ? y[t]! / s : y[t]! - s) + (1 - alpha) * base;
			trend = beta * (level - previous) + (1 - beta) * phi * trend;
			season[t % m] = gamma * (multiplicative ? y[t]! / base : y[t]! - base) + (1 - gamma) * s;
			// A multiplicative model whose level or season turns non-positive has left its domain.
			if (multiplicative && !(base > 0 && season[t % m]! > 0)) ok = false;
		}
		return { level, trend, season, sse: ok ? sse : Number.POSITIVE_INFINITY, fitted };
	};

	const start: Record<Param, number> = { alpha: 0.3, beta: 0.05, gamma: 0.1, phi: damped ? 0.95 : 1 };
	const fixed: Partial<Record<Param, number>> = {
		alpha: options.alpha,
		beta: options.beta,
		gamma: options.gamma,
		phi: damped ? options.phi : 1
	};
	const free = (Object.keys(start) as Param[]).filter((k) => fixed[k] === undefined);
	// gamma is searched as a share of (1 - alpha), which keeps gamma <= 1 - alpha inside a plain box.
	const unpack = (x: readonly number[]): Record<Param, number> => {
		const get = (k: Param) => x[free.indexOf(k)]!;
		const alpha = fixed.alpha ?? get('alpha');
		return {
			alpha,
			beta: fixed.beta ?? get('beta'),
			gamma: fixed.gamma ?? get('gamma') * (1 - alpha),
			phi: fixed.phi ?? get('phi')
		};
	};
	const bounds: Record<Param, readonly [number, number]> = {
		alpha: [1e-4, 0.9999],
		beta: [1e-4, 0.9999],
		gamma: [1e-4, 0.9999],
		phi: [0.8, 0.98]
	};
	const x0 = free.map((k) => (k === 'gamma' ? start.gamma / (1 - (fixed.alpha ?? start.alpha)) : start[k]));
	let best = unpack(x0);
	if (free.length > 0) {
		const result = optimise((x) => run(unpack(x)).sse, x0, {
			lower: free.map((k) => bounds[k][0]),
			upper: free.map((k) => bounds[k][1])
		});
		best = unpack(result.x);
	}
	const { level, trend, season, sse, fitted } = run(best, true);
	const forecast: number[] = [];
	const varianceFactors: number[] = [];
	let phiSum = 0;
	let v = 1;
	for (let h = 1; h <= options.horizon; h++) {
		phiSum += best.phi ** h;
		const s = season[(n + h - 1) % m]!;
		const base = level + phiSum * trend;
		forecast.push(multiplicative ? base * s : base + s);
		varianceFactors.push(v);
		v += (best.alpha * (1 + best.beta * phiSum) + (h % m === 0 ? best.gamma : 0)) ** 2;
	}
	const params: Record<string, number> = { alpha: best.alpha, beta: best.beta, gamma: best.gamma, period: m };
	if (damped) params.phi = best.phi;
	return {
		method: multiplicative ? 'holt-winters-multiplicative' : 'holt-winters-additive',
		params,
		fitted,
		fittedFrom: 0,
		forecast,
		sse,
		k: free.length + 2 + (m - 1),
		varianceFactors
	};
}

/**
 * Starting states from the first K = min(3, floor(n / m)) whole seasons: the trend is the slope between the
 * first and last season means, the season the average per position of the data over its own season's line.
 */
function initialStates(y: readonly number[], m: number, multiplicative: boolean) {
	const k = Math.max(2, Math.min(3, Math.floor(y.length / m)));
	const means: number[] = [];
	for (let j = 0; j < k; j++) {
		let sum = 0;
		for (let i = 0; i < m; i++) sum += y[j * m + i]!;
		means.push(sum / m);
	}
	const trend0 = (means[k - 1]! - means[0]!) / ((k - 1) * m);
	const season = new Array<number>(m).fill(0);
	for (let i = 0; i < m; i++) {
		for (let j = 0; j < k; j++) {
			const line = means[j]! + trend0 * (i - (m - 1) / 2);
			season[i] = season[i]! + (multiplicative ? y[j * m + i]! / line : y[j * m + i]! - line) / k;
		}
	}
	const centre = season.reduce((a, b) => a + b, 0) / m;
	const normalised = season.map((s) => (multiplicative ? s / centre : s - centre));
	// The level before t = 0 sits half a season plus one step before the middle of the first season.
	const level0 = means[0]! - trend0 * ((m - 1) / 2 + 1);
	return { level0, trend0, season: normalised };
}
