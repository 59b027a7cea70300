/**
 * ROAS by channel (pure): horizontal bars so every channel's name shows, each labelled with its ROAS, a
 * break-even line at 1 / gross margin (below it a channel's margin does not cover its cost) and loss-making
 * channels in red. Program-level costs are not a channel, so the "program" row is left out. Called by the ROI page.
 */
import type { EChartsOption } from 'echarts';
import { axisFormatter, formatRatio } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface ChannelRoas {
	readonly channel: string;
	readonly roas: number | null;
	readonly before?: number | null;
}

/** ROAS at which gross margin pays for the cost: revenue x margin = cost. */
export const breakEvenRoas = (grossMargin: number): number => 1 / grossMargin;

export function roasByChannelOption(input: { rows: readonly ChannelRoas[]; grossMargin: number; comparison: boolean }): EChartsOption {
	const rows = input.rows.filter((r) => r.channel !== 'program');
	const breakEven = breakEvenRoas(input.grossMargin);
	const below = '#c4320a';
	const label = { show: true, position: 'right' as const, fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatRatio(p.value) : '') };
	const max = Math.max(breakEven, ...rows.flatMap((r) => [r.roas ?? 0, r.before ?? 0]));
	return {
		animation: false,
		color: ['#2457c5', '#9db4e6'],
		grid: { left: 100, right: 56, top: input.comparison ? 44 : 26, bottom: 28 },
		legend: input.comparison ? { top: 0, data: ['This period', 'Before'] } : undefined,
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const list = params as { name: string; seriesName: string; value: unknown; marker: string }[];
				const head = `${escapeHtml(list[0]?.name ?? '')} (break-even ${escapeHtml(formatRatio(breakEven))})`;
				return [head, ...list.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(formatRatio(typeof p.value === 'number' ? p.value : null))}`)].join('<br>');
			}
		},
		xAxis: { type: 'value', min: 0, max: Math.ceil(max * 1.15 * 2) / 2, axisLabel: { formatter: axisFormatter('ratio', '') }, splitLine: { lineStyle: { color: '#eceff3' } } },
		yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.channel), axisLabel: { interval: 0, width: 92, overflow: 'truncate' } },
		series: [
			{
				name: 'This period',
				type: 'bar',
				data: rows.map((r) => ({ value: r.roas, itemStyle: r.roas !== null && r.roas < breakEven ? { color: below } : undefined })),
				label,
				markLine: {
					silent: true,
					symbol: 'none',
					lineStyle: { color: '#1d2430', type: 'dashed', width: 1.5 },
					// The category axis is inverted, so the line's start is at the top, above the first bar.
					label: { formatter: `break-even ${formatRatio(breakEven)}`, position: 'start', fontSize: 11 },
					data: [{ xAxis: breakEven }]
				}
			},
			...(input.comparison ? [{ name: 'Before', type: 'bar' as const, data: rows.map((r) => r.before ?? null), label: { ...label, color: '#667085' } }] : [])
		]
	} as EChartsOption;
}
