/**
 * The M4 competition's "Comb" benchmark: the mean of SES, Holt and damped Holt forecasts, all made on
 * seasonally adjusted data and re-seasonalised. Called by the app directly; fit-methods builds the same
 * combination from fits it already has.
 */
import { combineFits } from './combine-fits.ts';
import { holt } from './holt.ts';
import { reseasonalise } from './reseasonalise.ts';
import { seasonalAdjustment } from './seasonal-adjustment.ts';
import { ses } from './ses.ts';
import type { ModelFit } from './types.ts';

export interface CombOptions {
	readonly horizon: number;
	/** Season length; 1 (default) skips the seasonal adjustment. */
	readonly period?: number;
}

/**
 * Seasonally adjust `y` (when the M4 test finds a season), fit SES, Holt and damped Holt, average them and put
 * the season back. Needs at least 3 observations.
 *
 * Complexity: O(n * evaluations) for the three fits; O(n) memory.
 *
 * @example
 * comb([10, 12, 11, 13, 12, 14], { horizon: 3 }).forecast; // between the SES and Holt forecasts
 */
export function comb(y: readonly number[], options: CombOptions): ModelFit {
	if (y.length < 3) throw new RangeError('comb: needs at least 3 observations');
	const adjustment = seasonalAdjustment(y, options.period ?? 1);
	const x = adjustment.adjusted;
	const h = { horizon: options.horizon };
	const fits = [ses(x, h), holt(x, h), holt(x, { ...h, damped: true })];
	return reseasonalise(combineFits('comb', x, fits), y, adjustment);
}
