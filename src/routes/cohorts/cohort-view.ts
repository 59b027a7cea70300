/**
 * Pure helpers of the Cohorts page: the API's cohort rows -> heatmap cells, curve series and labels, and the
 * page's own URL parameters (grain, metric, margin) on top of the global filters.
 */
import type { CohortHeatmapCell } from '$lib/charts/cohort-heatmap-option';
import type { Series } from '$lib/charts/chart-options';
import { metricInfo, metricTooltip, type ReportMeta } from '$lib/ui/metric-types';
import type { CustomerCohortCurveRow } from '$lib/api/cohorts';

export type Period = 'month' | 'week';
export type CurveMetric = 'retention' | 'ltv';

/** A row of GET /api/v1/cohorts/customers (the contract in $lib/api/cohorts). */
export type CurveRow = CustomerCohortCurveRow;

/** The page's own parameters, read from its URL (anything unknown falls back to the default). */
export function cohortPageParams(url: URL): { period: Period; metric: CurveMetric; margin: string | null } {
	const period = url.searchParams.get('grain') === 'week' ? 'week' : 'month';
	const metric = url.searchParams.get('metric') === 'ltv' ? 'ltv' : 'retention';
	const margin = url.searchParams.get('margin');
	return { period, metric, margin: margin && /^(0(\.\d+)?|1)$/.test(margin) ? margin : null };
}

/** The global filters cohorts take (country, device and compare do not apply) plus grain and margin. */
export function cohortApiParams(url: URL, filters: URLSearchParams, options: { period?: boolean; margin?: boolean } = {}): URLSearchParams {
	const out = new URLSearchParams(filters);
	for (const k of ['compare', 'country', 'device']) out.delete(k);
	const p = cohortPageParams(url);
	if (options.period) out.set('grain', p.period);
	if (options.margin && p.margin) out.set('margin', p.margin);
	return out;
}

export const offsetLabel = (period: Period) => (k: number) => `${period === 'month' ? 'M' : 'W'}${k}`;

/** A cohort's label: its month (2026-03) or the first day of its week (2026-03-16). */
export const cohortLabel = (start: string, period: Period) => (period === 'month' ? start.slice(0, 7) : start);

export function heatmapCells(rows: readonly CurveRow[], metric: CurveMetric, period: Period): CohortHeatmapCell[] {
	return rows.map((r) => ({ cohort: cohortLabel(r.cohort_start ?? r.group, period), offset: r.period_offset, value: r[metric], complete: r.complete }));
}

/** The cohorts of the triangle in order (oldest first) with their date ranges, for labels and drill-down. */
export function cohortsOf(rows: readonly CurveRow[], period: Period): { label: string; from: string; to: string }[] {
	const seen = new Map<string, { label: string; from: string; to: string }>();
	for (const r of rows) if (r.cohort_start && !seen.has(r.cohort_start)) seen.set(r.cohort_start, { label: cohortLabel(r.cohort_start, period), from: r.cohort_start, to: r.cohort_end ?? r.cohort_start });
	return [...seen.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
}

/**
 * One line per cohort plus the all-cohorts line. Retention starts at period 1 (period 0 is 100% by
 * definition and would squash the rest); LTV at period 0.
 */
/** How many cohort curves the chart draws: the newest ones, beside the all-cohorts average (the heatmap has every cohort). */
export const MAX_CURVES = 6;

/**
 * The curves chart's series: the newest `maxCurves` cohorts and the average of all cohorts, so many cohorts do
 * not tangle into spaghetti. `hidden` says how many older cohorts were left out.
 */
export function curveSeries(
	rows: readonly CurveRow[],
	average: readonly CurveRow[],
	metric: CurveMetric,
	period: Period,
	maxCurves = MAX_CURVES
): { categories: string[]; series: Series[]; hidden: number } {
	const first = metric === 'retention' ? 1 : 0;
	const max = Math.max(first, ...rows.map((r) => r.period_offset), ...average.map((r) => r.period_offset));
	const categories = Array.from({ length: max - first + 1 }, (_, i) => offsetLabel(period)(first + i));
	const line = (list: readonly CurveRow[]) => {
		const data: (number | null)[] = categories.map(() => null);
		for (const r of list) if (r.period_offset >= first) data[r.period_offset - first] = r[metric];
		return data;
	};
	const cohorts = [...cohortsOf(rows, period)].sort((a, b) => a.from.localeCompare(b.from));
	const shown = cohorts.slice(-maxCurves);
	const series: Series[] = shown.map((c) => ({ name: c.label, data: line(rows.filter((r) => r.cohort_start === c.from)) }));
	if (average.length) series.push({ name: 'All cohorts', data: line(average), dashed: true });
	return { categories, series, hidden: cohorts.length - shown.length };
}

/** A table column for a cohort metric: its label (or a shorter one), unit and definition popover. */
export function cohortColumn(meta: ReportMeta, key: string, label?: string) {
	const m = metricInfo(meta, key);
	return { key, label: label ?? m?.label ?? key, unit: m?.unit ?? ('count' as const), title: metricTooltip(meta, key) };
}
