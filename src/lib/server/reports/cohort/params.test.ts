import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { cohortRange, defaultCohortRange, defaultPartnerCohortRange, parseCohortGroup, parseCohortGrain, periodStartOf, refuseUnsupportedFilters } from './params.ts';
import type { Filters } from '../params/filters.ts';

const filters = (from: string, to: string): Filters => ({ range: { from, to }, compare: 'none', channel: [], partner: [], tier: [], country: [], device: [] });

describe('periodStartOf', () => {
	it.each([
		['2026-06-17', 'month', 1, '2026-06-01'],
		['2026-06-17', 'week', 1, '2026-06-15'], // Wednesday -> Monday
		['2026-06-15', 'week', 1, '2026-06-15'],
		['2026-06-14', 'week', 1, '2026-06-08'], // Sunday belongs to the Monday before
		['2026-06-14', 'week', 0, '2026-06-14'], // weeks starting on Sunday
		['2026-06-13', 'week', 0, '2026-06-07'],
		['2026-01-01', 'week', 6, '2025-12-27'] // Saturday weeks across a year
	] as const)('%s (%s, week start %i) -> %s', (date, period, weekStart, expected) => {
		expect(periodStartOf(date, period, weekStart)).toBe(expected);
	});
});

describe('default cohort ranges', () => {
	it('takes the 12 months or 16 weeks up to the last day, and 24 months of join dates', () => {
		expect(defaultCohortRange('2026-06-30', 'month', 1)).toEqual({ from: '2025-07-01', to: '2026-06-30' });
		expect(defaultCohortRange('2026-01-15', 'month', 1)).toEqual({ from: '2025-02-01', to: '2026-01-15' });
		expect(defaultCohortRange('2026-06-30', 'week', 1)).toEqual({ from: '2026-03-16', to: '2026-06-30' });
		expect(defaultPartnerCohortRange('2026-06-30')).toEqual({ from: '2024-07-01', to: '2026-06-30' });
	});
});

describe('cohortRange', () => {
	it('selects every cohort whose period overlaps the range', () => {
		expect(cohortRange(filters('2026-05-15', '2026-06-02'), 'month', 1)).toEqual({ first: '2026-05-01', last: '2026-06-01' });
		expect(cohortRange(filters('2026-05-13', '2026-05-13'), 'week', 1)).toEqual({ first: '2026-05-11', last: '2026-05-11' });
	});

	it('refuses more than 120 cohorts, naming from', () => {
		expect(cohortRange(filters('2016-07-01', '2026-06-30'), 'month', 1).first).toBe('2016-07-01');
		expect(() => cohortRange(filters('2016-06-01', '2026-06-30'), 'month', 1)).toThrow(ValidationError);
		try {
			cohortRange(filters('2023-01-01', '2026-06-30'), 'week', 1);
			expect.unreachable();
		} catch (error) {
			expect((error as ValidationError).extensions.parameter).toBe('from');
		}
	});
});

describe('parameters', () => {
	it('parses grain and by with defaults, and names the parameter when bad', () => {
		expect(parseCohortGrain(undefined)).toBe('month');
		expect(parseCohortGrain('week')).toBe('week');
		expect(() => parseCohortGrain('day')).toThrow(/grain must be one of month, week/);
		expect(parseCohortGroup(undefined, 'cohort')).toBe('cohort');
		expect(parseCohortGroup('channel', 'cohort')).toBe('channel');
		expect(() => parseCohortGroup('device', 'cohort')).toThrow(/by must be one of/);
	});

	it('refuses country, device and compare', () => {
		for (const name of ['country', 'device', 'compare']) {
			try {
				refuseUnsupportedFilters(new URLSearchParams({ [name]: 'x' }));
				expect.unreachable();
			} catch (error) {
				expect((error as ValidationError).extensions.parameter).toBe(name);
			}
		}
		expect(() => refuseUnsupportedFilters(new URLSearchParams({ channel: 'email' }))).not.toThrow();
	});
});
