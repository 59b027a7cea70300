import { describe, expect, it } from 'vitest';
import { blackFriday, parseDate, sampleCalendar } from './sample-calendar.ts';

describe('blackFriday', () => {
	it.each([
		[2023, '2023-11-24'],
		[2024, '2024-11-29'],
		[2025, '2025-11-28'],
		[2026, '2026-11-27'],
		[2029, '2029-11-23']
	])('is the day after the fourth Thursday of November %i', (year, expected) => {
		expect(blackFriday(year)).toBe(expected);
	});
});

describe('sampleCalendar', () => {
	it('has one day per date ending on the end date, ages counting back from 0', () => {
		const c = sampleCalendar('2025-03-02', 5);
		expect(c.days.map((d) => [d.date, d.age])).toEqual([
			['2025-02-26', 4],
			['2025-02-27', 3],
			['2025-02-28', 2],
			['2025-03-01', 1],
			['2025-03-02', 0]
		]);
		expect(c.start).toBe('2025-02-26');
	});

	it('lists the months touched, clipped to the data, and marks the complete ones', () => {
		const c = sampleCalendar('2025-03-31', 45);
		expect(c.months).toEqual([
			{ key: '2025-02', start: '2025-02-15', end: '2025-02-28', complete: false },
			{ key: '2025-03', start: '2025-03-01', end: '2025-03-31', complete: true }
		]);
	});

	it('lists only complete Monday-to-Sunday weeks', () => {
		// 2025-03-03 is a Monday; the data runs Tuesday 2025-03-04 .. Sunday 2025-03-23.
		const c = sampleCalendar('2025-03-23', 20);
		expect(c.weeks.map((w) => [w.start, w.end])).toEqual([
			['2025-03-10', '2025-03-16'],
			['2025-03-17', '2025-03-23']
		]);
	});

	it('peaks on Black Friday and dips on Christmas Day', () => {
		const c = sampleCalendar('2025-12-31', 60);
		const day = (date: string) => c.days.find((d) => d.date === date)!;
		const normal = day('2025-11-12');
		expect(day('2025-11-28').clicks / normal.clicks).toBeGreaterThan(2);
		expect(day('2025-11-28').conversion).toBeGreaterThan(1.2);
		expect(day('2025-12-25').clicks).toBeLessThan(normal.clicks);
	});

	it('grows traffic about 30% a year', () => {
		const c = sampleCalendar('2025-12-31', 731);
		// Same weekday and month one year apart (2024-12-31 is a Tuesday, 2025-12-30 too).
		const ratio = c.days.find((d) => d.date === '2025-12-30')!.clicks / c.days.find((d) => d.date === '2024-12-31')!.clicks;
		expect(ratio).toBeCloseTo(1.3, 2);
	});

	it('rejects impossible dates and day counts', () => {
		expect(() => sampleCalendar('2025-02-30', 10)).toThrow(/YYYY-MM-DD/);
		expect(() => sampleCalendar('2025-02-01', 0)).toThrow(/days/);
		expect(() => parseDate('25-1-1')).toThrow(/YYYY-MM-DD/);
	});
});
