/**
 * Average several fits of the same series into one (equal weights). Called by comb and by fit-methods, which
 * reuses the SES, Holt and damped fits it already has instead of fitting them twice.
 */
import type { MethodName, ModelFit } from './types.ts';

/**
 * Mean of the fitted values, forecasts and variance factors of `fits`; the SSE is recomputed against `y`.
 * Parameters are kept with the component's method as prefix (`ses.alpha`, `damped.phi`, ...).
 *
 * Complexity: O(k (n + horizon)) for k fits.
 *
 * @example
 * combineFits('comb', y, [ses(y, o), holt(y, o)]).forecast; // element-wise mean of the two forecasts
 */
export function combineFits(method: MethodName, y: readonly number[], fits: readonly ModelFit[]): ModelFit {
	if (fits.length === 0) throw new RangeError('combineFits: nothing to combine');
	const mean = (pick: (f: ModelFit) => readonly number[]) =>
		pick(fits[0]!).map((_, i) => fits.reduce((sum, f) => sum + pick(f)[i]!, 0) / fits.length);
	const fitted = mean((f) => f.fitted);
	const fittedFrom = Math.max(...fits.map((f) => f.fittedFrom));
	let sse = 0;
	for (let t = fittedFrom; t < y.length; t++) sse += (y[t]! - fitted[t]!) ** 2;
	const params: Record<string, number> = {};
	for (const f of fits) for (const [k, v] of Object.entries(f.params)) params[`${f.method}.${k}`] = v;
	return {
		method,
		params,
		fitted,
		fittedFrom,
		forecast: mean((f) => f.forecast),
		sse,
		k: fits.reduce((sum, f) => sum + f.k, 0),
		varianceFactors: mean((f) => f.varianceFactors)
	};
}
