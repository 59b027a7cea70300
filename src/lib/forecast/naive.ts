/**
 * Naive (random walk): every forecast repeats the last value. Called by the method registry as the floor of
 * the candidate list and by short series with nothing better to offer.
 */
import { seasonalNaive } from './seasonal-naive.ts';
import type { ModelFit } from './types.ts';

/**
 * Forecast the last observation for every step; variance factors v_h = h.
 *
 * Complexity: O(n + horizon).
 *
 * @example
 * naive([3, 1, 4], { horizon: 2 }).forecast; // => [4, 4]
 */
export function naive(y: readonly number[], options: { readonly horizon: number }): ModelFit {
	return seasonalNaive(y, { horizon: options.horizon, period: 1 });
}
