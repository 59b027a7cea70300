/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000), winner of the M3 competition: half a straight line,
 * half simple exponential smoothing of the "theta = 2" line. Called by the method registry (on seasonally
 * adjusted data) and by the app directly.
 */
import { linearTrend } from './linear-trend.ts';
import { ses } from './ses.ts';
import type { ModelFit } from './types.ts';

export interface ThetaOptions {
	readonly horizon: number;
	/** Fix the SES weight of the theta = 2 line instead of fitting it. */
	readonly alpha?: number;
	readonly level0?: number;
}

/**
 * Fit the regression line L_t = a + b t (the theta = 0 line), smooth z_t = 2 y_t - L_t (the theta = 2 line)
 * by SES, and average the two: forecast_h = (L_{n-1+h} + SES_h(z)) / 2; in-sample predictions likewise.
 * Variance factors are those of the SES on z.
 *
 * Complexity: O(n * evaluations) for the SES fit; O(n) memory.
 *
 * @example
 * // A straight line: z equals the line, SES of z lags it, and the average tracks the line with half the lag.
 * theta([1, 2, 3, 4, 5, 6], { horizon: 1, alpha: 1 }).forecast; // => [(7 + 6) / 2] = [6.5]
 */
export function theta(y: readonly number[], options: ThetaOptions): ModelFit {
	const n = y.length;
	if (n < 2) throw new RangeError('theta: needs at least 2 observations');
	const { intercept, slope } = linearTrend(y);
	const line = (t: number) => intercept + slope * t;
	const z = y.map((v, t) => 2 * v - line(t));
	const zFit = ses(z, { horizon: options.horizon, alpha: options.alpha, level0: options.level0 });
	const fitted = zFit.fitted.map((f, t) => (line(t) + f) / 2);
	const forecast = zFit.forecast.map((f, i) => (line(n + i) + f) / 2);
	let sse = 0;
	for (let t = 0; t < n; t++) sse += (y[t]! - fitted[t]!) ** 2;
	return {
		method: 'theta',
		params: { alpha: zFit.params.alpha!, level0: zFit.params.level0!, intercept, slope },
		fitted,
		fittedFrom: 0,
		forecast,
		sse,
		k: zFit.k + 2,
		varianceFactors: zFit.varianceFactors
	};
}
