import { describe, expect, it } from 'vitest';
import { columnChanged, formatDataDiff, formatDelta, formatFigure } from './format-data-diff.ts';
import type { ModelDataDiff } from './read-data-diff.ts';

describe('formatFigure', () => {
	it.each([
		[1234567.891, '1,234,567.89'],
		[981, '981'],
		[-0.5, '-0.50'],
		[null, '-']
	])('%s -> %s', (value, text) => expect(formatFigure(value)).toBe(text));
});

describe('formatDelta', () => {
	it.each([
		[100, 103.1, '+3.10 (+3.10%)'],
		[981, 633, '-348 (-35.47%)'],
		[null, 5, '+5'],
		[0, 5, '+5'],
		[7, 7, '±0 (±0.00%)']
	])('%s -> %s gives %s', (before, after, text) => expect(formatDelta(before, after)).toBe(text));
});

describe('columnChanged', () => {
	it('uses the changed keys when there is a grain, the totals otherwise (ignoring float noise)', () => {
		expect(columnChanged({ column: 'x', before: 1, after: 1, changedKeys: 2, top: [] })).toBe(true);
		expect(columnChanged({ column: 'x', before: 1, after: 2, changedKeys: 0, top: [] })).toBe(false);
		expect(columnChanged({ column: 'x', before: 92473.22, after: 92473.22 + 1e-9, changedKeys: null, top: [] })).toBe(false);
		expect(columnChanged({ column: 'x', before: 92473.22, after: 60435.15, changedKeys: null, top: [] })).toBe(true);
		expect(columnChanged({ column: 'x', before: null, after: 3, changedKeys: null, top: [] })).toBe(true);
	});
});

describe('formatDataDiff', () => {
	const diff: ModelDataDiff = {
		name: 'fct_program_daily',
		kind: 'table',
		change: 'rebuilt',
		fromVersion: 'aaaa',
		toVersion: 'bbbb',
		grain: ['date'],
		rowsBefore: 150,
		rowsAfter: 151,
		keysAdded: 1,
		keysRemoved: 0,
		keysChanged: 2,
		columns: [
			{
				column: 'revenue',
				before: 92473.22,
				after: 60435.15,
				changedKeys: 2,
				top: [
					{ key: ['2026-06-04'], before: 1187.76, after: 0 },
					{ key: ['2026-07-01'], before: null, after: 12.5 }
				]
			},
			{ column: 'valid_clicks', before: 20000, after: 20000, changedKeys: 0, top: [] }
		],
		columnsAdded: ['note'],
		columnsRemoved: []
	};

	it('shows rows, keys, each changed column with its totals and top keys, and how many stayed the same', () => {
		expect(formatDataDiff([diff]).split('\n')).toEqual([
			'data diff (published -> candidate):',
			'  fct_program_daily (rebuilt, grain date): 150 -> 151 rows; keys 1 added, 0 removed, 2 changed',
			'    columns added: note',
			'    revenue  92,473.22 -> 60,435.15  -32,038.07 (-34.65%), 2 keys',
			'      2026-06-04  1,187.76 -> 0  -1,187.76 (-100.00%)',
			'      2026-07-01  - -> 12.50  +12.50',
			'    1 other numeric column unchanged'
		]);
	});

	it('says so when no numeric column changed, and lists diffs that failed', () => {
		const same = { ...diff, grain: [], keysAdded: null, keysRemoved: null, keysChanged: null, columnsAdded: [], columns: [{ column: 'amount', before: 5, after: 5, changedKeys: null, top: [] }] };
		expect(formatDataDiff([same], [{ name: 'fct_daily', error: 'boom' }]).split('\n')).toEqual([
			'data diff (published -> candidate):',
			'  fct_program_daily (rebuilt): 150 -> 151 rows',
			'    no numeric column changed (1 compared)',
			'  fct_daily: data diff failed: boom'
		]);
	});

	it('is empty without diffs', () => {
		expect(formatDataDiff([])).toBe('');
	});
});
