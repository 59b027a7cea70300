/**
 * Shares over time as stacked areas that fill 0–100 % (pure): one series per part (e.g. channel), one value
 * per period, each the part's share of the period. Built on lineOption; used by the channels page.
 */
import type { EChartsOption } from 'echarts';
import { lineOption } from './chart-options.ts';

export interface MixRow {
	readonly period: string;
	readonly part: string;
	/** Share of the period, 0..1; null = the period had nothing to share. */
	readonly share: number | null;
}

/** The rows pivoted: sorted periods, and per part (sorted) its share in each period (0 when absent). */
export function pivotMix(rows: readonly MixRow[]): { periods: string[]; parts: { name: string; data: number[] }[] } {
	const periods = [...new Set(rows.map((r) => r.period))].sort();
	const names = [...new Set(rows.map((r) => r.part))].sort();
	const at = new Map(rows.map((r) => [`${r.period}\u0000${r.part}`, r.share ?? 0]));
	return { periods, parts: names.map((name) => ({ name, data: periods.map((p) => at.get(`${p}\u0000${name}`) ?? 0) })) };
}

export function mixOption(input: { rows: readonly MixRow[]; currency: string }): EChartsOption {
	const { periods, parts } = pivotMix(input.rows);
	const option = lineOption({ categories: periods, series: parts.map((p) => ({ ...p, stack: 'mix' })), axis: { unit: 'percent', currency: input.currency } }) as Record<string, unknown>;
	return { ...option, yAxis: { ...(option.yAxis as object), min: 0, max: 1 } } as EChartsOption;
}
