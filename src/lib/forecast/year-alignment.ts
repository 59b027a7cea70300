/**
 * Which observations of a series are "the same time of year". By default the position t mod m; with retail
 * holidays, the weeks (or days) around the moving holidays (Black Friday and Cyber Monday, Christmas and the
 * New Year, Easter) are keyed by their distance from the holiday's date instead, so this year's Black Friday
 * week lines up with last year's also in the years a 52-week lag misses it by one week (Black Friday moves
 * from November 23 to 29, a 53-week step) and Easter lines up although it moves by weeks.
 * Built by forecast; used by the yearly methods, the year-over-year change and the same-season backtest.
 */
import { blackFriday } from './black-friday.ts';
import { easterSunday } from './easter-sunday.ts';

export interface YearAlignment {
	/** The lag between ordinary points a year apart: 52 weeks, 364 days (same weekday), 12 months. */
	readonly period: number;
	/** Position of observation t in its year: `p<t mod m>`, or a holiday key such as `black-friday+0`. */
	key(t: number): string;
	/**
	 * Index of the same position one year before t: t - m, or the nearest index with t's holiday key (t - 53
	 * for a Black Friday week after a 53-week step). May be negative (before the series).
	 */
	yearAgo(t: number): number;
}

export interface YearAlignmentOptions {
	/** Periods per year (52 weeks, 365 days, 12 months). */
	readonly yearPeriod: number;
	/** Day number (days since 1970-01-01) of the first day of observation 0; needed for the holidays. */
	readonly firstDay?: number;
	/** Days per observation: holidays align weeks (7) and days (1) only. */
	readonly stepDays?: number;
	/** 'retail': key the holiday windows (see RETAIL_HOLIDAYS); default 'none' (position t mod m only). */
	readonly holidays?: HolidayCalendar;
}

export const HOLIDAY_CALENDARS = ['none', 'retail'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

interface Holiday {
	readonly name: string;
	/** The holiday's day number in a year. */
	readonly anchor: (year: number) => number;
	/** Offsets, in weeks, of the weeks keyed (0 = the week holding the anchor day). */
	readonly weeks: readonly [number, number];
	/** Offsets, in days, of the days keyed. */
	readonly days: readonly [number, number];
}

const dayOf = (year: number, month: number, day: number) => Math.round(Date.UTC(year, month - 1, day) / 86_400_000);

/**
 * The retail holidays whose dates move against the week grid. Weeks: the week before Black Friday's to two
 * after (Cyber Monday and the week after it; Monday weeks put Cyber Monday in week +1), the week holding
 * Christmas Day and the one holding New Year's Day (always the next), and Easter's week with its neighbours.
 * Days: a week before Black Friday to ten days after, December 24 to January 1, Maundy Thursday to Easter Monday.
 */
export const RETAIL_HOLIDAYS: readonly Holiday[] = [
	{ name: 'black-friday', anchor: blackFriday, weeks: [-1, 2], days: [-7, 10] },
	{ name: 'christmas', anchor: (year) => dayOf(year, 12, 25), weeks: [-3, 1], days: [-24, 7] },
	{ name: 'easter', anchor: easterSunday, weeks: [-1, 1], days: [-3, 1] }
];

/**
 * Build the alignment of a series whose observation t starts on day firstDay + t * stepDays.
 * Without holidays (or without dates, or for months) key(t) = `p<t mod m>` and yearAgo(t) = t - m.
 * With them, a period inside a holiday window is keyed `<holiday><offset>`, and yearAgo searches t - m
 * +- 6 weeks (+- 36 days) for the nearest period with the same key (Easter moves up to five weeks); other
 * days are keyed t mod 364 (the same weekday a year back, as retail compares days), weeks t mod 52.
 *
 * Complexity: O(1) per key (memoised), O(radius) per yearAgo.
 *
 * @example
 * const a = yearAlignment({ yearPeriod: 52, firstDay: dayOf(2028, 11, 27), stepDays: 7, holidays: 'retail' });
 * a.key(51); // => 'black-friday+0' (the week of 2029-11-19, Black Friday 2029-11-23)
 * a.yearAgo(104); // => 51: Black Friday 2030 (11-29) is 53 weeks after 2029's, not 52
 */
export function yearAlignment(options: YearAlignmentOptions): YearAlignment {
	const m = Math.floor(options.yearPeriod);
	const step = options.stepDays;
	const first = options.firstDay;
	const windowOf = (h: Holiday) => (step === 7 ? h.weeks : h.days);
	if (!(options.holidays === 'retail' && first !== undefined && (step === 7 || step === 1))) {
		return { period: m, key: (t) => `p${((t % m) + m) % m}`, yearAgo: (t) => t - m };
	}
	// Retail days compare with the same weekday a year back (364 days), as shops count comparable days; the
	// fixed-date holidays (Christmas) are keyed by their date below.
	const lag = step === 1 ? 364 : m;
	const plain = (t: number) => `p${((t % lag) + lag) % lag}`;
	const keys = new Map<number, string>();
	const key = (t: number): string => {
		const cached = keys.get(t);
		if (cached !== undefined) return cached;
		const day = first + t * step;
		const year = new Date(day * 86_400_000).getUTCFullYear();
		let found = plain(t);
		search: for (const holiday of RETAIL_HOLIDAYS) {
			const [lo, hi] = windowOf(holiday);
			for (const y of [year - 1, year, year + 1]) {
				const offset = t - Math.floor((holiday.anchor(y) - first) / step);
				if (offset >= lo && offset <= hi) {
					found = `${holiday.name}${offset >= 0 ? '+' : ''}${offset}`;
					break search;
				}
			}
		}
		keys.set(t, found);
		return found;
	};
	const radius = step === 7 ? 6 : 36;
	const yearAgo = (t: number): number => {
		const own = key(t);
		if (key(t - lag) === own) return t - lag;
		if (own.startsWith('p')) return t - lag;
		for (let d = 1; d <= radius; d++) {
			if (key(t - lag - d) === own) return t - lag - d;
			if (key(t - lag + d) === own) return t - lag + d;
		}
		return t - lag;
	};
	return { period: lag, key, yearAgo };
}
