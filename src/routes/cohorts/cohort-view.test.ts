import { describe, expect, it } from 'vitest';
import { cohortApiParams, cohortLabel, cohortPageParams, cohortsOf, curveSeries, heatmapCells, type CurveRow } from './cohort-view.ts';

const row = (cohort_start: string, cohort_end: string, period_offset: number, retention: number, ltv: number, complete = true): CurveRow => ({
	group: cohort_start,
	group_label: cohort_start,
	cohort_start,
	cohort_end,
	period_offset,
	period_start: null,
	period_end: null,
	complete,
	cohorts: 1,
	customers: 10,
	active_customers: retention * 10,
	retention,
	ltv,
	revenue: ltv * 10,
	cumulative_revenue: ltv * 10,
	acquisition_cost_per_customer: 5,
	cumulative_margin_per_customer: ltv * 0.3,
	paid_back: ltv * 0.3 >= 5
});

const ROWS = [row('2026-05-01', '2026-05-31', 0, 1, 50), row('2026-05-01', '2026-05-31', 1, 0.2, 70, false), row('2026-06-01', '2026-06-30', 0, 1, 40, false)];
const AVERAGE = [{ ...row('2026-05-01', '2026-05-31', 0, 1, 44), group: 'all', cohort_start: null, cohort_end: null }, { ...row('2026-05-01', '2026-05-31', 1, 0.2, 70), group: 'all', cohort_start: null, cohort_end: null }];

describe('cohortPageParams', () => {
	it('reads grain, metric and margin with safe defaults', () => {
		expect(cohortPageParams(new URL('http://x/cohorts'))).toEqual({ period: 'month', metric: 'retention', margin: null });
		expect(cohortPageParams(new URL('http://x/cohorts?grain=week&metric=ltv&margin=0.25'))).toEqual({ period: 'week', metric: 'ltv', margin: '0.25' });
		expect(cohortPageParams(new URL('http://x/cohorts?grain=day&metric=x&margin=abc'))).toEqual({ period: 'month', metric: 'retention', margin: null });
	});
});

describe('cohortApiParams', () => {
	it('forwards the filters cohorts take and drops country, device and compare', () => {
		const url = new URL('http://x/cohorts?grain=week&margin=0.2&channel=email&country=DE&device=phone&compare=year&from=2026-01-01');
		const filters = new URLSearchParams('channel=email&country=DE&device=phone&compare=year&from=2026-01-01');
		expect(cohortApiParams(url, filters, { period: true, margin: true }).toString()).toBe('channel=email&from=2026-01-01&grain=week&margin=0.2');
		expect(cohortApiParams(url, filters).toString()).toBe('channel=email&from=2026-01-01');
	});
});

describe('cohort rows -> chart data', () => {
	it('labels cohorts by month or by the week’s first day', () => {
		expect(cohortLabel('2026-05-01', 'month')).toBe('2026-05');
		expect(cohortLabel('2026-05-11', 'week')).toBe('2026-05-11');
		expect(cohortsOf(ROWS, 'month')).toEqual([
			{ label: '2026-05', from: '2026-05-01', to: '2026-05-31' },
			{ label: '2026-06', from: '2026-06-01', to: '2026-06-30' }
		]);
	});

	it('turns the triangle into heatmap cells of the chosen metric', () => {
		expect(heatmapCells(ROWS, 'ltv', 'month')).toEqual([
			{ cohort: '2026-05', offset: 0, value: 50, complete: true },
			{ cohort: '2026-05', offset: 1, value: 70, complete: false },
			{ cohort: '2026-06', offset: 0, value: 40, complete: false }
		]);
	});

	it('draws LTV from period 0 and retention from period 1, one line per cohort plus all cohorts', () => {
		const ltv = curveSeries(ROWS, AVERAGE, 'ltv', 'month');
		expect(ltv.categories).toEqual(['M0', 'M1']);
		expect(ltv.series.map((s) => [s.name, s.data])).toEqual([
			['2026-05', [50, 70]],
			['2026-06', [40, null]],
			['All cohorts', [44, 70]]
		]);
		const retention = curveSeries(ROWS, AVERAGE, 'retention', 'week');
		expect(retention.categories).toEqual(['W1']);
		expect(retention.series.map((s) => s.data)).toEqual([[0.2], [null], [0.2]]);
	});

	it('draws only the newest cohorts beside the average when there are many', () => {
		const many = Array.from({ length: 10 }, (_, i) => row(`2025-${String(i + 1).padStart(2, '0')}-01`, `2025-${String(i + 1).padStart(2, '0')}-28`, 0, 1, 10 + i));
		const c = curveSeries(many, AVERAGE, 'ltv', 'month', 4);
		expect(c.hidden).toBe(6);
		expect(c.series.map((s) => s.name)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', 'All cohorts']);
	});
});
