/**
 * The season length to forecast weekly figures with. Called by the revenue forecast report.
 */

/**
 * 52 (a yearly cycle) once the series holds two full years plus two weeks, what Holt-Winters needs to
 * estimate a yearly season; else 13 (a quarterly cycle) once it holds 28 weeks; else 1 (non-seasonal).
 * The engine's backtest still decides whether a seasonal method wins.
 *
 * Complexity: O(1).
 *
 * @example
 * weeklyPeriod(104); // => 13
 * weeklyPeriod(110); // => 52
 */
export function weeklyPeriod(weeks: number): number {
	if (weeks >= 2 * 52 + 2) return 52;
	if (weeks >= 2 * 13 + 2) return 13;
	return 1;
}
