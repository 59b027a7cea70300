/**
 * The "what changed and why" bridge (pure): the week before's revenue, each effect, this week's revenue. The
 * value axis starts at 0 so bar lengths compare honestly; every bar carries its value, every category its
 * name (wrapped, never hidden). Called by the weekly review page.
 */
import type { EChartsOption } from 'echarts';
import { axisFormatter, formatMoney } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export const EFFECT_LABELS: Record<string, string> = {
	clicks: 'Clicks',
	conversion_rate: 'Conversion rate',
	order_value: 'Order value',
	reversals: 'Reversals'
};

export const BRIDGE_START_LABEL = 'Week before';
export const BRIDGE_END_LABEL = 'This week';

export function revenueBridgeOption(input: { before: number; after: number; effects: Record<string, number>; currency: string }): EChartsOption {
	const keys = Object.keys(EFFECT_LABELS);
	const labels = [BRIDGE_START_LABEL, ...keys.map((k) => EFFECT_LABELS[k]!), BRIDGE_END_LABEL];
	// Invisible base + visible delta, the usual waterfall construction, on an axis from 0.
	const base: number[] = [0];
	const up: (number | string)[] = ['-'];
	const down: (number | string)[] = ['-'];
	let level = input.before;
	for (const k of keys) {
		const e = input.effects[k] ?? 0;
		base.push(e >= 0 ? level : level + e);
		up.push(e >= 0 ? e : '-');
		down.push(e < 0 ? -e : '-');
		level += e;
	}
	base.push(0);
	up.push('-');
	down.push('-');
	const totals = [input.before, ...keys.map(() => '-'), input.after];
	const money = (v: number) => formatMoney(v, input.currency);
	const signed = (v: number) => `${v >= 0 ? '+' : '−'}${money(Math.abs(v))}`;
	const label = (text: (v: number) => string) => ({
		show: true,
		position: 'top' as const,
		fontSize: 11,
		formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? text(p.value) : '')
	});
	return {
		animation: false,
		grid: { left: 64, right: 16, top: 28, bottom: 44 },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const list = params as { dataIndex: number }[];
				const i = list[0]!.dataIndex;
				if (i === 0) return `${escapeHtml(BRIDGE_START_LABEL)}: ${escapeHtml(money(input.before))}`;
				if (i === labels.length - 1) return `${escapeHtml(BRIDGE_END_LABEL)}: ${escapeHtml(money(input.after))}`;
				const k = keys[i - 1]!;
				return `${escapeHtml(EFFECT_LABELS[k])} effect: ${escapeHtml(signed(input.effects[k] ?? 0))}`;
			}
		},
		xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, width: 78, overflow: 'break', lineHeight: 13, fontSize: 11 } },
		yAxis: { type: 'value', min: 0, axisLabel: { formatter: axisFormatter('money', input.currency) }, splitLine: { lineStyle: { color: '#eceff3' } } },
		series: [
			{ type: 'bar', stack: 'b', itemStyle: { color: 'transparent' }, data: base, silent: true },
			{ type: 'bar', stack: 'b', name: 'Total', itemStyle: { color: '#2457c5' }, data: totals, label: label(money) },
			{ type: 'bar', stack: 'b', name: 'Up', itemStyle: { color: '#12805c' }, data: up, label: label((v) => signed(v)) },
			{ type: 'bar', stack: 'b', name: 'Down', itemStyle: { color: '#c4320a' }, data: down, label: label((v) => signed(-v)) }
		]
	} as EChartsOption;
}
