/**
 * The usual season length of each frequency. Called by forecast when no period is given.
 */
import type { Frequency } from './types.ts';

const PERIODS: Readonly<Record<Frequency, number>> = { day: 7, week: 52, month: 12, quarter: 4, year: 1 };

/**
 * Weekly cycle for daily data, yearly cycle otherwise (52 weeks, 12 months, 4 quarters), none for years.
 *
 * Complexity: O(1).
 *
 * @example
 * defaultPeriod('month'); // => 12
 */
export function defaultPeriod(frequency: Frequency): number {
	return PERIODS[frequency];
}
