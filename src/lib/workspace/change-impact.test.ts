import { describe, expect, it } from 'vitest';
import { changeImpact, type DiffSummary } from './change-impact.ts';
import { metricInputs } from './metric-inputs.ts';
import { PAGE_MODELS } from './page-models.ts';

const diff = (name: string, columns: Record<string, [number, number]>, extra: Partial<DiffSummary> = {}): DiffSummary => ({
	name,
	change: 'rebuilt',
	rowsBefore: 10,
	rowsAfter: 10,
	keysAdded: 0,
	keysRemoved: 0,
	columns: Object.entries(columns).map(([column, [before, after]]) => ({ column, before, after, changedKeys: before === after ? 0 : 1 })),
	columnsAdded: [],
	columnsRemoved: [],
	...extra
});

describe('metricInputs', () => {
	it('reads the columns of aggregate metrics and the metrics of derived ones off the dictionary', () => {
		const inputs = new Map(metricInputs().map((m) => [m.key, m]));
		expect(inputs.get('clicks')!.models).toEqual([{ model: 'fct_daily', columns: ['valid_clicks'] }, { model: 'fct_daily_rollup', columns: ['valid_clicks'] }]);
		expect(inputs.get('roas')!.metrics).toEqual(['revenue', 'commission', 'network_fees', 'other_costs']);
		expect(inputs.get('median_seconds_to_convert')!.models).toEqual([
			{ model: 'fct_conversion_lag_daily', columns: ['bucket', 'seconds', 'conversions'] },
			{ model: 'fct_conversion_lag_daily_rollup', columns: ['bucket', 'seconds', 'conversions'] }
		]);
	});
});

describe('changeImpact', () => {
	it('names the metrics whose columns moved and every metric computed from them, and the pages reading the model', () => {
		const impact = changeImpact([diff('fct_daily', { revenue: [100, 90], valid_clicks: [5, 5] })], metricInputs(), PAGE_MODELS);
		const keys = impact.metrics.map((m) => m.key);
		expect(keys).toEqual(expect.arrayContaining(['revenue', 'roas', 'roi', 'aov', 'cost_of_sale', 'net_contribution', 'top5_revenue_share']));
		expect(keys).not.toContain('clicks');
		expect(keys).not.toContain('commission');
		expect(impact.metrics.find((m) => m.key === 'revenue')!.because).toBe('fct_daily.revenue changed');
		expect(impact.pages.map((p) => p.href)).toEqual(['/', '/roi', '/partners', '/channels']);
	});

	it('says nothing changes when the data diff shows no movement', () => {
		expect(changeImpact([diff('fct_daily', { revenue: [100, 100] })], metricInputs(), PAGE_MODELS)).toEqual({ metrics: [], pages: [] });
	});

	it('flags metrics over columns the diff cannot total (keys such as bucket) when the model itself changed', () => {
		// New bucket bounds keep the totals of seconds and conversions but move the median.
		const impact = changeImpact([diff('fct_conversion_lag_daily', { seconds: [1, 1], conversions: [1, 1] }, { change: 'changed' })], metricInputs(), PAGE_MODELS);
		expect(impact.metrics.map((m) => m.key)).toEqual(['median_seconds_to_convert']);
	});
});
