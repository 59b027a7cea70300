/**
 * Forecast error standard deviation per step from the model's own residuals and variance formula. Called by
 * forecast when the series is too short to backtest.
 */
import type { ModelFit } from './types.ts';

/**
 * sigma_h = sigma sqrt(v_h), with sigma^2 = SSE / (residuals - k) (degrees-of-freedom corrected, falling back
 * to SSE / residuals when k uses them all up). These intervals ignore parameter uncertainty and so tend to be
 * narrow; forecast prefers backtest errors when it has them.
 *
 * Complexity: O(horizon).
 *
 * @example
 * analyticSigmas({ sse: 18, fitted: new Array(10), fittedFrom: 0, k: 1, varianceFactors: [1, 4] }); // => [sqrt(2), 2 sqrt(2)]
 */
export function analyticSigmas(fit: Pick<ModelFit, 'sse' | 'fitted' | 'fittedFrom' | 'k' | 'varianceFactors'>): number[] {
	const residuals = fit.fitted.length - fit.fittedFrom;
	const dof = residuals - fit.k >= 1 ? residuals - fit.k : Math.max(residuals, 1);
	const sigma = Math.sqrt(Math.max(fit.sse, 0) / dof);
	return fit.varianceFactors.map((v) => sigma * Math.sqrt(Math.max(v, 1)));
}
