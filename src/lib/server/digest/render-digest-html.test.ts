import { describe, expect, it } from 'vitest';
import { tileDelta, weekParams } from './render-digest-html.ts';
import { digestSummary } from './digest-summary.ts';

describe('tileDelta', () => {
	it.each([
		['money', 110, 100, '+10.0%'],
		['count', 90, 100, '−10.0%'],
		['ratio', 2, 4, '−50.0%'],
		['percent', 0.066, 0.07, '−0.4 pts'],
		['percent', 0.07, 0.066, '+0.4 pts'],
		['money', 5, 0, 'n/a'],
		['percent', null, 0.1, 'n/a']
	] as const)('%s %s against %s is %s', (unit, value, before, text) => {
		expect(tileDelta(unit, value, before).text).toBe(text);
	});
});

describe('weekParams', () => {
	it('carries the week and the scope filters', () => {
		const q = new URLSearchParams(weekParams({ week: { from: '2026-06-22', to: '2026-06-28' }, filters: { range: { from: '2026-06-22', to: '2026-06-28' }, compare: 'previous', channel: ['coupon'], partner: ['P1', 'P2'], tier: [], country: [], device: [] } }));
		expect(Object.fromEntries(q)).toEqual({ week: '2026-06-22', from: '2026-06-22', to: '2026-06-28', channel: 'coupon', partner: 'P1,P2' });
	});
});

describe('digestSummary', () => {
	it('names the change and the effect that explains most of it, and what worked against it', () => {
		expect(digestSummary({ before: 1000, after: 1200, change: 200, effects: { clicks: 260, conversion_rate: -60, order_value: 0, reversals: 0 } }, 'EUR')).toBe(
			'Revenue rose by €200 (+20.0%) to €1,200 against the week before, mostly through clicks (+€260); conversion rate worked against it (−€60).'
		);
		expect(digestSummary(null, 'EUR')).toBe('There is no week before to compare with yet.');
	});
});
