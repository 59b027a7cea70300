/**
 * The `week` parameter of the weekly review (pure): the first day of a reporting week as YYYY-MM-DD, on the
 * configured week start, not after the last complete week and at most ten years before it. Called by
 * api/routes/report-routes.ts; bad input is a ValidationError naming the parameter.
 */
import { ValidationError } from '../../errors.ts';
import { addDays, parseIsoDate, type DateRange } from './date-range.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** How far back a week may be asked for: 520 weeks (ten years). */
export const MAX_WEEKS_BACK = 520;

export function parseWeek(raw: string | undefined, options: { weekStart: number; lastComplete: DateRange }): DateRange | null {
	if (raw === undefined || raw === '') return null;
	const from = parseIsoDate(raw, 'week');
	const dow = new Date(`${from}T00:00:00Z`).getUTCDay();
	if (dow !== options.weekStart)
		throw new ValidationError(`week must be the first day of a reporting week (a ${WEEKDAYS[options.weekStart]}), saw "${raw}" (a ${WEEKDAYS[dow]})`, { parameter: 'week' });
	if (from > options.lastComplete.from)
		throw new ValidationError(`week must not be after the last complete week (${options.lastComplete.from}), saw "${raw}"`, { parameter: 'week' });
	const earliest = addDays(options.lastComplete.from, -7 * MAX_WEEKS_BACK);
	if (from < earliest) throw new ValidationError(`week must be on or after ${earliest} (${MAX_WEEKS_BACK} weeks back), saw "${raw}"`, { parameter: 'week' });
	return { from, to: addDays(from, 6) };
}
