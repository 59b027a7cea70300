/**
 * Parse and validate the `date,value` CSV the CLI `forecast` command reads. Pure (text in, rows out) so that
 * every rejection is unit-tested; the command only reads the file.
 */
import { ForecastInputError } from './forecast-input-error.ts';
import { parseIsoDate } from './parse-iso-date.ts';
import { MIN_OBSERVATIONS, type SeriesPoint } from './types.ts';

export interface CsvSeriesPoint extends SeriesPoint {
	/** 1-based line in the file, for messages about this row. */
	readonly line: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Rows of a CSV whose header names the columns `date` and `value` (either order, any case, optional quotes
 * and spaces). Blank lines are ignored; a UTF-8 BOM and CRLF line ends are accepted. Rows stay in file order.
 * Throws ForecastInputError naming `source`, the line and the field for: an empty file, a missing header,
 * a row without exactly two fields, a date that is not a real YYYY-MM-DD date, a value that is not a
 * plain decimal number, a date seen before, or fewer than 4 rows.
 *
 * Complexity: O(length of text).
 *
 * @example
 * parseSeriesCsv('date,value\n2024-01-01,3\n2024-02-01,4\n2024-03-01,5\n2024-04-01,6\n', 'series.csv')[0];
 * // => { date: '2024-01-01', value: 3, line: 2 }
 * parseSeriesCsv('date,value\n2024-01-01,abc\n', 'series.csv');
 * // throws 'series.csv line 2: value "abc" is not a number'
 */
export function parseSeriesCsv(text: string, source: string): CsvSeriesPoint[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const fail = (line: number, field: string, message: string): never => {
		throw new ForecastInputError(`${source} line ${line}: ${message}`, { line, field });
	};
	const headerIndex = lines.findIndex((l) => l.trim() !== '');
	if (headerIndex === -1) throw new ForecastInputError(`${source}: the file is empty; expected a header line "date,value" and at least ${MIN_OBSERVATIONS} rows`, { field: 'header' });
	const header = splitFields(lines[headerIndex]!).map((f) => f.toLowerCase());
	const dateColumn = header.indexOf('date');
	const valueColumn = header.indexOf('value');
	if (header.length !== 2 || dateColumn === -1 || valueColumn === -1) {
		fail(headerIndex + 1, 'header', `expected the header "date,value", saw "${lines[headerIndex]!.trim()}"`);
	}

	const rows: CsvSeriesPoint[] = [];
	const seen = new Map<string, number>();
	for (let i = headerIndex + 1; i < lines.length; i++) {
		if (lines[i]!.trim() === '') continue;
		const line = i + 1;
		const fields = splitFields(lines[i]!);
		if (fields.length !== 2) fail(line, 'row', `expected 2 fields (date,value), saw ${fields.length}: "${lines[i]!.trim()}"`);
		const date = fields[dateColumn]!;
		const valueText = fields[valueColumn]!;
		if (parseIsoDate(date) === undefined) fail(line, 'date', `date "${date}" is not a valid YYYY-MM-DD date`);
		if (!NUMBER.test(valueText)) {
			fail(line, 'value', valueText === '' ? 'value is empty (leave the row out to mark a missing period)' : `value "${valueText}" is not a number`);
		}
		const value = Number(valueText);
		if (!Number.isFinite(value)) fail(line, 'value', `value "${valueText}" is out of range`);
		const earlier = seen.get(date);
		if (earlier !== undefined) fail(line, 'date', `duplicate date ${date} (first on line ${earlier})`);
		seen.set(date, line);
		rows.push({ date, value, line });
	}
	if (rows.length < MIN_OBSERVATIONS) {
		throw new ForecastInputError(`${source}: needs at least ${MIN_OBSERVATIONS} data rows, saw ${rows.length}`, { field: 'value' });
	}
	return rows;
}

/** Split one CSV line on commas, trimming spaces and one pair of surrounding double quotes per field. */
function splitFields(line: string): string[] {
	return line.split(',').map((f) => {
		const t = f.trim();
		return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
	});
}
