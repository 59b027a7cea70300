import { describe, expect, it } from 'vitest';
import { presetOf, presetRange, type DatePreset } from './date-presets.ts';

describe('presetRange', () => {
	// Data through Tuesday 2026-06-30.
	it.each<[DatePreset, string, string]>([
		['last_week', '2026-06-22', '2026-06-28'],
		['last_4_weeks', '2026-06-01', '2026-06-28'],
		['last_13_weeks', '2026-03-30', '2026-06-28'],
		['last_28_days', '2026-06-03', '2026-06-30'],
		['month_to_date', '2026-06-01', '2026-06-30'],
		['quarter_to_date', '2026-04-01', '2026-06-30'],
		['year_to_date', '2026-01-01', '2026-06-30']
	])('%s is %s to %s', (preset, from, to) => {
		expect(presetRange(preset, '2026-06-30')).toEqual({ from, to });
	});

	it('counts the week that ends on the data\'s last day as complete', () => {
		expect(presetRange('last_week', '2026-06-28')).toEqual({ from: '2026-06-22', to: '2026-06-28' });
	});

	it('recognises a preset range and calls anything else custom', () => {
		expect(presetOf({ from: '2026-06-03', to: '2026-06-30' }, '2026-06-30')).toBe('last_28_days');
		expect(presetOf({ from: '2026-06-04', to: '2026-06-30' }, '2026-06-30')).toBeNull();
	});
});
