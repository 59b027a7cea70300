import { describe, expect, it } from 'vitest';
import { addPeriods } from './add-periods.ts';
import { defaultPeriod } from './default-period.ts';
import { formatIsoDate } from './format-iso-date.ts';
import { inferFrequency } from './infer-frequency.ts';
import { parseIsoDate } from './parse-iso-date.ts';
import { regulariseSeries } from './regularise-series.ts';

const day = (s: string) => parseIsoDate(s)!;

describe('parseIsoDate and formatIsoDate', () => {
	it.each([
		{ text: '1970-01-01', want: 0 },
		{ text: '1970-01-02', want: 1 },
		{ text: '2024-02-29', want: 19782 },
		{ text: '1958-03-01', want: -4324 }
	])('$text <-> $want', ({ text, want }) => {
		expect(parseIsoDate(text)).toBe(want);
		expect(formatIsoDate(want)).toBe(text);
	});

	it.each(['2023-02-29', '2023-13-01', '2023-00-10', '2023-2-3', '2023-02-03T00:00', '03/02/2023', '', 'abc'])('rejects %j', (text) => {
		expect(parseIsoDate(text)).toBeUndefined();
	});
});

describe('addPeriods', () => {
	it.each([
		{ from: '2024-01-30', frequency: 'day' as const, k: 3, want: '2024-02-02' },
		{ from: '2024-12-30', frequency: 'week' as const, k: 1, want: '2025-01-06' },
		{ from: '2024-01-15', frequency: 'month' as const, k: 13, want: '2025-02-15' },
		{ from: '2024-01-31', frequency: 'month' as const, k: 1, want: '2024-02-29' },
		{ from: '2024-02-29', frequency: 'month' as const, k: 1, want: '2024-03-31' },
		{ from: '2024-03-30', frequency: 'month' as const, k: 1, want: '2024-04-30' },
		{ from: '2024-11-01', frequency: 'quarter' as const, k: 1, want: '2025-02-01' },
		{ from: '2024-02-29', frequency: 'year' as const, k: 1, want: '2025-02-28' },
		{ from: '2024-03-01', frequency: 'month' as const, k: -2, want: '2024-01-01' }
	])('$from + $k $frequency = $want', ({ from, frequency, k, want }) => {
		expect(formatIsoDate(addPeriods(day(from), frequency, k))).toBe(want);
	});
});

describe('inferFrequency', () => {
	it.each([
		{ dates: ['2024-01-01', '2024-01-02', '2024-01-03'], want: 'day' },
		{ dates: ['2024-01-01', '2024-01-08', '2024-01-22', '2024-01-29'], want: 'week' },
		{ dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], want: 'month' },
		{ dates: ['2024-01-01', '2024-04-01', '2024-07-01'], want: 'quarter' },
		{ dates: ['2020-01-01', '2021-01-01', '2022-01-01'], want: 'year' },
		{ dates: ['2024-01-01', '2024-01-15', '2024-01-29'], want: undefined },
		{ dates: ['2024-01-01'], want: undefined }
	])('$dates -> $want', ({ dates, want }) => expect(inferFrequency(dates.map(day))).toBe(want));
});

describe('defaultPeriod', () => {
	it.each([
		['day', 7],
		['week', 52],
		['month', 12],
		['quarter', 4],
		['year', 1]
	] as const)('%s -> %i', (frequency, want) => expect(defaultPeriod(frequency)).toBe(want));
});

describe('regulariseSeries', () => {
	const points = (rows: [string, number][]) => rows.map(([d, value]) => ({ day: day(d), value }));

	it('sorts and interpolates missing periods linearly', () => {
		const r = regulariseSeries(points([['2024-04-01', 40], ['2024-01-01', 10]]), 'month');
		expect(r.dates).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']);
		expect(r.values).toEqual([10, 20, 30, 40]);
		expect(r.filled).toEqual(['2024-02-01', '2024-03-01']);
	});

	it('matches months by calendar month, whatever the day', () => {
		const r = regulariseSeries(points([['2024-01-31', 1], ['2024-02-29', 2], ['2024-03-31', 3]]), 'month');
		expect(r.values).toEqual([1, 2, 3]);
		expect(r.filled).toEqual([]);
	});

	it.each([
		{ name: 'two values in one month', rows: [['2024-01-01', 1], ['2024-01-15', 2]] as [string, number][], frequency: 'month' as const, message: '2024-01-01 and 2024-01-15 fall in the same month' },
		{ name: 'an exact duplicate', rows: [['2024-01-01', 1], ['2024-01-01', 2]] as [string, number][], frequency: 'day' as const, message: 'duplicate date 2024-01-01' },
		{ name: 'a date off the weekly grid', rows: [['2024-01-01', 1], ['2024-01-09', 2]] as [string, number][], frequency: 'week' as const, message: '2024-01-09 is not a whole number of weeks after 2024-01-01' }
	])('rejects $name', ({ rows, frequency, message }) => {
		expect(() => regulariseSeries(points(rows), frequency)).toThrow(message);
	});
});
