import { describe, expect, it } from 'vitest';
import { partnerFunnel } from './funnel.ts';

describe('partnerFunnel', () => {
	it('gives each step its share of the step before and of the first', () => {
		const steps = partnerFunnel({ gross_clicks: 200, clicks: 180, conversions: 9, approved_conversions: 6 });
		expect(steps.map((s) => s.metric)).toEqual(['gross_clicks', 'clicks', 'conversions', 'approved_conversions']);
		expect(steps.map((s) => s.value)).toEqual([200, 180, 9, 6]);
		expect(steps[0]!.rateFromPrevious).toBeNull();
		expect(steps[1]!.rateFromPrevious).toBeCloseTo(0.9, 12);
		expect(steps[2]!.rateFromPrevious).toBeCloseTo(0.05, 12);
		expect(steps[3]!.rateFromFirst).toBeCloseTo(0.03, 12);
	});

	it('reads missing or null metrics as 0 and never divides by 0', () => {
		const steps = partnerFunnel({ gross_clicks: 0, clicks: null, conversions: 3 });
		expect(steps.map((s) => s.value)).toEqual([0, 0, 3, 0]);
		expect(steps.every((s) => s.rateFromFirst === null)).toBe(true);
		expect(steps[2]!.rateFromPrevious).toBeNull();
		expect(steps[3]!.rateFromPrevious).toBe(0);
	});
});
