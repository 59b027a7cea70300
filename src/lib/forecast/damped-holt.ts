/**
 * Damped-trend Holt (ETS(A,Ad,N)): Holt's method whose trend fades by phi per step, the most reliable of the
 * trend methods on business series. Called by the method registry, comb and the app.
 */
import { holt, type HoltOptions } from './holt.ts';
import type { ModelFit } from './types.ts';

/**
 * Holt's method with `damped: true`; see `holt` for the recursion and the fitted parameters.
 *
 * Complexity: O(n * evaluations); O(n) memory.
 *
 * @example
 * // alpha = beta = 1: the level is the last value (16), the trend the last step (2), damped by 0.9 per step.
 * dampedHolt([10, 12, 14, 16], { horizon: 3, phi: 0.9, alpha: 1, beta: 1, level0: 8, trend0: 2 }).forecast;
 * // => [16 + 1.8, 16 + 3.42, 16 + 4.878] = [17.8, 19.42, 20.878]
 */
export function dampedHolt(y: readonly number[], options: Omit<HoltOptions, 'damped'>): ModelFit {
	return holt(y, { ...options, damped: true });
}
