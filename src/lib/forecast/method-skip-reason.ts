/**
 * Which methods a series can support: its length against each method's minimum, its season, its sign.
 * Called by forecast (candidates on the whole series) and plan-backtest (candidates at the first origin).
 */
import type { MethodName } from './types.ts';

export interface SeriesShape {
	/** Number of observations. */
	readonly n: number;
	/** Season length (1 = non-seasonal). */
	readonly period: number;
	/** Smallest observed value. */
	readonly min: number;
}

/** Fewest observations each method needs for season length m. */
export function methodMinLength(method: MethodName, m: number): number {
	switch (method) {
		case 'naive':
			return 2;
		case 'seasonal-naive':
			return m + 1;
		case 'ses':
			return 3;
		case 'theta':
		case 'holt':
			return 4;
		case 'damped':
		case 'comb':
			return 5;
		case 'holt-winters-additive':
		case 'holt-winters-multiplicative':
			return 2 * m + 2;
	}
}

/**
 * Why `method` cannot be fitted to a series of this shape, or undefined when it can.
 *
 * Complexity: O(1).
 *
 * @example
 * methodSkipReason('holt-winters-multiplicative', { n: 60, period: 12, min: 0 });
 * // => 'needs every value > 0 (multiplicative season), saw 0'
 */
export function methodSkipReason(method: MethodName, shape: SeriesShape): string | undefined {
	const { n, period: m, min } = shape;
	const seasonal = method === 'seasonal-naive' || method.startsWith('holt-winters');
	if (seasonal && m < 2) return 'the series is treated as non-seasonal (period 1)';
	const need = methodMinLength(method, m);
	if (n < need) return `needs at least ${need} observations${seasonal ? ` for period ${m}` : ''}, saw ${n}`;
	if (method === 'holt-winters-multiplicative' && !(min > 0)) return `needs every value > 0 (multiplicative season), saw ${min}`;
	return undefined;
}
