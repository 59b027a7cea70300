/**
 * Pure helpers of the Quality page: the API shapes it reads, the evidence id in the URL (which signal's rows
 * are open), tooltips with definition + model version + freshness, the columns of each signal's rows and
 * the daily chart's option.
 */
import type { EChartsOption } from 'echarts';
import { lineOption } from '$lib/charts/chart-options';
import { formatCount, type Unit } from '$lib/format';
import type { ReportMeta } from '$lib/ui/metric-types';
import { SIGNALS, type SignalKind } from '$lib/metrics/quality-thresholds';
import { qualityRowsUrl, type QualityDay, type QualityMeta } from '$lib/api/quality-signals';

/** A DataTable column. */
export interface Column {
	key: string;
	label: string;
	unit?: Unit;
	title?: string;
	align?: 'left' | 'right';
}

/** The answer types live in the quality contract (src/lib/api/quality-signals.ts), shared with the API. */
export type { QualityMeta, QualitySignal as Signal, PartnerQualityMeasures as PartnerMeasures, QualitySignalsAnswer as SignalsAnswer, QualityDay } from '$lib/api/quality-signals';

export interface Evidence {
	signal: SignalKind;
	partner: string;
	/** The day of a click spike; null: the page's range. */
	date: string | null;
}

/** `signal:partner[:date]`, the id the API gives each signal, back into its parts (null when malformed). */
export function parseEvidence(id: string | null): Evidence | null {
	if (!id) return null;
	const [signal, partner, date, ...rest] = id.split(':');
	if (rest.length || !signal || !partner || !(SIGNALS as readonly string[]).includes(signal)) return null;
	if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
	return { signal: signal as SignalKind, partner, date: date ?? null };
}

export function evidenceId(e: Evidence): string {
	return `${e.signal}:${e.partner}${e.date ? `:${e.date}` : ''}`;
}

/** The rows endpoint for an evidence over `range` (a click spike: its day). */
export function evidenceHref(e: Evidence, range: { from: string; to: string }, page?: { limit: number; offset: number }): string {
	return qualityRowsUrl({ ...e, range, page });
}

function provenance(meta: ReportMeta): string {
	const versions = Object.entries(meta.modelVersions)
		.map(([name, v]) => `${name}@${v.slice(0, 8)}`)
		.join(', ');
	return `Models: ${versions} (publish #${meta.publishId}). Data through ${meta.dataThrough}.`;
}

/** Tooltip of one signal: its rule with the thresholds, the model versions and the data's freshness. */
export function signalTooltip(meta: QualityMeta, kind: SignalKind): string {
	const d = meta.signals.find((s) => s.kind === kind);
	return `${d ? `${d.label}: ${d.definition} Rows behind it: ${d.rows}.` : kind} ${provenance(meta)}`;
}

/** Tooltip of the whole signals table: every rule. */
export function allSignalsTooltip(meta: QualityMeta): string {
	return `${meta.signals.map((d) => `${d.label}: ${d.definition}`).join('\n')}\n${provenance(meta)}`;
}

export function labelOf(meta: QualityMeta, kind: SignalKind): string {
	return meta.signals.find((s) => s.kind === kind)?.label ?? kind;
}

/** "24 rows (the fast sales …), adding up to 24 sales; showing 24." */
export function rowsSummary(meta: QualityMeta, kind: SignalKind, totals: { total_rows: number; count: number }, shown: number): string {
	const what = meta.signals.find((d) => d.kind === kind)?.rows ?? kind;
	const unit = kind === 'click_spike' ? 'valid clicks' : kind === 'invalid_clicks' ? 'invalid clicks' : 'sales';
	return `${formatCount(totals.total_rows)} rows (${what}), adding up to ${formatCount(totals.count)} ${unit}; showing ${formatCount(shown)}.`;
}

const sale: Column[] = [
	{ key: 'conversion_id', label: 'Conversion' },
	{ key: 'order_id', label: 'Order' },
	{ key: 'status', label: 'Status' }
];
const money: Column = { key: 'sale_amount_base', label: 'Order value', unit: 'money' };

/** The columns of the rows behind each signal (the keys the rows endpoint answers with). */
export const ROW_COLUMNS: Record<SignalKind, Column[]> = {
	fast_conversions: [...sale, { key: 'clicked_at', label: 'Clicked (UTC)' }, { key: 'converted_at', label: 'Converted (UTC)' }, { key: 'seconds_to_convert', label: 'Seconds', unit: 'count' }, money, { key: 'device_type', label: 'Device' }, { key: 'country', label: 'Country' }],
	clickless_coupons: [...sale, { key: 'converted_at', label: 'Converted (UTC)' }, { key: 'coupon_code', label: 'Coupon code' }, money, { key: 'customer_status', label: 'Customer' }],
	reversal_outlier: [...sale, { key: 'converted_at', label: 'Converted (UTC)' }, { key: 'validated_at', label: 'Validated (UTC)' }, { key: 'reversal_reason', label: 'Reason' }, money, { key: 'seconds_to_convert', label: 'Seconds to convert', unit: 'count' }],
	click_spike: [
		{ key: 'date', label: 'Day' },
		{ key: 'hour', label: 'Hour (UTC)', unit: 'count' },
		{ key: 'sub_id', label: 'sub_id' },
		{ key: 'ip_hash', label: 'ip_hash' },
		{ key: 'valid_clicks', label: 'Valid clicks', unit: 'count' },
		{ key: 'invalid_clicks', label: 'Invalid clicks', unit: 'count' },
		{ key: 'unique_clicks', label: 'Unique clicks', unit: 'count' },
		{ key: 'converted_clicks', label: 'Clicks with a sale', unit: 'count' }
	],
	invalid_clicks: [
		{ key: 'date', label: 'Day' },
		{ key: 'invalid_reason', label: 'Reason' },
		{ key: 'sub_id', label: 'sub_id' },
		{ key: 'ip_hash', label: 'ip_hash' },
		{ key: 'invalid_clicks', label: 'Invalid clicks', unit: 'count' },
		{ key: 'gross_clicks', label: 'All clicks', unit: 'count' }
	]
};

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;

/** Rows as shown: ISO timestamps read as `YYYY-MM-DD HH:MM:SS` (UTC, said in the column label). */
export function displayRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
	return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && TIMESTAMP.test(v) ? v.replace(TIMESTAMP, '$1 $2') : v])));
}

/**
 * Daily valid and invalid clicks (stacked bars), conversions (second axis) and, for one partner, the
 * click-spike threshold the detector applies; spike days are marked.
 */
export function dailyOption(days: readonly QualityDay[], currency: string, single: boolean): EChartsOption {
	const option = lineOption({
		categories: days.map((d) => d.date),
		series: [
			{ name: 'Valid clicks', type: 'bar', stack: 'clicks', data: days.map((d) => d.valid_clicks) },
			{ name: 'Invalid clicks', type: 'bar', stack: 'clicks', data: days.map((d) => d.invalid_clicks) },
			...(single ? [{ name: 'Spike threshold', data: days.map((d) => d.spike_threshold), dashed: true }] : []),
			{ name: 'Conversions', data: days.map((d) => d.conversions), secondAxis: true },
			{ name: 'Conversions under 15 s', data: days.map((d) => d.fast_sales), secondAxis: true, dashed: true }
		],
		axis: { unit: 'count', currency },
		secondAxis: { unit: 'count', currency }
	});
	const spikes = days.filter((d) => d.is_spike);
	const series = option.series as Record<string, unknown>[];
	if (spikes.length) series[0] = { ...series[0], markPoint: { symbol: 'pin', symbolSize: 36, itemStyle: { color: '#c4320a' }, label: { formatter: '!' }, data: spikes.map((d) => ({ name: d.date, coord: [d.date, d.valid_clicks + d.invalid_clicks] })) } };
	return option;
}
