/**
 * The first reporting week the data covers from its first day: the week of the first day with clicks or sales
 * when the data starts on the week's first day, else the week after. A week the exports start in the middle of
 * is not a week of revenue (a series starting with it reads as a collapse, or hides a yearly peak).
 * Used by the forecast inputs and the revenue alerts, so they agree on where history starts.
 */
import type { Database } from '../../db/database.ts';
import { addDays } from '../params/date-range.ts';

/** Pure: the first complete week's first day for data starting on `firstDay`, weeks starting on `weekStart` (0 = Sunday). */
export function firstCompleteWeekFrom(firstDay: string, weekStart: number): string {
	const offset = (new Date(`${firstDay}T00:00:00Z`).getUTCDay() - weekStart + 7) % 7;
	return offset === 0 ? firstDay : addDays(firstDay, 7 - offset);
}

/** The first day of the published data with clicks or sales, or null when there is none. */
export async function firstDataDay(db: Database): Promise<string | null> {
	const [first] = await db.query<{ d: string | null }>('select min(date)::varchar as d from main.fct_program_daily where valid_clicks > 0 or conversions > 0');
	return first?.d ?? null;
}

/** The first complete week of the published data, or null when there is no data. */
export async function firstCompleteWeek(db: Database, weekStart: number): Promise<string | null> {
	const first = await firstDataDay(db);
	return first ? firstCompleteWeekFrom(first, weekStart) : null;
}
