/**
 * A histogram over labelled bins (pure): touching bars, each bin's count and share of the total in the
 * tooltip. Used for the click-to-conversion time of the partner and channel pages.
 */
import type { EChartsOption } from 'echarts';
import { formatCount, formatPercent } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface HistogramBin {
	readonly label: string;
	readonly count: number;
}

export function histogramOption(input: { bins: readonly HistogramBin[]; valueName: string }): EChartsOption {
	const total = input.bins.reduce((s, b) => s + b.count, 0);
	const share = (n: number) => (total === 0 ? null : n / total);
	return {
		animation: false,
		color: ['#2457c5'],
		grid: { left: 60, right: 16, top: 16, bottom: 30 },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const [item] = p as { dataIndex: number }[];
				const bin = item ? input.bins[item.dataIndex] : undefined;
				return bin ? escapeHtml(`${bin.label}: ${formatCount(bin.count)} ${input.valueName} (${formatPercent(share(bin.count))})`) : '';
			}
		},
		xAxis: { type: 'category', data: input.bins.map((b) => b.label), axisLabel: { interval: 0, hideOverlap: true } },
		yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v) }, splitLine: { lineStyle: { color: '#eceff3' } } },
		series: [{ type: 'bar', name: input.valueName, data: input.bins.map((b) => b.count), barCategoryGap: '4%' }]
	} as EChartsOption;
}
