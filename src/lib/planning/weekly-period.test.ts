import { describe, expect, it } from 'vitest';
import { weeklyPeriod } from './weekly-period.ts';

describe('weeklyPeriod', () => {
	it.each([
		[10, 1],
		[27, 1],
		[28, 13],
		[104, 13],
		[105, 13],
		[106, 52],
		[300, 52]
	])('%d weeks -> period %d', (weeks, period) => {
		expect(weeklyPeriod(weeks)).toBe(period);
	});
});
