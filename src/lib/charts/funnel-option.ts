/**
 * A funnel as horizontal bars (pure): one bar per step, labelled with its value and its share of the step
 * before. Bars rather than ECharts' funnel shapes, because steps differ by orders of magnitude (clicks vs
 * sales) and need not shrink (click-less coupon sales). Used by the partner and channel pages.
 */
import type { EChartsOption } from 'echarts';
import { formatCount, formatPercent } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface FunnelBar {
	readonly label: string;
	readonly value: number;
	/** Share of the step before (null for the first step). */
	readonly rateFromPrevious: number | null;
}

/** The label printed beside a bar: "12,345" or "1,234 · 9.5% of previous". */
export function funnelLabel(step: FunnelBar): string {
	return step.rateFromPrevious === null ? formatCount(step.value) : `${formatCount(step.value)} · ${formatPercent(step.rateFromPrevious)} of previous`;
}

export function funnelOption(input: { steps: readonly FunnelBar[] }): EChartsOption {
	const labels = input.steps.map(funnelLabel);
	return {
		animation: false,
		color: ['#2457c5'],
		grid: { left: 150, right: 170, top: 10, bottom: 24 },
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: unknown) => {
			const [item] = p as { dataIndex: number; name: string }[];
			return item ? escapeHtml(`${item.name}: ${labels[item.dataIndex]}`) : '';
		} },
		xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) }, splitLine: { lineStyle: { color: '#eceff3' } } },
		yAxis: { type: 'category', inverse: true, data: input.steps.map((s) => s.label), axisLabel: { width: 140, overflow: 'truncate' } },
		series: [
			{
				type: 'bar',
				data: input.steps.map((s) => s.value),
				barMaxWidth: 36,
				label: { show: true, position: 'right', formatter: (p: unknown) => labels[(p as { dataIndex: number }).dataIndex] ?? '' }
			}
		]
	} as EChartsOption;
}
