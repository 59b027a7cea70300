/**
 * Black Friday of a year as a day number (days since 1970-01-01, UTC): the day after the fourth Thursday of
 * November, so between November 23 and 29. Called by year-alignment (the retail holidays).
 */

/**
 * Complexity: O(1).
 *
 * @example
 * blackFriday(2026); // => 20784 (2026-11-27)
 */
export function blackFriday(year: number): number {
	const november1 = Date.UTC(year, 10, 1);
	const weekday = new Date(november1).getUTCDay(); // 0 = Sunday
	const firstThursday = 1 + ((4 - weekday + 7) % 7);
	return Math.round(november1 / 86_400_000) + firstThursday - 1 + 21 + 1;
}
