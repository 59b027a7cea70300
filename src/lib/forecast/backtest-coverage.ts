/**
 * An in-sample check of the prediction intervals: how often backtest actuals fall inside intervals sized
 * without their own origin. Called by forecast for the chosen method.
 */
import { intervalHalfWidths } from './interval-half-widths.ts';

/**
 * Leave-one-origin-out coverage: for each origin, build the backtest part of the intervals (see
 * intervalHalfWidths; the analytic part needs a fit per origin and is left out, so this slightly
 * understates the final intervals' width) from the other origins' errors, around that origin's forecasts,
 * and count the errors inside. Returns the share per level in [0, 1], keyed by the level as written ("80");
 * empty with fewer than 3 origins.
 *
 * Complexity: O(origins^2 * steps * levels).
 *
 * @example
 * backtestCoverage([[1], [-1], [1], [-1]], [[5], [5], [5], [5]], false, [80]); // => { '80': 1 }
 */
export function backtestCoverage(
	errors: readonly (readonly number[])[],
	forecasts: readonly (readonly number[])[],
	positive: boolean,
	levels: readonly number[]
): Record<string, number> {
	const out: Record<string, number> = {};
	if (errors.length < 3) return out;
	const inside: Record<string, number> = {};
	let total = 0;
	errors.forEach((own, i) => {
		const keep = (_: unknown, j: number) => j !== i;
		const widths = intervalHalfWidths({
			levels,
			forecast: forecasts[i]!,
			analytic: { sigmas: [], df: 1 },
			backtest: { errors: errors.filter(keep), forecasts: forecasts.filter(keep), positive },
			varianceFactors: []
		});
		own.forEach((e, h) => {
			total++;
			for (const level of levels) {
				if (Math.abs(e) <= widths[String(level)]![h]! * (1 + 1e-12)) inside[level] = (inside[level] ?? 0) + 1;
			}
		});
	});
	for (const level of levels) out[String(level)] = total > 0 ? (inside[level] ?? 0) / total : 0;
	return out;
}
