/**
 * Strict YYYY-MM-DD parsing to a day number (days since 1970-01-01, UTC). Called by parse-series-csv and
 * forecast on dated input.
 */

/**
 * The day number of a real calendar date written YYYY-MM-DD, or undefined for anything else (2023-02-30,
 * 2023-2-3, 2023-02-03T00:00, ...).
 *
 * Complexity: O(1).
 *
 * @example
 * parseIsoDate('1970-01-02'); // => 1
 * parseIsoDate('2023-02-30'); // => undefined
 */
export function parseIsoDate(text: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const ms = Date.UTC(year, month - 1, day);
	const date = new Date(ms);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	return Math.round(ms / 86_400_000);
}
