/**
 * How many periods make a year for a frequency: what the yearly methods (yearly-profile, seasonal-naive-yoy)
 * compare a point with. Called by forecast.
 */
import type { Frequency } from './types.ts';

const PER_YEAR: Readonly<Record<Frequency, number | undefined>> = { day: 365, week: 52, month: 12, quarter: 4, year: undefined };

/**
 * Periods per year (365 days, 52 weeks, 12 months, 4 quarters), or undefined for yearly data.
 *
 * Complexity: O(1).
 *
 * @example
 * yearPeriod('week'); // => 52
 */
export function yearPeriod(frequency: Frequency | undefined): number | undefined {
	return frequency ? PER_YEAR[frequency] : undefined;
}
