/**
 * Which methods a series can support: its length against each method's minimum, its season, its sign.
 * Called by forecast (candidates on the whole series) and plan-backtest (candidates at the first origin).
 */
import { YEARLY_METHODS, type MethodName } from './types.ts';

export interface SeriesShape {
	/** Number of observations. */
	readonly n: number;
	/** Season length (1 = non-seasonal). */
	readonly period: number;
	/** Smallest observed value. */
	readonly min: number;
	/** Periods per year of a dated series (52, 12, 365); absent for plain numbers and yearly data. */
	readonly yearPeriod?: number;
}

/** Fewest observations each method needs for season length m (and yp periods per year, for the yearly methods). */
export function methodMinLength(method: MethodName, m: number, yp?: number): number {
	switch (method) {
		case 'seasonal-naive-yoy':
			return yp ? yp + 1 : Number.POSITIVE_INFINITY;
		case 'yearly':
			return yp ?? Number.POSITIVE_INFINITY;
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
	const { n, period: m, min, yearPeriod: yp } = shape;
	const seasonal = method === 'seasonal-naive' || method.startsWith('holt-winters');
	if (seasonal && m < 2) return 'the series is treated as non-seasonal (period 1)';
	if (YEARLY_METHODS.includes(method)) {
		if (!yp) return 'needs dated weekly, monthly or daily data (a yearly cycle)';
		const need = methodMinLength(method, m, yp);
		if (n < need) return `needs at least ${need} observations (a year), saw ${n}`;
		// From three years on the seasonal methods estimate the season (and the bench's long series did no
		// better with the yearly methods among the candidates).
		return n >= 3 * yp ? `meant for one to three years of history; ${n} observations leave the year to the seasonal methods` : undefined;
	}
	// One to three years: the season cannot be removed for these methods (the M4 test needs three), so they
	// would carry the last weeks' level (a peak, say) forward; the yearly methods model the year instead.
	if (yp && n >= yp && n < 3 * yp && !modelsYear(method, m, yp)) return `does not model the yearly cycle, which ${n} observations (under three years) leave to the yearly methods`;
	const need = methodMinLength(method, m);
	if (n < need) return `needs at least ${need} observations${seasonal ? ` for period ${m}` : ''}, saw ${n}`;
	if (method === 'holt-winters-multiplicative' && !(min > 0)) return `needs every value > 0 (multiplicative season), saw ${min}`;
	return undefined;
}

function modelsYear(method: MethodName, m: number, yp: number): boolean {
	return (method === 'seasonal-naive' || method.startsWith('holt-winters')) && m === yp;
}
