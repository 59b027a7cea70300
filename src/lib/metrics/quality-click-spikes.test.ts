import { describe, expect, it } from 'vitest';
import { assessClickSpikes, clickSpikeFindings, type DayCounts } from './quality-click-spikes.ts';
import { QUALITY_THRESHOLDS } from './quality-thresholds.ts';

const DAY = 86_400_000;
const iso = (start: string, i: number) => new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);

/** 40 days from 2026-05-01: a steady partner alternating 100 and 110 clicks, 2 conversions a day (rate ~1.9%). */
function steady(overrides: Record<number, Partial<DayCounts>> = {}, days = 40): DayCounts[] {
	return Array.from({ length: days }, (_, i) => ({ date: iso('2026-05-01', i), valid_clicks: i % 2 ? 110 : 100, conversions: 2, ...overrides[i] }));
}
const range = { from: '2026-05-29', to: '2026-06-09' }; // days 28..39 of the series
const partner = { partner_id: 'P9', partner_name: 'Night Clicks', channel: 'sub_network' };

describe('assessClickSpikes', () => {
	it('assesses every day of the range, densely, against the 28 days before it', () => {
		const days = assessClickSpikes(steady(), range);
		expect(days.map((d) => d.date)).toEqual(Array.from({ length: 12 }, (_, i) => iso('2026-05-29', i)));
		const first = days[0]!;
		expect(first.baseline_median).toBe(105);
		expect(first.baseline_mad).toBe(5);
		expect(first.baseline_rate).toBeCloseTo(56 / (14 * 100 + 14 * 110), 12);
		// max(105 + 5·5, 3·105, 200)
		expect(first.spike_threshold).toBe(315);
		expect(days.some((d) => d.is_spike)).toBe(false);
	});

	it('flags a day 15x the median whose clicks do not convert', () => {
		const days = assessClickSpikes(steady({ 30: { valid_clicks: 1600, conversions: 2 } }), range);
		const spikes = days.filter((d) => d.is_spike);
		expect(spikes.map((d) => d.date)).toEqual(['2026-05-31']);
		expect(spikes[0]!.predicted_conversions).toBeCloseTo(1600 * spikes[0]!.baseline_rate!, 9);
	});

	it.each([
		['conversions follow the clicks (a real campaign)', { valid_clicks: 1600, conversions: 30 }],
		['under 3x the median', { valid_clicks: 300, conversions: 0 }]
	])('does not flag a day when %s', (_, day) => {
		expect(assessClickSpikes(steady({ 30: day }), range).filter((d) => d.is_spike)).toEqual([]);
	});

	it('needs more than median + 5 MAD on a noisy baseline, even past 3x the median', () => {
		// 50/150 alternating: median 100, MAD 50 -> median + 5 MAD = 350.
		const noisy = steady().map((d, i) => ({ ...d, valid_clicks: i % 2 ? 150 : 50 }));
		const at = (clicks: number) => assessClickSpikes(noisy.map((d, i) => (i === 30 ? { ...d, valid_clicks: clicks, conversions: 0 } : d)), range).filter((d) => d.is_spike).length;
		expect(at(340)).toBe(0);
		expect(at(350)).toBe(0);
		expect(at(351)).toBe(1);
	});

	it('needs at least 200 clicks, however small the baseline', () => {
		const small = steady().map((d) => ({ ...d, valid_clicks: 10, conversions: 1 }));
		small[30] = { ...small[30]!, valid_clicks: 199, conversions: 0 };
		expect(assessClickSpikes(small, range).filter((d) => d.is_spike)).toEqual([]);
		small[30] = { ...small[30]!, valid_clicks: 200 };
		expect(assessClickSpikes(small, range).filter((d) => d.is_spike).map((d) => d.date)).toEqual(['2026-05-31']);
	});

	it('keeps the conversion limit at 10% of the prediction (boundary included)', () => {
		// baseline: 100 clicks and 1 conversion a day -> rate 1%; 2000 clicks predict 20, limit 2.
		const series = steady().map((d) => ({ ...d, valid_clicks: 100, conversions: 1 }));
		const at = (conversions: number) => assessClickSpikes(series.map((d, i) => (i === 30 ? { ...d, valid_clicks: 2000, conversions } : d)), range).filter((d) => d.is_spike).length;
		expect(at(2)).toBe(1);
		expect(at(3)).toBe(0);
	});

	it('does not flag a partner without a baseline (fewer than 14 active days before the day)', () => {
		const fresh = steady().map((d, i) => (i < 20 ? { ...d, valid_clicks: 0, conversions: 0 } : d));
		fresh[30] = { ...fresh[30]!, valid_clicks: 3000, conversions: 0 };
		const days = assessClickSpikes(fresh, range);
		expect(days.find((d) => d.date === '2026-05-31')).toMatchObject({ baseline_active_days: 10, is_spike: false, baseline_median: null });
	});

	it('counts days missing from a sparse series as zero clicks', () => {
		const sparse = steady().filter((_, i) => i % 3 !== 0);
		const days = assessClickSpikes(sparse, range);
		expect(days).toHaveLength(12);
		expect(days.find((d) => d.date === iso('2026-05-01', 30))!.valid_clicks).toBe(0);
	});

	it('flags a spike of a partner that never converts (predicted 0, seen 0)', () => {
		const never = steady().map((d) => ({ ...d, conversions: 0 }));
		never[35] = { ...never[35]!, valid_clicks: 2000 };
		expect(assessClickSpikes(never, range).filter((d) => d.is_spike).map((d) => d.date)).toEqual([iso('2026-05-01', 35)]);
	});

	it('names the days right across leap days and year ends', () => {
		const days = assessClickSpikes([], { from: '2023-12-20', to: '2028-03-05' });
		expect(days).toHaveLength(Math.round((Date.parse('2028-03-05') - Date.parse('2023-12-20')) / DAY) + 1);
		days.forEach((d, i) => expect(d.date).toBe(iso('2023-12-20', i)));
	});

	it('returns nothing for an empty range', () => {
		expect(assessClickSpikes(steady(), { from: '2026-06-09', to: '2026-06-01' })).toEqual([]);
	});

	it('uses the thresholds it is given', () => {
		const series = steady({ 30: { valid_clicks: 400, conversions: 0 } });
		expect(assessClickSpikes(series, range).filter((d) => d.is_spike)).toHaveLength(1);
		expect(assessClickSpikes(series, range, { ...QUALITY_THRESHOLDS, spikeMinClicks: 500 }).filter((d) => d.is_spike)).toHaveLength(0);
	});
});

describe('clickSpikeFindings', () => {
	it('explains each spike day with its numbers and counts the day’s valid clicks', () => {
		const days = assessClickSpikes(steady({ 30: { valid_clicks: 1600, conversions: 2 } }), range);
		const [f, ...rest] = clickSpikeFindings(partner, days);
		expect(rest).toEqual([]);
		expect(f).toMatchObject({ partner_id: 'P9', signal: 'click_spike', date: '2026-05-31', count: 1600, value: 1600, threshold: 315, severity: 'high' });
		expect(f!.detail).toMatch(/^On 2026-05-31: 1,600 valid clicks \(15\.2× its median\) against a 28-day median of 105 \(spike from 315\), with 2 conversions where its 1\.\d\d% baseline conversion rate predicts 30\.\d\.$/);
	});

	it('rates a spike under twice its threshold as medium', () => {
		const days = assessClickSpikes(steady({ 30: { valid_clicks: 500, conversions: 0 } }), range);
		expect(clickSpikeFindings(partner, days).map((f) => f.severity)).toEqual(['medium']);
	});
});
