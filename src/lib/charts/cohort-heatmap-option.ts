/**
 * The cohort triangle as an ECharts heatmap (pure): one row per cohort, one column per period k, the colour
 * scale fitted to the periods after the first (period 0 is 100% retention by definition and would wash the
 * rest out). Periods still running are labelled with a trailing "*". Used by the Cohorts page.
 */
import type { EChartsOption } from 'echarts';
import { formatValue, type Unit } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface CohortHeatmapCell {
	readonly cohort: string;
	readonly offset: number;
	readonly value: number | null;
	readonly complete: boolean;
}

export interface CohortHeatmapInput {
	/** Cohort labels top to bottom (oldest first). */
	readonly cohorts: readonly string[];
	readonly cells: readonly CohortHeatmapCell[];
	readonly unit: Unit;
	readonly currency: string;
	/** Label of a column, e.g. k => `M${k}`. */
	readonly offsetLabel: (k: number) => string;
	readonly metricLabel: string;
}

/** Colour range from the cells after period 0 (all cells when there are no others). */
export function cohortColourRange(cells: readonly CohortHeatmapCell[]): { min: number; max: number } {
	const later = cells.filter((c) => c.offset > 0 && c.value !== null).map((c) => c.value!);
	const values = later.length ? later : cells.filter((c) => c.value !== null).map((c) => c.value!);
	if (values.length === 0) return { min: 0, max: 1 };
	const min = Math.min(...values);
	const max = Math.max(...values);
	return { min, max: max > min ? max : min + 1 };
}

export function cohortHeatmapOption(input: CohortHeatmapInput): EChartsOption {
	const maxOffset = input.cells.reduce((m, c) => Math.max(m, c.offset), 0);
	const xLabels = Array.from({ length: maxOffset + 1 }, (_, k) => input.offsetLabel(k));
	const row = new Map(input.cohorts.map((c, i) => [c, i]));
	const fmt = (v: number | null) => formatValue(v, input.unit, input.currency);
	const data = input.cells
		.filter((c) => row.has(c.cohort))
		.map((c) => ({ value: [c.offset, row.get(c.cohort)!, c.value], complete: c.complete }));
	const { min, max } = cohortColourRange(input.cells);
	const dense = data.length <= 220;
	return {
		animation: false,
		grid: { left: 84, right: 78, top: 8, bottom: 28 },
		tooltip: {
			formatter: (p: unknown) => {
				const { data: d } = p as { data: { value: [number, number, number | null]; complete: boolean } };
				const [k, y, v] = d.value;
				return `${escapeHtml(`Cohort ${input.cohorts[y]}, period ${k}${d.complete ? '' : ' (still running)'}`)}<br>${escapeHtml(`${input.metricLabel}: ${fmt(v)}`)}`;
			}
		},
		xAxis: { type: 'category', data: xLabels, splitArea: { show: true } },
		yAxis: { type: 'category', data: [...input.cohorts], splitArea: { show: true }, inverse: true },
		visualMap: {
			min,
			max,
			calculable: true,
			orient: 'vertical',
			right: 0,
			top: 'middle',
			itemHeight: 140,
			inRange: { color: ['#f2f6fd', '#9db7e8', '#2457c5'] },
			formatter: (v: unknown) => fmt(Number(v))
		},
		series: [
			{
				type: 'heatmap',
				data,
				label: {
					show: dense,
					fontSize: 9,
					formatter: (p: unknown) => {
						const { data: d } = p as { data: { value: [number, number, number | null]; complete: boolean } };
						return `${fmt(d.value[2])}${d.complete ? '' : '*'}`;
					}
				},
				emphasis: { itemStyle: { borderColor: '#1d2430', borderWidth: 1 } }
			}
		]
	} as EChartsOption;
}
