/**
 * Western (Gregorian) Easter Sunday of a year as a day number (days since 1970-01-01, UTC), between March 22
 * and April 25. Called by year-alignment (the retail holidays).
 */

/**
 * The anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8), valid for every Gregorian year.
 *
 * Complexity: O(1).
 *
 * @example
 * easterSunday(2025); // => 20198 (2025-04-20)
 */
export function easterSunday(year: number): number {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31); // 3 = March, 4 = April
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}
