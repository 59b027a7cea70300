import { describe, expect, it } from 'vitest';
import { breakEvenRoas, roasByChannelOption } from './roas-by-channel-option.ts';

type Bar = { data: ({ value: number | null; itemStyle?: { color: string } } | number | null)[]; markLine?: { data: { xAxis: number }[] } };
const rows = [
	{ channel: 'content', roas: 5.2, before: 4.8 },
	{ channel: 'coupon', roas: 2.1, before: 2.6 },
	{ channel: 'cashback', roas: 3.4 },
	{ channel: 'influencer', roas: 1.2 },
	{ channel: 'email', roas: 6.0 },
	{ channel: 'comparison', roas: 4.0 },
	{ channel: 'sub_network', roas: 3.1 },
	{ channel: '<b>x</b>', roas: 3.5 },
	{ channel: 'program', roas: 0 }
];

describe('roasByChannelOption', () => {
	const option = roasByChannelOption({ rows, grossMargin: 0.3, comparison: true });
	const [current] = option.series as Bar[];

	it('names every channel (no hidden labels) and leaves out the program row', () => {
		const y = option.yAxis as { data: string[]; axisLabel: { interval: number } };
		expect(y.data).toEqual(['content', 'coupon', 'cashback', 'influencer', 'email', 'comparison', 'sub_network', '<b>x</b>']);
		expect(y.axisLabel.interval).toBe(0);
	});

	it('draws break-even at 1 / gross margin and colours the channels under it', () => {
		expect(breakEvenRoas(0.3)).toBeCloseTo(3.3333, 4);
		expect(current!.markLine!.data).toEqual([{ xAxis: 1 / 0.3 }]);
		const red = current!.data.map((d) => (d && typeof d === 'object' && d.itemStyle ? 'red' : ''));
		expect(red).toEqual(['', 'red', '', 'red', '', '', 'red', '']);
	});

	it('escapes channel names in the tooltip', () => {
		const tooltip = option.tooltip as { formatter: (p: unknown) => string };
		const html = tooltip.formatter([{ name: '<b>x</b>', seriesName: 'This period', value: 3.5, marker: '' }]);
		expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
		expect(html).not.toContain('<b>');
	});
});
