/**
 * Plain-text rendering of data diffs for the CLI (pure): per model the row counts, then every numeric
 * column whose values changed with its total before and after and the grain keys that moved most.
 * Called by format-build.
 */
import type { ColumnDiff, ModelDataDiff } from './read-data-diff.ts';

/** Whether a column's values changed: per key when the model has a grain, else by its total. */
export function columnChanged(column: ColumnDiff): boolean {
	if (column.changedKeys !== null) return column.changedKeys > 0;
	if (column.before === null || column.after === null) return column.before !== column.after;
	return Math.abs(column.after - column.before) > 1e-9 * Math.max(1, Math.abs(column.before), Math.abs(column.after));
}

/**
 * A figure for people: thousands separated, whole numbers without decimals, others with two.
 * @example formatFigure(1234567.891) // "1,234,567.89"
 */
export function formatFigure(value: number | null): string {
	if (value === null) return '-';
	const whole = Number.isInteger(value);
	return value.toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 });
}

/** A signed change with its share of the old value: "+1,200.50 (+3.10%)". */
export function formatDelta(before: number | null, after: number | null): string {
	const delta = (after ?? 0) - (before ?? 0);
	const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±';
	const share = before ? ` (${sign}${Math.abs((delta / before) * 100).toFixed(2)}%)` : '';
	return `${sign}${formatFigure(Math.abs(delta))}${share}`;
}

export function formatDataDiff(diffs: readonly ModelDataDiff[], errors: readonly { name: string; error: string }[] = []): string {
	if (diffs.length === 0 && errors.length === 0) return '';
	const lines = ['data diff (published -> candidate):'];
	for (const d of diffs) {
		const keys = d.keysChanged === null ? '' : `; keys ${formatFigure(d.keysAdded)} added, ${formatFigure(d.keysRemoved)} removed, ${formatFigure(d.keysChanged)} changed`;
		const grain = d.grain.length > 0 ? `, grain ${d.grain.join(' | ')}` : '';
		lines.push(`  ${d.name} (${d.change}${grain}): ${formatFigure(d.rowsBefore)} -> ${formatFigure(d.rowsAfter)} rows${keys}`);
		if (d.columnsAdded.length > 0) lines.push(`    columns added: ${d.columnsAdded.join(', ')}`);
		if (d.columnsRemoved.length > 0) lines.push(`    columns removed: ${d.columnsRemoved.join(', ')}`);
		const moved = d.columns.filter(columnChanged);
		const width = Math.max(0, ...moved.map((c) => c.column.length));
		for (const c of moved) {
			const where = c.changedKeys === null ? '' : `, ${formatFigure(c.changedKeys)} keys`;
			lines.push(`    ${c.column.padEnd(width)}  ${formatFigure(c.before)} -> ${formatFigure(c.after)}  ${formatDelta(c.before, c.after)}${where}`);
			if (c.top.length > 0) {
				const labels = c.top.map((t) => t.key.map((k) => k ?? 'NULL').join(' | '));
				const labelWidth = Math.max(...labels.map((l) => l.length));
				c.top.forEach((t, i) => lines.push(`      ${labels[i]!.padEnd(labelWidth)}  ${formatFigure(t.before)} -> ${formatFigure(t.after)}  ${formatDelta(t.before, t.after)}`));
			}
		}
		const still = d.columns.length - moved.length;
		if (moved.length === 0) lines.push(d.columns.length === 0 ? '    no numeric columns' : `    no numeric column changed (${d.columns.length} compared)`);
		else if (still > 0) lines.push(`    ${still} other numeric column${still === 1 ? '' : 's'} unchanged`);
	}
	for (const e of errors) lines.push(`  ${e.name}: data diff failed: ${e.error}`);
	return lines.join('\n');
}
