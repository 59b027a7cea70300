import { describe, expect, it } from 'vitest';
import { allAssumptions, apiParams, changeKey, parseTarget, scenarioTotals, sensitivityRows, withParams } from './forecast-view.ts';
import { sensitivityGrid } from '../../lib/planning/sensitivity-grid.ts';
import type { Scenario } from '../../lib/planning/budget-scenarios.ts';

describe('apiParams', () => {
	it('forwards only the named parameters the page URL carries', () => {
		const url = new URL('http://x/forecast?channel=coupon&target=5000&from=2026-01-01&floor=');
		expect(apiParams(url, ['channel', 'target', 'floor']).toString()).toBe('channel=coupon&target=5000');
	});
});

describe('withParams', () => {
	it('sets and removes parameters', () => {
		expect(withParams(new URL('http://x/forecast?channel=coupon&target=1'), { target: '2000', channel: null })).toBe('/forecast?target=2000');
	});
});

describe('parseTarget', () => {
	it.each([
		['2500000', 2_500_000],
		['2,500,000', 2_500_000],
		['2.5m', 2_500_000],
		['750k', 750_000],
		[' 1 200 ', 1200],
		['0', null],
		['-5', null],
		['abc', null],
		['', null]
	])('%s -> %s', (raw, expected) => {
		expect(parseTarget(raw)).toBe(expected);
	});
});

describe('sensitivityRows', () => {
	it('pivots the cells: a row per factor, a column per change', () => {
		const grid = sensitivityGrid({ revenue: 1000, commission: 100, networkFees: 30, otherCosts: 70, reversalRate: 0.1, grossMargin: 0.3 });
		const rows = sensitivityRows(grid.cells, grid.base, 'revenue');
		expect(rows.map((r) => r.factor)).toEqual(['Conversion rate', 'Order value', 'Reversal rate', 'Commission rate']);
		expect(rows[0]).toMatchObject({ base: 1000, [changeKey(-0.2)]: 800, [changeKey(0.1)]: expect.closeTo(1100, 8) });
		expect(changeKey(-0.2)).toBe('c-20');
	});
});

describe('scenarioTotals', () => {
	it('puts the scenarios side by side per measure', () => {
		const s = (key: Scenario['key'], revenue: number) => ({ key, label: key, description: '', rows: [], weekly: { cost: 1, revenue: 1, roas: 1, netContribution: 0 }, total: { cost: 10, revenue, roas: revenue / 10, netContribution: 1 } });
		const rows = scenarioTotals([s('hold', 50), s('target', 70)]);
		expect(rows[1]).toEqual({ measure: 'Revenue', hold: 50, target: 70 });
	});
});

describe('allAssumptions', () => {
	it('lists each assumption once', () => {
		expect(allAssumptions({ assumptions: [{ key: 'a', text: 'A' }] }, null, { assumptions: [{ key: 'a', text: 'A' }, { key: 'b', text: 'B' }] })).toEqual([
			{ key: 'a', text: 'A' },
			{ key: 'b', text: 'B' }
		]);
	});
});
