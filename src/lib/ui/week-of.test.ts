import { describe, expect, it } from 'vitest';
import { shiftDays, weekOf } from './week-of.ts';

describe('weekOf', () => {
	it.each([
		['2026-06-22', 1, '2026-06-22'], // a Monday is its own week
		['2026-06-28', 1, '2026-06-22'], // Sunday belongs to the week before's Monday
		['2026-06-24', 1, '2026-06-22'],
		['2026-06-24', 0, '2026-06-21'], // weeks starting on Sunday
		['2026-01-01', 1, '2025-12-29'] // across a year
	])('%s with weeks from day %i starts %s', (date, start, expected) => {
		expect(weekOf(date, start)).toBe(expected);
	});
	it('shifts across months', () => {
		expect(shiftDays('2026-03-02', -7)).toBe('2026-02-23');
	});
});
