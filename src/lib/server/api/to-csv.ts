/**
 * Rows -> RFC 4180 CSV text (pure). Text cells a spreadsheet could run as a formula get a leading ': cells
 * starting with = + - @ (or their fullwidth forms, which Excel folds to ASCII), with whitespace or a control
 * character before them, and cells where a formula character follows a ; or tab (a semicolon-locale
 * spreadsheet splits there). Cells with ; or a tab are quoted as well, so they stay one cell.
 */

export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[] = rows[0] ? Object.keys(rows[0]) : []): string {
	const lines = [columns.map(cell).join(',')];
	for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}

const FORMULA_START = /^[\s\u0000-\u001f\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\s\u0000-\u001f]/;
const FORMULA_AFTER_SEPARATOR = /[;\t][\s]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** Whether a text cell could be read as a formula by a spreadsheet (pure). */
export function isFormulaLike(text: string): boolean {
	return FORMULA_START.test(text) || FORMULA_AFTER_SEPARATOR.test(text);
}

function cell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (typeof value === 'string' && isFormulaLike(text)) text = `'${text}`;
	return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
