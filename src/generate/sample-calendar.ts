/**
 * The sample's calendar, pure: the days with their seasonality and growth multipliers, the months the data is
 * written by, and the complete months and weeks that costs are invoiced for. Called by generate-sample.ts.
 */
import { MONTH_MULTIPLIER, PEAK_EVENTS, WEEKDAY_MULTIPLIER, YEARLY_GROWTH } from './program-profile.ts';

export interface CalendarDay {
	/** YYYY-MM-DD (UTC). */
	readonly date: string;
	/** Days before the end date (0 = the end date). */
	readonly age: number;
	/** Multiplier of the day's clicks: weekday x month x retail events x growth trend. */
	readonly clicks: number;
	/** Multiplier of conversion rate and order value (retail events). */
	readonly conversion: number;
	readonly aov: number;
}

export interface CalendarPeriod {
	/** `YYYY-MM` for months, the Monday's date for weeks. */
	readonly key: string;
	/** First and last day, inclusive, clipped to the data. */
	readonly start: string;
	readonly end: string;
	/** True when the whole month or week lies inside the data. */
	readonly complete: boolean;
}

export interface SampleCalendar {
	readonly start: string;
	readonly end: string;
	readonly days: readonly CalendarDay[];
	/** Every month touched by the data, oldest first. */
	readonly months: readonly CalendarPeriod[];
	/** Complete Monday-to-Sunday weeks inside the data. */
	readonly weeks: readonly CalendarPeriod[];
}

const DAY_MS = 86_400_000;

/**
 * @example sampleCalendar('2025-01-31', 31).months // [{ key: '2025-01', start: '2025-01-01', end: '2025-01-31', complete: true }]
 * O(days).
 */
export function sampleCalendar(endDate: string, days: number): SampleCalendar {
	if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number >= 1, saw ${days}`);
	const endMs = parseDate(endDate);
	const startMs = endMs - (days - 1) * DAY_MS;
	const out: CalendarDay[] = [];
	const months: CalendarPeriod[] = [];
	const weeks: CalendarPeriod[] = [];
	for (let ms = startMs; ms <= endMs; ms += DAY_MS) {
		const d = new Date(ms);
		const date = formatDate(ms);
		const age = Math.round((endMs - ms) / DAY_MS);
		const event = peakEvent(d);
		const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
		// Traffic grows YEARLY_GROWTH per year, normalised to 1 one year before the end date.
		const trend = Math.pow(1 + YEARLY_GROWTH, 1 - age / 365);
		out.push({
			date,
			age,
			clicks: WEEKDAY_MULTIPLIER[weekday]! * MONTH_MULTIPLIER[d.getUTCMonth()]! * event.clicks * trend,
			conversion: event.conversion,
			aov: event.aov
		});
		const monthKey = date.slice(0, 7);
		if (months.at(-1)?.key !== monthKey) {
			const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
			const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
			months.push({ key: monthKey, start: formatDate(Math.max(first, startMs)), end: formatDate(Math.min(last, endMs)), complete: first >= startMs && last <= endMs });
		}
		if (weekday === 0 && ms + 6 * DAY_MS <= endMs) weeks.push({ key: date, start: date, end: formatDate(ms + 6 * DAY_MS), complete: true });
	}
	return { start: formatDate(startMs), end: endDate, days: out, months, weeks };
}

/** Black Friday: the day after the fourth Thursday of November. @example blackFriday(2025) // '2025-11-28' */
export function blackFriday(year: number): string {
	const nov1 = new Date(Date.UTC(year, 10, 1));
	const firstThursday = 1 + ((4 - nov1.getUTCDay() + 7) % 7);
	return formatDate(Date.UTC(year, 10, firstThursday + 21 + 1));
}

function peakEvent(d: Date): { clicks: number; conversion: number; aov: number } {
	const none = { clicks: 1, conversion: 1, aov: 1 };
	const offset = Math.round((d.getTime() - parseDate(blackFriday(d.getUTCFullYear()))) / DAY_MS);
	const bf = PEAK_EVENTS.blackFriday.find((e) => offset >= e.from && offset <= e.to);
	if (bf) return bf;
	if (d.getUTCMonth() === 11) return PEAK_EVENTS.december.find((e) => d.getUTCDate() >= e.from && d.getUTCDate() <= e.to) ?? none;
	return none;
}

/** Parses YYYY-MM-DD as a UTC date; throws on anything else (including 2025-02-30). */
export function parseDate(text: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
	if (!m || Number.isNaN(ms) || formatDate(ms) !== text) throw new RangeError(`date must be YYYY-MM-DD, saw "${text}"`);
	return ms;
}

export function formatDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}
