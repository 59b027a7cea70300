/** Rows -> RFC 4180 CSV text (pure). Cells that a spreadsheet would run as a formula are prefixed with '. */

export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[] = rows[0] ? Object.keys(rows[0]) : []): string {
	const lines = [columns.map(cell).join(',')];
	for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}

function cell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
