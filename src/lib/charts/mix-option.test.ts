import { describe, expect, it } from 'vitest';
import { mixOption, pivotMix } from './mix-option.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const rows = [
	{ period: '2026-06-08', part: 'coupon', share: 0.25 },
	{ period: '2026-06-01', part: 'content', share: 0.4 },
	{ period: '2026-06-01', part: 'coupon', share: 0.6 },
	{ period: '2026-06-08', part: 'content', share: null }
];

describe('pivotMix', () => {
	it('sorts periods and parts and fills missing or null shares with 0', () => {
		expect(pivotMix(rows)).toEqual({
			periods: ['2026-06-01', '2026-06-08'],
			parts: [
				{ name: 'content', data: [0.4, 0] },
				{ name: 'coupon', data: [0.6, 0.25] }
			]
		});
	});
});

describe('mixOption', () => {
	it('stacks one area per part on a 0–100 % axis', () => {
		const o = mixOption({ rows, currency: 'EUR' }) as Any;
		expect(o.series.map((s: Any) => [s.name, s.stack, s.type])).toEqual([
			['content', 'mix', 'line'],
			['coupon', 'mix', 'line']
		]);
		expect(o.yAxis.min).toBe(0);
		expect(o.yAxis.max).toBe(1);
		expect(o.yAxis.axisLabel.formatter(0.5)).toBe('50%'); // axes drop trailing zeros
	});
});
