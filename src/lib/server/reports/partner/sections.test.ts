import { describe, expect, it } from 'vitest';
import type { Filters } from '../params/filters.ts';
import { cohortsQuery, conversionLagQuery, customersQuery, otherCostsQuery, reversalsQuery, trendPeriods } from './sections.ts';

const filters = (over: Partial<Filters> = {}): Filters => ({ range: { from: '2026-06-01', to: '2026-06-30' }, compare: 'none', channel: [], partner: [], tier: [], country: [], device: [], ...over });

describe('trendPeriods', () => {
	it('gives every day of a range up to 62 days', () => {
		const t = trendPeriods({ from: '2026-05-01', to: '2026-07-01' }, 1);
		expect(t.grain).toBe('date');
		expect(t.periods).toHaveLength(62);
		expect([t.periods[0], t.periods.at(-1)]).toEqual(['2026-05-01', '2026-07-01']);
	});

	it('gives every reporting week touching a longer range, starting with the week that holds `from`', () => {
		const t = trendPeriods({ from: '2026-04-01', to: '2026-06-30' }, 1);
		expect(t.grain).toBe('week');
		expect(t.periods[0]).toBe('2026-03-30');
		expect(t.periods.at(-1)).toBe('2026-06-29');
		expect(t.periods).toHaveLength(14);
	});
});

describe('section queries', () => {
	const hostile = filters({ partner: ["P1'); drop table x; --"], channel: ['coupon'], device: ['phone'] });
	it.each([
		['conversionLagQuery', conversionLagQuery],
		['reversalsQuery', reversalsQuery],
		['customersQuery', customersQuery],
		['otherCostsQuery', otherCostsQuery],
		['cohortsQuery', cohortsQuery]
	])('%s binds every filter value instead of writing it into the SQL', (_name, build) => {
		const q = build(hostile);
		expect(q.sql).not.toContain('drop table');
		expect(q.sql).not.toContain("'coupon'");
		expect(Object.values(q.params)).toContain(JSON.stringify(["P1'); drop table x; --"]));
	});

	it('leaves the date range out of the cohorts (they are about first purchases, whenever they were)', () => {
		const q = cohortsQuery(filters({ partner: ['P0001'] }));
		expect(q.sql).not.toContain('$from');
		expect(q.params).not.toHaveProperty('from');
	});
});
