/** The "what changed and why" bridge: last week's revenue, each effect, this week's revenue (pure). */
import type { EChartsOption } from 'echarts';
import { formatMoney } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export const EFFECT_LABELS: Record<string, string> = {
	clicks: 'Clicks',
	conversion_rate: 'Conversion rate',
	order_value: 'Order value',
	reversals: 'Reversals'
};

export function revenueBridgeOption(input: { before: number; after: number; effects: Record<string, number>; currency: string }): EChartsOption {
	const keys = Object.keys(EFFECT_LABELS);
	const labels = ['Week before', ...keys.map((k) => EFFECT_LABELS[k]!), 'Last week'];
	// Invisible base + visible delta, the usual waterfall construction.
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
	// Start the axis near the lowest level so the effects are visible against the totals.
	const lows = [input.before, input.after, ...base.slice(1, -1)];
	const floor = Math.max(0, Math.min(...lows) * 0.85);
	const fmt = (v: unknown) => (typeof v === 'number' ? formatMoney(v, input.currency, false) : '');
	return {
		animation: false,
		grid: { left: 70, right: 16, top: 16, bottom: 30 },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const list = params as { dataIndex: number }[];
				const i = list[0]!.dataIndex;
				if (i === 0) return escapeHtml(`Week before: ${fmt(input.before)}`);
				if (i === labels.length - 1) return escapeHtml(`Last week: ${fmt(input.after)}`);
				const k = keys[i - 1]!;
				return escapeHtml(`${EFFECT_LABELS[k] ?? k} effect: ${(input.effects[k] ?? 0) >= 0 ? '+' : ''}${fmt(input.effects[k] ?? 0)}`);
			}
		},
		xAxis: { type: 'category', data: labels },
		yAxis: { type: 'value', min: Math.floor(floor), axisLabel: { formatter: (v: number) => formatMoney(v, input.currency) } },
		series: [
			{ type: 'bar', stack: 'b', itemStyle: { color: 'transparent' }, data: base, silent: true },
			{ type: 'bar', stack: 'b', name: 'Total', itemStyle: { color: '#2457c5' }, data: totals },
			{ type: 'bar', stack: 'b', name: 'Up', itemStyle: { color: '#12805c' }, data: up },
			{ type: 'bar', stack: 'b', name: 'Down', itemStyle: { color: '#c4320a' }, data: down }
		]
	} as EChartsOption;
}
