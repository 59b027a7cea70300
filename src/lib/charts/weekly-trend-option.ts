/** Weekly rows -> the ECharts option of the home page's revenue and cost line chart (pure). */
import type { EChartsOption } from 'echarts';
import { formatMoney } from '../format.ts';

export interface WeeklyPoint {
	readonly week_start: string;
	readonly revenue: number | null;
	readonly cost: number | null;
}

export function weeklyTrendOption(rows: readonly WeeklyPoint[], currency: string): EChartsOption {
	return {
		animation: false,
		grid: { left: 64, right: 24, top: 40, bottom: 32 },
		legend: { top: 0, data: ['Revenue', 'Cost'] },
		tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(typeof v === 'number' ? v : Number(v), currency, false) },
		xAxis: { type: 'category', data: rows.map((r) => r.week_start), axisLabel: { hideOverlap: true } },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, currency) } },
		series: [
			{ name: 'Revenue', type: 'line', smooth: false, showSymbol: false, data: rows.map((r) => r.revenue ?? 0), lineStyle: { width: 2 } },
			{ name: 'Cost', type: 'line', smooth: false, showSymbol: false, data: rows.map((r) => r.cost ?? 0), lineStyle: { width: 2 } }
		]
	};
}
