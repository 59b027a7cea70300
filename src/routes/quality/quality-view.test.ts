import { describe, expect, it } from 'vitest';
import { QUALITY_THRESHOLDS } from '$lib/metrics/quality-thresholds';
import { dailyOption, displayRows, evidenceHref, evidenceId, parseEvidence, rowsSummary, signalTooltip, type QualityDay, type QualityMeta } from './quality-view.ts';

const meta = {
	thresholds: QUALITY_THRESHOLDS,
	currency: 'EUR',
	publishId: 4,
	publishedAt: null,
	dataThrough: '2026-06-30',
	grossMargin: 0.4,
	weekStart: 1,
	modelVersions: { fct_quality_daily: '0123456789abcdef' },
	notes: [],
	metrics: [],
	range: { from: '2026-06-01', to: '2026-06-30' },
	signals: [{ kind: 'fast_conversions', label: 'Conversions under 15 s', definition: 'Share of sales under 15 s.', rows: 'the fast sales' }]
} as QualityMeta;

describe('parseEvidence', () => {
	it.each([
		['fast_conversions:P0017', { signal: 'fast_conversions', partner: 'P0017', date: null }],
		['click_spike:P0012:2026-03-19', { signal: 'click_spike', partner: 'P0012', date: '2026-03-19' }],
		['bogus:P1', null],
		['click_spike:P0012:yesterday', null],
		['click_spike', null],
		['a:b:c:d', null],
		[null, null]
	] as const)('reads %s', (id, expected) => {
		const e = parseEvidence(id);
		expect(e).toEqual(expected);
		if (e) expect(evidenceId(e)).toBe(id);
	});
});

describe('evidenceHref', () => {
	it('asks for the range, or the day of a click spike, with paging', () => {
		expect(evidenceHref({ signal: 'fast_conversions', partner: 'P 1', date: null }, meta.range)).toBe('/api/v1/quality/rows?signal=fast_conversions&partner=P+1&from=2026-06-01&to=2026-06-30');
		expect(evidenceHref({ signal: 'click_spike', partner: 'P2', date: '2026-06-07' }, meta.range, { limit: 200, offset: 400 })).toBe(
			'/api/v1/quality/rows?signal=click_spike&partner=P2&from=2026-06-07&to=2026-06-07&limit=200&offset=400'
		);
	});
});

describe('signalTooltip', () => {
	it('gives the rule, the rows behind it, the model version and the freshness', () => {
		expect(signalTooltip(meta, 'fast_conversions')).toBe('Conversions under 15 s: Share of sales under 15 s. Rows behind it: the fast sales. Models: fct_quality_daily@01234567 (publish #4). Data through 2026-06-30.');
	});
});

describe('displayRows', () => {
	it('shows ISO timestamps as UTC date and time and leaves other values alone', () => {
		expect(displayRows([{ a: '2026-03-19T02:11:05.000Z', b: '2026-03-19', c: 7, d: null }])).toEqual([{ a: '2026-03-19 02:11:05', b: '2026-03-19', c: 7, d: null }]);
	});
});

describe('rowsSummary', () => {
	it('says how many rows, what they are and what they add up to', () => {
		expect(rowsSummary(meta, 'fast_conversions', { total_rows: 1234, count: 1234 }, 200)).toBe('1,234 rows (the fast sales), adding up to 1,234 sales; showing 200.');
		expect(rowsSummary(meta, 'click_spike', { total_rows: 12, count: 31 }, 12)).toBe('12 rows (click_spike), adding up to 31 valid clicks; showing 12.');
	});
});

describe('dailyOption', () => {
	const day = (date: string, valid: number, spike = false): QualityDay => ({
		date,
		gross_clicks: valid + 1,
		valid_clicks: valid,
		invalid_clicks: 1,
		conversions: 2,
		sales: 2,
		fast_sales: 0,
		clickless_coupon_sales: 0,
		baseline_mad: null,
		baseline_rate: null,
		baseline_active_days: 0,
		predicted_conversions: null,
		spike_threshold: spike ? 300 : 250,
		baseline_median: 100,
		is_spike: spike
	});
	it('stacks valid and invalid clicks, adds the threshold for one partner and pins spike days', () => {
		const option = dailyOption([day('2026-06-01', 100), day('2026-06-02', 1500, true)], 'EUR', true);
		const series = option.series as { name: string; type: string; stack?: string; markPoint?: { data: { name: string; coord: unknown[] }[] } }[];
		expect(series.map((s) => s.name)).toEqual(['Valid clicks', 'Invalid clicks', 'Spike threshold', 'Conversions', 'Conversions under 15 s']);
		expect(series[0]!.stack).toBe('clicks');
		expect(series[0]!.markPoint!.data).toEqual([{ name: '2026-06-02', coord: ['2026-06-02', 1501] }]);
	});
	it('leaves the threshold out for several partners', () => {
		const series = dailyOption([day('2026-06-01', 100)], 'EUR', false).series as { name: string; markPoint?: unknown }[];
		expect(series.map((s) => s.name)).not.toContain('Spike threshold');
		expect(series[0]!.markPoint).toBeUndefined();
	});
});
