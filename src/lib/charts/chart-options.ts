/**
 * Rows -> ECharts options for the dashboard's chart kinds (pure; tested without a browser).
 * Axis labels and tooltips format values by the metric's unit.
 */
import type { EChartsOption } from 'echarts';
import { axisFormatter, formatValue, type Unit } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface Series {
	readonly name: string;
	readonly data: readonly (number | null)[];
	/** Draw on a second y axis (e.g. ROAS beside money). */
	readonly secondAxis?: boolean;
	readonly type?: 'line' | 'bar';
	readonly stack?: string;
	readonly dashed?: boolean;
	/** A horizontal reference line on the series' axis, e.g. break-even ROAS = 1 / gross margin. */
	readonly reference?: { readonly value: number; readonly label: string };
}

/** The break-even reference of a ROAS series: below 1 / gross margin the margin does not cover the cost. */
export function breakEvenRoas(grossMargin: number): Series['reference'] {
	return grossMargin > 0 ? { value: 1 / grossMargin, label: `break-even ${formatValue(1 / grossMargin, 'ratio', '')}` } : undefined;
}

export interface AxisSpec {
	readonly unit: Unit;
	readonly currency: string;
}

const PALETTE = ['#2457c5', '#e07b00', '#12805c', '#b8336a', '#6b4fbb', '#0097a7', '#8d6e00', '#5c6b7a'];

function valueAxis(axis: AxisSpec) {
	return { type: 'value' as const, axisLabel: { formatter: axisFormatter(axis.unit, axis.currency) }, splitLine: { lineStyle: { color: '#eceff3' } } };
}

export function lineOption(input: { categories: readonly string[]; series: readonly Series[]; axis: AxisSpec; secondAxis?: AxisSpec }): EChartsOption {
	const fmt = (s: Series) => (v: unknown) => formatValue(typeof v === 'number' ? v : null, s.secondAxis && input.secondAxis ? input.secondAxis.unit : input.axis.unit, input.axis.currency);
	return {
		animation: false,
		color: PALETTE,
		grid: { left: 70, right: input.secondAxis ? 60 : 24, top: 36, bottom: 30 },
		legend: { top: 0, type: 'scroll' },
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const list = params as { axisValueLabel: string; seriesName: string; value: unknown; seriesIndex: number; marker: string }[];
				const head = list[0]?.axisValueLabel ?? '';
				return [escapeHtml(head), ...list.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(fmt(input.series[p.seriesIndex]!)(p.value))}`)].join('<br>');
			}
		},
		xAxis: { type: 'category', data: [...input.categories], axisLabel: { hideOverlap: true } },
		yAxis: input.secondAxis ? [valueAxis(input.axis), { ...valueAxis(input.secondAxis), splitLine: { show: false } }] : valueAxis(input.axis),
		series: input.series.map((s) => ({
			name: s.name,
			type: s.type ?? 'line',
			stack: s.stack,
			showSymbol: false,
			yAxisIndex: s.secondAxis ? 1 : 0,
			data: [...s.data],
			lineStyle: s.dashed ? { type: 'dashed' } : undefined,
			areaStyle: s.stack && (s.type ?? 'line') === 'line' ? {} : undefined,
			markLine: s.reference
				? {
						silent: true,
						symbol: 'none',
						lineStyle: { color: '#c4320a', type: 'dotted', width: 1.5 },
						label: { formatter: s.reference.label, position: 'insideEndTop', color: '#c4320a' },
						data: [{ yAxis: s.reference.value }]
					}
				: undefined
		}))
	} as EChartsOption;
}

export function barOption(input: { categories: readonly string[]; series: readonly Series[]; axis: AxisSpec; horizontal?: boolean }): EChartsOption {
	const cat = { type: 'category' as const, data: [...input.categories], axisLabel: { hideOverlap: true, width: 140, overflow: 'truncate' as const } };
	const val = valueAxis(input.axis);
	return {
		animation: false,
		color: PALETTE,
		grid: { left: input.horizontal ? 150 : 70, right: 24, top: input.series.length > 1 ? 36 : 16, bottom: 30 },
		legend: input.series.length > 1 ? { top: 0 } : undefined,
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, input.axis.unit, input.axis.currency) },
		xAxis: input.horizontal ? val : cat,
		yAxis: input.horizontal ? { ...cat, inverse: true } : val,
		series: input.series.map((s) => ({ name: s.name, type: 'bar', stack: s.stack, data: [...s.data] }))
	} as EChartsOption;
}

/** A triangle heatmap: rows (e.g. cohorts) x columns (e.g. months since first purchase). */
export function heatmapOption(input: { xLabels: readonly string[]; yLabels: readonly string[]; cells: readonly [number, number, number | null][]; unit: Unit; currency: string }): EChartsOption {
	const values = input.cells.map((c) => c[2]).filter((v): v is number => v !== null);
	return {
		animation: false,
		grid: { left: 90, right: 20, top: 10, bottom: 60 },
		tooltip: {
			formatter: (p: unknown) => {
				const { value } = p as { value: [number, number, number | null] };
				return escapeHtml(`${input.yLabels[value[1]]}, ${input.xLabels[value[0]]}: ${formatValue(value[2], input.unit, input.currency)}`);
			}
		},
		xAxis: { type: 'category', data: [...input.xLabels], splitArea: { show: true } },
		yAxis: { type: 'category', data: [...input.yLabels], splitArea: { show: true }, inverse: true },
		visualMap: {
			min: values.length ? Math.min(...values) : 0,
			max: values.length ? Math.max(...values) : 1,
			calculable: true,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			inRange: { color: ['#f2f6fd', '#2457c5'] },
			formatter: (v: unknown) => formatValue(Number(v), input.unit, input.currency)
		},
		series: [{ type: 'heatmap', data: input.cells.map((c) => [...c]), label: { show: input.cells.length <= 200, formatter: (p: unknown) => formatValue((p as { value: [number, number, number] }).value[2], input.unit, input.currency), fontSize: 9 } }]
	} as EChartsOption;
}

/** An SVG path of a sparkline through `values`, scaled into width x height (pure, for table cells). */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number): string {
	const points = values.map((v) => v ?? 0);
	if (points.length < 2) return '';
	const max = Math.max(...points);
	const min = Math.min(...points, 0);
	const span = max - min || 1;
	return points
		.map((v, i) => `${i === 0 ? 'M' : 'L'}${((i / (points.length - 1)) * width).toFixed(1)},${(height - ((v - min) / span) * height).toFixed(1)}`)
		.join(' ');
}
