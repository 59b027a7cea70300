/**
 * Backtest errors as a share of their forecast. Called by interval-half-widths and backtest-coverage, so that
 * errors seen at one level of a positive series can be carried to today's level.
 */

/**
 * e / |f| element-wise for errors e and the forecasts f they belong to; a forecast of (almost) 0 gives 0
 * rather than an infinite ratio.
 *
 * Complexity: O(origins * steps).
 *
 * @example
 * relativeErrors([[10, -5]], [[100, 50]]); // => [[0.1, -0.1]]
 */
export function relativeErrors(errors: readonly (readonly number[])[], forecasts: readonly (readonly number[])[]): number[][] {
	return errors.map((row, o) =>
		row.map((e, h) => {
			const f = Math.abs(forecasts[o]?.[h] ?? 0);
			return f > 1e-12 ? e / f : 0;
		})
	);
}
