import { describe, expect, it } from 'vitest';
import { revenueBridgeOption } from './revenue-bridge-option.ts';

type Axis = { data: string[]; axisLabel: { interval: number; overflow: string } };
type Bar = { data: (number | string)[]; label?: { show: boolean; formatter: (p: { value: unknown }) => string } };

const option = revenueBridgeOption({ before: 373_000, after: 210_000, effects: { clicks: -120_000, conversion_rate: -30_000, order_value: 5_000, reversals: -18_000 }, currency: 'EUR' });

describe('revenueBridgeOption', () => {
	it('starts the value axis at 0, so a 210k bar is drawn at 210/373 of a 373k bar', () => {
		expect((option.yAxis as { min: number }).min).toBe(0);
	});

	it('shows every category label, wrapping rather than hiding them', () => {
		const x = option.xAxis as Axis;
		expect(x.data).toEqual(['Week before', 'Clicks', 'Conversion rate', 'Order value', 'Reversals', 'This week']);
		expect(x.axisLabel.interval).toBe(0);
		expect(x.axisLabel.overflow).toBe('break');
	});

	it('labels each bar with its value, effects signed', () => {
		const [, totals, up, down] = option.series as Bar[];
		expect(totals!.data.map((v) => totals!.label!.formatter({ value: v }))).toEqual(['€373,000', '', '', '', '', '€210,000']);
		expect(up!.data.map((v) => up!.label!.formatter({ value: v })).filter(Boolean)).toEqual(['+€5,000']);
		expect(down!.data.map((v) => down!.label!.formatter({ value: v })).filter(Boolean)).toEqual(['−€120,000', '−€30,000', '−€18,000']);
	});

	it('stacks each effect on the running level so the bars bridge the two totals', () => {
		const [base, , up, down] = option.series as Bar[];
		// Clicks: from 373k down to 253k; conversion: 253k -> 223k; order value: 223k -> 228k; reversals: 228k -> 210k.
		expect(base!.data).toEqual([0, 253_000, 223_000, 223_000, 210_000, 0]);
		expect(up!.data[3]).toBe(5_000);
		expect(down!.data[4]).toBe(18_000);
	});
});
