import { describe, expect, it } from 'vitest';
import { blackFriday as sampleBlackFriday } from '../../generate/sample-calendar.ts';
import { blackFriday } from './black-friday.ts';
import { easterSunday } from './easter-sunday.ts';
import { formatIsoDate } from './format-iso-date.ts';
import { parseIsoDate } from './parse-iso-date.ts';
import { seasonalNaive } from './seasonal-naive.ts';
import { seasonalNaiveYoy } from './seasonal-naive-yoy.ts';
import { yearAlignment } from './year-alignment.ts';
import { yoyChange } from './yoy-ratio.ts';

const day = (iso: string) => parseIsoDate(iso)!;

describe('blackFriday', () => {
	it.each([
		['2018', '2018-11-23'],
		['2019', '2019-11-29'],
		['2024', '2024-11-29'],
		['2025', '2025-11-28'],
		['2026', '2026-11-27'],
		['2029', '2029-11-23'],
		['2030', '2030-11-29']
	])('%s is %s', (year, iso) => {
		expect(formatIsoDate(blackFriday(Number(year)))).toBe(iso);
	});
	it('agrees with the sample generator (its own implementation) for 1990-2060, always a Friday, November 23-29', () => {
		for (let year = 1990; year <= 2060; year++) {
			const iso = formatIsoDate(blackFriday(year));
			expect(iso).toBe(sampleBlackFriday(year));
			expect(new Date(`${iso}T00:00:00Z`).getUTCDay()).toBe(5);
			expect(Number(iso.slice(8))).toBeGreaterThanOrEqual(23);
			expect(Number(iso.slice(8))).toBeLessThanOrEqual(29);
		}
	});
});

describe('easterSunday', () => {
	// Published dates (e.g. the US Naval Observatory's table), including both extremes of the range.
	it.each(['2008-03-23', '2011-04-24', '2019-04-21', '2024-03-31', '2025-04-20', '2026-04-05', '2038-04-25', '2285-03-22'])('%s', (iso) => {
		expect(formatIsoDate(easterSunday(Number(iso.slice(0, 4))))).toBe(iso);
	});
	it('is always a Sunday between March 22 and April 25', () => {
		for (let year = 1900; year <= 2100; year++) {
			const d = new Date(easterSunday(year) * 86_400_000);
			expect(d.getUTCDay()).toBe(0);
			const md = formatIsoDate(easterSunday(year)).slice(5);
			expect(md >= '03-22' && md <= '04-25').toBe(true);
		}
	});
});

describe('yearAlignment', () => {
	// Mondays from 2028-11-13: Black Friday 2028-11-24 is in week 1, 2029-11-23 in week 53 (52 later),
	// 2030-11-29 in week 106 (53 later): the year a 52-week lag misses it.
	const weeks = yearAlignment({ yearPeriod: 52, firstDay: day('2028-11-13'), stepDays: 7, holidays: 'retail' });
	const weekOf = (iso: string) => (day(iso) - day('2028-11-13')) / 7;
	it('keys the week holding Black Friday, whatever its week number', () => {
		expect(weekOf('2028-11-20')).toBe(1);
		expect(weeks.key(1)).toBe('black-friday+0');
		expect(weeks.key(weekOf('2029-11-19'))).toBe('black-friday+0');
		expect(weeks.key(weekOf('2030-11-25'))).toBe('black-friday+0');
		expect(weeks.key(weekOf('2030-12-02'))).toBe('black-friday+1'); // Cyber Monday 2030-12-02
		expect(weeks.key(weekOf('2030-11-18'))).toBe('black-friday-1');
	});
	it('finds last year\'s Black Friday week 52 or 53 weeks back, and plain weeks 52 back', () => {
		expect(weeks.yearAgo(weekOf('2029-11-19'))).toBe(1);
		expect(weeks.yearAgo(weekOf('2030-11-25'))).toBe(weekOf('2029-11-19')); // 53 weeks
		expect(weekOf('2030-11-25') - weekOf('2029-11-19')).toBe(53);
		expect(weeks.yearAgo(weekOf('2030-06-03'))).toBe(weekOf('2030-06-03') - 52);
	});
	it('keys Christmas Day\'s and New Year\'s Day\'s weeks by date, and Easter\'s week though Easter moves by weeks', () => {
		expect(weeks.key(weekOf('2029-12-24'))).toBe('christmas+0');
		expect(weeks.key(weekOf('2029-12-31'))).toBe('christmas+1');
		// Easter 2029-04-01 and 2030-04-21: three weeks apart in the calendar, 55 weeks apart in the series.
		expect(weeks.key(weekOf('2029-03-26'))).toBe('easter+0');
		expect(weeks.key(weekOf('2030-04-15'))).toBe('easter+0');
		expect(weeks.yearAgo(weekOf('2030-04-15'))).toBe(weekOf('2029-03-26'));
	});
	it('keys days by their distance from Black Friday, and compares ordinary days with the same weekday (364 days back)', () => {
		const days = yearAlignment({ yearPeriod: 365, firstDay: day('2029-01-01'), stepDays: 1, holidays: 'retail' });
		const at = (iso: string) => day(iso) - day('2029-01-01');
		expect(days.key(at('2030-11-29'))).toBe('black-friday+0');
		expect(days.key(at('2030-12-02'))).toBe('black-friday+3');
		expect(days.yearAgo(at('2030-12-02'))).toBe(at('2029-11-26')); // Cyber Monday to Cyber Monday: 371 days
		expect(days.yearAgo(at('2030-06-12'))).toBe(at('2030-06-12') - 364);
		expect(new Date((day('2029-01-01') + days.yearAgo(at('2030-06-12'))) * 86_400_000).getUTCDay()).toBe(3); // both Wednesdays
	});
	it('is plain t - m without holidays, for months, and for plain numbers', () => {
		for (const a of [yearAlignment({ yearPeriod: 52 }), yearAlignment({ yearPeriod: 12, firstDay: 0, stepDays: 30, holidays: 'retail' }), yearAlignment({ yearPeriod: 52, firstDay: day('2028-11-13'), stepDays: 7 })]) {
			expect(a.key(105)).toBe(`p${105 % a.period}`);
			expect(a.yearAgo(105)).toBe(105 - a.period);
		}
	});
});

describe('yoyChange with an alignment', () => {
	it('compares each recent point with its own year-ago point (hand-computed)', () => {
		// Points 4 and 5 compare with 0 and 2 (a holiday that moved): (8 + 9) / (4 + 6).
		const y = [4, 5, 6, 7, 8, 9];
		const change = yoyChange(y, 4, 2, (t) => (t === 5 ? 2 : t - 4));
		expect(change).toEqual({ kind: 'ratio', value: 1.7, window: 2 });
	});
});

describe('seasonal naive with an alignment', () => {
	// Weeks from 2028-11-13: Black Friday weeks at 1 and 53 (52 apart), the next at 106 (53 later).
	const weeks = yearAlignment({ yearPeriod: 52, firstDay: day('2028-11-13'), stepDays: 7, holidays: 'retail' });
	const y = Array.from({ length: 105 }, (_, t) => (t === 1 || t === 53 ? 400 : 100));
	it('puts last year\'s Black Friday week on this year\'s (index 106), where the 52-week lag puts it on 105', () => {
		expect(seasonalNaive(y, { horizon: 3, period: 52, align: weeks }).forecast).toEqual([100, 400, 100]);
		expect(seasonalNaive(y, { horizon: 3, period: 52 }).forecast).toEqual([400, 100, 100]);
		expect(seasonalNaiveYoy(y, { horizon: 3, yearPeriod: 52, align: weeks }).forecast.map((v) => Math.round(v))).toEqual([100, 400, 100]);
	});
});
