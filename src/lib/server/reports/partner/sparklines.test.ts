import { describe, expect, it } from 'vitest';
import { sparklineWeeks, weekStartOf } from './sparklines.ts';

describe('weekStartOf', () => {
	it.each([
		['2026-06-03', 1, '2026-06-01'], // Wednesday -> Monday
		['2026-06-01', 1, '2026-06-01'], // a Monday is its own week start
		['2026-06-07', 1, '2026-06-01'], // Sunday ends the Monday week
		['2026-06-07', 0, '2026-06-07'], // Sunday weeks
		['2026-06-06', 0, '2026-05-31']
	])('%s with weeks starting on day %i -> %s', (date, start, expected) => {
		expect(weekStartOf(date, start)).toBe(expected);
	});
});

describe('sparklineWeeks', () => {
	it('extends a short range back to 12 weeks ending with the week of `to`', () => {
		const w = sparklineWeeks({ from: '2026-06-03', to: '2026-06-30' }, 1);
		expect(w.weeks).toHaveLength(12);
		expect(w.weeks.at(-1)).toBe('2026-06-29');
		expect(w.from).toBe(w.weeks[0]);
		expect(w.to).toBe('2026-06-30');
	});

	it('keeps a long range as it is, starting with the week that holds `from`', () => {
		const w = sparklineWeeks({ from: '2026-01-07', to: '2026-06-30' }, 1);
		expect(w.from).toBe('2026-01-07');
		expect(w.weeks[0]).toBe('2026-01-05');
		expect(w.weeks.at(-1)).toBe('2026-06-29');
		expect(w.weeks).toHaveLength(26);
	});
});
