import { describe, expect, it } from 'vitest';
import { histogramOption } from './histogram-option.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('histogramOption', () => {
	it('keeps the bins in order and shows count and share in the tooltip', () => {
		const o = histogramOption({ bins: [{ label: '< 15 s', count: 1 }, { label: '15–60 s', count: 3 }], valueName: 'conversions' }) as Any;
		expect(o.xAxis.data).toEqual(['< 15 s', '15–60 s']);
		expect(o.series[0].data).toEqual([1, 3]);
		expect(o.tooltip.formatter([{ dataIndex: 1 }])).toBe('15–60 s: 3 conversions (75.0%)');
	});
	it('does not divide by zero when every bin is empty', () => {
		const o = histogramOption({ bins: [{ label: 'a', count: 0 }], valueName: 'sales' }) as Any;
		expect(o.tooltip.formatter([{ dataIndex: 0 }])).toBe('a: 0 sales (–)');
	});
});
