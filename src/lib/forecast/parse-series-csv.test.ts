import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './forecast-input-error.ts';
import { parseSeriesCsv } from './parse-series-csv.ts';

const rows = ['2024-01-01,1', '2024-02-01,2', '2024-03-01,3', '2024-04-01,4'];

describe('parseSeriesCsv', () => {
	it('reads rows with their line numbers, in file order', () => {
		const parsed = parseSeriesCsv(['date,value', ...rows].join('\n'), 's.csv');
		expect(parsed[0]).toEqual({ date: '2024-01-01', value: 1, line: 2 });
		expect(parsed).toHaveLength(4);
	});

	it.each([
		{ name: 'CRLF, BOM, blank lines, spaces and quotes', text: '\uFEFFdate, value\r\n"2024-01-01", "1.5"\r\n\r\n2024-02-01,-2e3\r\n2024-03-01,+.5\r\n2024-04-01,4\r\n', first: 1.5 },
		{ name: 'columns the other way round, any case', text: ['Value,DATE', '7,2024-01-01', '8,2024-02-01', '9,2024-03-01', '10,2024-04-01'].join('\n'), first: 7 }
	])('accepts $name', ({ text, first }) => {
		const parsed = parseSeriesCsv(text, 's.csv');
		expect(parsed[0]!.value).toBe(first);
		expect(parsed).toHaveLength(4);
	});

	it.each([
		{ name: 'an empty file', text: '\n\n', message: 's.csv: the file is empty', field: 'header' },
		{ name: 'a missing header', text: rows.join('\n'), message: 's.csv line 1: expected the header "date,value", saw "2024-01-01,1"', field: 'header' },
		{ name: 'a non-numeric value', text: ['date,value', ...rows.slice(0, 2), '2024-03-01,abc', rows[3]].join('\n'), message: 's.csv line 4: value "abc" is not a number', field: 'value' },
		{ name: 'an empty value', text: ['date,value', '2024-01-01,', ...rows.slice(1)].join('\n'), message: 's.csv line 2: value is empty', field: 'value' },
		{ name: 'a value with a unit', text: ['date,value', '2024-01-01,12 EUR', ...rows.slice(1)].join('\n'), message: 's.csv line 2: value "12 EUR" is not a number', field: 'value' },
		{ name: 'an impossible date', text: ['date,value', '2024-02-30,1', ...rows.slice(1)].join('\n'), message: 's.csv line 2: date "2024-02-30" is not a valid YYYY-MM-DD date', field: 'date' },
		{ name: 'another date format', text: ['date,value', '01/02/2024,1', ...rows.slice(1)].join('\n'), message: 's.csv line 2: date "01/02/2024" is not a valid YYYY-MM-DD date', field: 'date' },
		{ name: 'a duplicate date', text: ['date,value', ...rows, '2024-02-01,9'].join('\n'), message: 's.csv line 6: duplicate date 2024-02-01 (first on line 3)', field: 'date' },
		{ name: 'a third field', text: ['date,value', '2024-01-01,1,2', ...rows.slice(1)].join('\n'), message: 's.csv line 2: expected 2 fields (date,value), saw 3', field: 'row' },
		{ name: 'fewer than 4 rows', text: ['date,value', ...rows.slice(0, 3)].join('\n'), message: 's.csv: needs at least 4 data rows, saw 3', field: 'value' }
	])('rejects $name, naming the line and field', ({ text, message, field }) => {
		let caught: unknown;
		try {
			parseSeriesCsv(text, 's.csv');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ForecastInputError);
		expect((caught as ForecastInputError).message).toContain(message);
		expect((caught as ForecastInputError).field).toBe(field);
	});
});
