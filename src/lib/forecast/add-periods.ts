/**
 * Calendar arithmetic on day numbers by frequency. Called by forecast (future dates) and regularise-series
 * (dates of filled gaps).
 */
import type { Frequency } from './types.ts';

/**
 * The day `k` periods after `day`. Months, quarters and years keep the day of the month, clamped to the
 * month's length (Jan 31 + 1 month = Feb 28/29), and an end-of-month start stays at month ends.
 *
 * Complexity: O(1).
 *
 * @example
 * formatIsoDate(addPeriods(parseIsoDate('2024-01-31')!, 'month', 1)); // => '2024-02-29'
 * formatIsoDate(addPeriods(parseIsoDate('2024-02-29')!, 'year', 1)); // => '2025-02-28'
 */
export function addPeriods(day: number, frequency: Frequency, k: number): number {
	if (frequency === 'day') return day + k;
	if (frequency === 'week') return day + 7 * k;
	const months = k * (frequency === 'month' ? 1 : frequency === 'quarter' ? 3 : 12);
	const date = new Date(day * 86_400_000);
	const y = date.getUTCFullYear();
	const m = date.getUTCMonth();
	const d = date.getUTCDate();
	const endOfMonth = d === daysInMonth(y, m);
	const target = m + months;
	const ty = y + Math.floor(target / 12);
	const tm = ((target % 12) + 12) % 12;
	const td = endOfMonth ? daysInMonth(ty, tm) : Math.min(d, daysInMonth(ty, tm));
	return Math.round(Date.UTC(ty, tm, td) / 86_400_000);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
