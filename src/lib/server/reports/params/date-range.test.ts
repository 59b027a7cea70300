import { describe, expect, it } from 'vitest';
import { AppError, ValidationError } from '../../errors.ts';
import { addDays, datesEvery, MAX_PERIODS, parseDateRange, parseIsoDate, SUPPORTED_DATES } from './date-range.ts';

describe('parseIsoDate', () => {
	it.each(['0000-01-01', '0001-01-01', '1899-12-31', '2200-01-01', '9999-12-31', '+10000-01-01', '2026-02-30', '2026-1-1', ''])('refuses %s naming the parameter', (value) => {
		expect(() => parseIsoDate(value, 'from')).toThrow(ValidationError);
		try {
			parseIsoDate(value, 'from');
		} catch (error) {
			expect((error as ValidationError).extensions.parameter).toBe('from');
		}
	});
	it('accepts the bounds', () => {
		expect(parseIsoDate(SUPPORTED_DATES.from, 'to')).toBe('1900-01-01');
		expect(parseIsoDate(SUPPORTED_DATES.to, 'to')).toBe('2199-12-31');
	});
});

describe('addDays', () => {
	it('steps across months and leap days', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
	});
	it('throws instead of leaving the four-digit years', () => {
		expect(() => addDays('0001-01-01', -1)).toThrow(AppError);
		expect(() => addDays('9999-12-31', 1)).toThrow(AppError);
		expect(() => addDays('2199-12-31', 400 * 365)).toThrow(AppError);
	});
});

describe('datesEvery', () => {
	it('lists every step including both ends', () => {
		expect(datesEvery('2026-01-01', '2026-01-15', 7)).toEqual(['2026-01-01', '2026-01-08', '2026-01-15']);
		expect(datesEvery('2026-01-02', '2026-01-01', 1)).toEqual([]);
	});
	it('is bounded whatever the input', () => {
		expect(() => datesEvery('1900-01-01', '2199-12-31', 1)).toThrow(/more than 4000/);
		expect(() => datesEvery('-000001-12-31', '0000-01-10', 1)).toThrow(AppError);
		expect(() => datesEvery('2026-01-01', '2026-02-01', 0)).toThrow(AppError);
		expect(datesEvery('2150-01-01', '2199-12-31', 7).length).toBeLessThanOrEqual(MAX_PERIODS);
	});
});

describe('parseDateRange', () => {
	const fallback = { from: '2026-01-01', to: '2026-01-28' };
	it('refuses dates out of range and reversed ranges', () => {
		expect(() => parseDateRange({ from: '0000-01-01', to: '0000-01-10' }, fallback)).toThrow(ValidationError);
		expect(() => parseDateRange({ from: '2026-01-10', to: '2026-01-01' }, fallback)).toThrow(ValidationError);
	});
});
