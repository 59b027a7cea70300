import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { parseFilters, parseManager, parseWeek } from './filters.ts';

const lastComplete = { from: '2026-06-22', to: '2026-06-28' };
const monday = { weekStart: 1, lastComplete };

describe('parseWeek', () => {
	it.each([
		['2026-06-22', { from: '2026-06-22', to: '2026-06-28' }],
		['2026-06-15', { from: '2026-06-15', to: '2026-06-21' }],
		['2016-07-04', { from: '2016-07-04', to: '2016-07-10' }]
	])('reads %s as its week', (raw, expected) => {
		expect(parseWeek(raw, monday)).toEqual(expected);
	});

	it('returns null when absent, so the last complete week applies', () => {
		expect(parseWeek(undefined, monday)).toBeNull();
		expect(parseWeek('', monday)).toBeNull();
	});

	it.each([
		['2026-06-23', /first day of a reporting week \(a Monday\), saw "2026-06-23" \(a Tuesday\)/],
		['2026-06-29', /not be after the last complete week \(2026-06-22\)/],
		['2016-06-27', /on or after 2016-07-04/],
		['2026-13-01', /week must be a date as YYYY-MM-DD/],
		['last', /week must be a date as YYYY-MM-DD/]
	])('rejects %s naming the parameter', (raw, message) => {
		expect(() => parseWeek(raw, monday)).toThrow(message);
	});

	it('follows the configured week start', () => {
		const sunday = { weekStart: 0, lastComplete: { from: '2026-06-21', to: '2026-06-27' } };
		expect(parseWeek('2026-06-14', sunday)).toEqual({ from: '2026-06-14', to: '2026-06-20' });
		expect(() => parseWeek('2026-06-15', sunday)).toThrow(/a Sunday/);
	});
});

describe('parseManager', () => {
	it('returns null when absent, so every partner is reviewed', () => {
		expect(parseManager(undefined)).toBeNull();
		expect(parseManager('')).toBeNull();
	});

	it.each(['Anna Berg', 'Zoë <script>', 'x'.repeat(100)])('keeps the name %s as given', (name) => {
		expect(parseManager(name)).toBe(name);
	});

	it.each([['x'.repeat(101)], ['Anna\nBerg'], ['\u0000']])('refuses %j naming the parameter', (raw) => {
		const error = (() => {
			try {
				parseManager(raw);
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).detail).toMatch(/^manager must be a manager's name of at most 100 characters/);
		expect((error as ValidationError).extensions).toEqual({ parameter: 'manager' });
	});
});

describe('parseFilters', () => {
	const range = { from: '2026-06-01', to: '2026-06-28' };

	it('takes partner and tier ids up to 100 characters and refuses longer ones or control characters', () => {
		const ok = parseFilters(new URLSearchParams({ partner: 'p'.repeat(100), tier: 'gold' }), range);
		expect(ok.partner).toEqual(['p'.repeat(100)]);
		expect(ok.tier).toEqual(['gold']);
		expect(() => parseFilters(new URLSearchParams({ partner: 'p'.repeat(101) }), range)).toThrow(/partner must be a partner id/);
		expect(() => parseFilters(new URLSearchParams({ tier: 'a\u0007b' }), range)).toThrow(/tier must be a tier name/);
	});
});
