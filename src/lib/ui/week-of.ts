/** The reporting week containing a day, and its neighbours (pure; UTC days as YYYY-MM-DD). Used by the week picker. */

export function shiftDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The first day of the reporting week (starting on `weekStart`, 0 = Sunday) that contains `date`. */
export function weekOf(date: string, weekStart: number): string {
	const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
	return shiftDays(date, -((dow - weekStart + 7) % 7));
}
