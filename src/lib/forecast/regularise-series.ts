/**
 * Put a dated series on a regular grid of its frequency, filling missing periods by linear interpolation.
 * Called by forecast on dated input.
 */
import { addPeriods } from './add-periods.ts';
import { formatIsoDate } from './format-iso-date.ts';
import { ForecastInputError } from './forecast-input-error.ts';
import type { Frequency } from './types.ts';

export interface DatedValue {
	/** Day number (days since 1970-01-01). */
	readonly day: number;
	readonly value: number;
}

export interface RegularSeries {
	/** One date per period from the first to the last observation, YYYY-MM-DD. */
	readonly dates: string[];
	readonly values: number[];
	/** Dates that were missing and got an interpolated value. */
	readonly filled: string[];
}

/**
 * Sort the points, map each to its period on the grid that starts at the first date, and interpolate the
 * periods nobody observed. Months, quarters and years are matched by calendar month (any day of the month
 * counts), weeks and days by exact spacing.
 * Throws ForecastInputError when two points fall in one period or a weekly / quarterly date is off the grid.
 *
 * Complexity: O(n log n + periods).
 *
 * @example
 * regulariseSeries([{ day: 0, value: 1 }, { day: 2, value: 3 }], 'day');
 * // => { dates: ['1970-01-01', '1970-01-02', '1970-01-03'], values: [1, 2, 3], filled: ['1970-01-02'] }
 */
export function regulariseSeries(points: readonly DatedValue[], frequency: Frequency): RegularSeries {
	const sorted = [...points].sort((a, b) => a.day - b.day);
	if (sorted.length === 0) return { dates: [], values: [], filled: [] };
	const first = sorted[0]!.day;
	const slots = new Map<number, DatedValue>();
	for (const p of sorted) {
		const slot = slotOf(p.day, first, frequency);
		const taken = slots.get(slot);
		if (taken) {
			const what = taken.day === p.day ? `duplicate date ${formatIsoDate(p.day)}` : `${formatIsoDate(taken.day)} and ${formatIsoDate(p.day)} fall in the same ${frequency}`;
			throw new ForecastInputError(`${what}: each ${frequency} needs exactly one value`, { field: 'date', date: formatIsoDate(p.day) });
		}
		slots.set(slot, p);
	}
	const lastSlot = slotOf(sorted[sorted.length - 1]!.day, first, frequency);
	const dates: string[] = [];
	const values: number[] = [];
	const filled: string[] = [];
	let previous = 0;
	for (let slot = 0; slot <= lastSlot; slot++) {
		const p = slots.get(slot);
		if (p) {
			dates.push(formatIsoDate(p.day));
			values.push(p.value);
			previous = slot;
			continue;
		}
		let next = slot + 1;
		while (!slots.has(next)) next++;
		const a = slots.get(previous)!.value;
		const b = slots.get(next)!.value;
		dates.push(formatIsoDate(addPeriods(first, frequency, slot)));
		values.push(a + ((b - a) * (slot - previous)) / (next - previous));
		filled.push(dates[dates.length - 1]!);
	}
	return { dates, values, filled };
}

function slotOf(day: number, first: number, frequency: Frequency): number {
	if (frequency === 'day') return day - first;
	if (frequency === 'week') {
		if ((day - first) % 7 !== 0) {
			throw new ForecastInputError(`date ${formatIsoDate(day)} is not a whole number of weeks after ${formatIsoDate(first)}`, { field: 'date', date: formatIsoDate(day) });
		}
		return (day - first) / 7;
	}
	const months = monthIndex(day) - monthIndex(first);
	if (frequency === 'month') return months;
	const size = frequency === 'quarter' ? 3 : 12;
	if (frequency === 'quarter' && months % 3 !== 0) {
		throw new ForecastInputError(`date ${formatIsoDate(day)} is not a whole number of quarters after ${formatIsoDate(first)}`, { field: 'date', date: formatIsoDate(day) });
	}
	return Math.floor(months / size);
}

function monthIndex(day: number): number {
	const d = new Date(day * 86_400_000);
	return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
