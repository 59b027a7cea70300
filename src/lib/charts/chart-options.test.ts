import { describe, expect, it } from 'vitest';
import { breakEvenRoas, lineOption } from './chart-options.ts';

describe('lineOption reference lines', () => {
	it('draws break-even ROAS (1 / gross margin) on the ROAS series axis, and nothing on the others', () => {
		const option = lineOption({
			categories: ['W1', 'W2'],
			series: [
				{ name: 'Revenue', data: [100, 200] },
				{ name: 'ROAS', data: [2.5, 4], secondAxis: true, reference: breakEvenRoas(0.3) }
			],
			axis: { unit: 'money', currency: 'EUR' },
			secondAxis: { unit: 'ratio', currency: 'EUR' }
		});
		const series = option.series as { name: string; yAxisIndex: number; markLine?: { data: { yAxis: number }[]; label: { formatter: string } } }[];
		expect(series[0]!.markLine).toBeUndefined();
		expect(series[1]!.yAxisIndex).toBe(1);
		expect(series[1]!.markLine!.data[0]!.yAxis).toBeCloseTo(1 / 0.3, 12);
		expect(series[1]!.markLine!.label.formatter).toBe('break-even 3.33×');
	});

	it('has no break-even without a positive margin', () => {
		expect(breakEvenRoas(0)).toBeUndefined();
		expect(breakEvenRoas(-0.1)).toBeUndefined();
	});
});
