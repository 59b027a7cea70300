/**
 * Half-widths of the prediction intervals, per level and step. Called by forecast; the reasoning behind the
 * construction is measured by src/bench/forecast-accuracy.ts.
 */
import { centralQuantile } from './central-quantile.ts';
import { smoothSigmas } from './smooth-sigmas.ts';
import { relativeErrors } from './relative-errors.ts';

export interface HalfWidthInputs {
	readonly levels: readonly number[];
	/** Point forecasts for steps 1..horizon. */
	readonly forecast: readonly number[];
	/** The chosen model's analytic sigma_h (see analyticSigmas) and the residual degrees of freedom behind it. */
	readonly analytic: { readonly sigmas: readonly number[]; readonly df: number };
	/** The chosen method's backtest errors and forecasts, per origin and step; absent without a backtest. */
	readonly backtest?: {
		readonly errors: readonly (readonly number[])[];
		readonly forecasts: readonly (readonly number[])[];
		/** Every value of the series is > 0: errors also count relative to their forecast. */
		readonly positive: boolean;
	};
	/** The model's variance factors (already in the analytic sigmas; kept for callers). */
	readonly varianceFactors: readonly number[];
}

/**
 * For each level L and step h, the largest of
 *   - t(df = residuals - k) x the model's analytic sigma_h (its ETS variance formula),
 *   - t(df = origins - 1) x the RMS of the chosen method's backtest errors at step h,
 *   - for a positive series, t(df = origins - 1) x the RMS of those errors relative to their forecasts,
 *     times |forecast_h| (so errors seen at a lower level grow with the series),
 * where t is Student's central quantile for L. Each estimate alone covered too little out of sample in the
 * accuracy bench (analytic: ignores parameter and model uncertainty; backtest: the chosen method is the one
 * whose backtest errors happened to be smallest, and its origins are few and overlapping).
 * Returns { [level]: half-widths }, non-negative and finite.
 *
 * Complexity: O(levels * (horizon + origins * steps)).
 *
 * @example
 * intervalHalfWidths({ levels: [95], forecast: [10], analytic: { sigmas: [1], df: Infinity }, varianceFactors: [1] });
 * // => { '95': [1.959964] }
 */
export function intervalHalfWidths(inputs: HalfWidthInputs): Record<string, number[]> {
	const { forecast, analytic, backtest, levels } = inputs;
	const horizon = forecast.length;
	let absolute: number[] | undefined;
	let relative: number[] | undefined;
	let backtestDf = 1;
	if (backtest && backtest.errors.length >= 2) {
		backtestDf = backtest.errors.length - 1;
		absolute = smoothSigmas(backtest.errors, horizon);
		if (backtest.positive) {
			relative = smoothSigmas(relativeErrors(backtest.errors, backtest.forecasts), horizon).map(
				(s, h) => s * Math.abs(forecast[h]!)
			);
		}
	}
	const out: Record<string, number[]> = {};
	for (const level of levels) {
		const tA = centralQuantile(level, Math.max(1, analytic.df));
		const tB = centralQuantile(level, backtestDf);
		out[String(level)] = forecast.map((_, h) => {
			const w = Math.max(tA * (analytic.sigmas[h] ?? 0), tB * (absolute?.[h] ?? 0), tB * (relative?.[h] ?? 0));
			return Number.isFinite(w) ? w : 0;
		});
	}
	return out;
}
