import { describe, expect, it } from 'vitest';
import { weeklyPeriod } from './weekly-period.ts';

describe('weeklyPeriod', () => {
	it.each([
		[10, 1],
		[27, 1],
		[28, 13],
		[51, 13],
		[52, 52],
		[104, 52],
		[300, 52]
	])('%d weeks -> period %d', (weeks, period) => {
		expect(weeklyPeriod(weeks)).toBe(period);
	});
});
