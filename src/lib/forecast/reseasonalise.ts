/**
 * Put a fit made on seasonally adjusted data back on the original scale. Called by fit-methods and comb.
 */
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';
import type { ModelFit } from './types.ts';

/**
 * Multiply (or add) the seasonal index of each in-sample and future position back into the fit and recompute
 * its SSE against the original series `y`. With `type: 'none'` the fit comes back unchanged.
 *
 * Complexity: O(n + horizon).
 *
 * @example
 * const adj = seasonalAdjustment(y, 12);
 * reseasonalise(ses(adj.adjusted, { horizon: 12 }), y, adj).forecast; // SES forecast times next year's indices
 */
export function reseasonalise(fit: ModelFit, y: readonly number[], adjustment: SeasonalAdjustment): ModelFit {
	if (adjustment.type === 'none') return fit;
	const { indices, period: m, type } = adjustment;
	const apply = (v: number, t: number) => (type === 'multiplicative' ? v * indices[t % m]! : v + indices[t % m]!);
	const fitted = fit.fitted.map((v, t) => (t < fit.fittedFrom ? y[t]! : apply(v, t)));
	const forecast = fit.forecast.map((v, i) => apply(v, y.length + i));
	let sse = 0;
	for (let t = fit.fittedFrom; t < y.length; t++) sse += (y[t]! - fitted[t]!) ** 2;
	return { ...fit, fitted, forecast, sse, k: fit.k + m - 1 };
}
