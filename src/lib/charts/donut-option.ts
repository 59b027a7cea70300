/**
 * A donut of parts of a whole (pure), e.g. new vs returning customers or the cost breakdown: each slice's
 * value (by its unit) and share in the tooltip and legend. Used by the partner and channel pages.
 */
import type { EChartsOption } from 'echarts';
import { formatPercent, formatValue, type Unit } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface DonutSlice {
	readonly name: string;
	readonly value: number;
}

export function donutOption(input: { slices: readonly DonutSlice[]; unit: Unit; currency: string }): EChartsOption {
	const total = input.slices.reduce((s, x) => s + Math.max(0, x.value), 0);
	const describe = (name: string) => {
		const slice = input.slices.find((s) => s.name === name);
		if (!slice) return name;
		return `${name}: ${formatValue(slice.value, input.unit, input.currency)} (${formatPercent(total === 0 ? null : slice.value / total)})`;
	};
	// The tooltip is HTML (a cost_type from an export lands here); the legend is canvas text, drawn verbatim.
	return {
		animation: false,
		color: ['#2457c5', '#e07b00', '#12805c', '#b8336a', '#6b4fbb', '#0097a7', '#8d6e00', '#5c6b7a'],
		tooltip: { trigger: 'item', formatter: (p: unknown) => escapeHtml(describe((p as { name: string }).name)) },
		legend: { orient: 'vertical', right: 0, top: 'middle', type: 'scroll', formatter: describe },
		series: [
			{
				type: 'pie',
				radius: ['45%', '72%'],
				center: ['30%', '50%'],
				avoidLabelOverlap: true,
				label: { show: false },
				data: input.slices.map((s) => ({ name: s.name, value: Math.max(0, s.value) }))
			}
		]
	} as EChartsOption;
}
