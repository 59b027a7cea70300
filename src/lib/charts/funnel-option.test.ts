import { describe, expect, it } from 'vitest';
import { funnelLabel, funnelOption } from './funnel-option.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('funnelOption', () => {
	const steps = [
		{ label: 'Gross clicks', value: 1000, rateFromPrevious: null },
		{ label: 'Clicks', value: 900, rateFromPrevious: 0.9 },
		{ label: 'Conversions', value: 45, rateFromPrevious: 0.05 }
	];
	it('draws one bar per step, in order, top to bottom', () => {
		const o = funnelOption({ steps }) as Any;
		expect(o.yAxis.data).toEqual(['Gross clicks', 'Clicks', 'Conversions']);
		expect(o.yAxis.inverse).toBe(true);
		expect(o.series[0].data).toEqual([1000, 900, 45]);
	});
	it('labels each bar with its value and its share of the step before', () => {
		expect(funnelLabel(steps[0]!)).toBe('1,000');
		expect(funnelLabel(steps[2]!)).toBe('45 · 5.0% of previous');
		const o = funnelOption({ steps }) as Any;
		expect(o.series[0].label.formatter({ dataIndex: 1 })).toBe('900 · 90.0% of previous');
	});
});
