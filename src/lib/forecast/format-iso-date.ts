/**
 * Day number (days since 1970-01-01) back to YYYY-MM-DD. Called by forecast and add-periods.
 */

/**
 * Complexity: O(1).
 *
 * @example
 * formatIsoDate(0); // => '1970-01-01'
 */
export function formatIsoDate(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
