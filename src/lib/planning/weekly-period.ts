/**
 * The season length to forecast weekly figures with. Called by the revenue forecast report.
 */

/**
 * 52 (a yearly cycle) once the series holds a full year: the engine's yearly methods (seasonal naive with
 * year-over-year growth, the yearly profile) model the year from one cycle on, and Holt-Winters joins at two
 * years plus two weeks; else 13 (a quarterly cycle) once it holds 28 weeks; else 1 (non-seasonal).
 * The engine's backtest still decides which method wins.
 *
 * Complexity: O(1).
 *
 * @example
 * weeklyPeriod(51); // => 13
 * weeklyPeriod(104); // => 52
 */
export function weeklyPeriod(weeks: number): number {
	if (weeks >= 52) return 52;
	if (weeks >= 2 * 13 + 2) return 13;
	return 1;
}
