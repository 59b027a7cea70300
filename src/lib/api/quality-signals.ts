/**
 * The quality resource's contract between the API and the pages: the answer types of /quality/signals,
 * /quality/daily and /quality/rows (checked in the Hono handlers with `satisfies`), their URLs, the fetch
 * functions, and the plain-words labels of each signal kind. Called by the Quality, Partners and partner pages.
 */
import type { QualityDay, QualityReport } from '../server/reports/quality/signals.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import type { DateRange } from '../server/reports/params/date-range.ts';
import type { QualityThresholds, SignalDefinition, SignalKind } from '../metrics/quality-thresholds.ts';
import { getJson } from '../ui/api-client.ts';

export const QUALITY_SIGNALS_PATH = '/api/v1/quality/signals';
export const QUALITY_DAILY_PATH = '/api/v1/quality/daily';
export const QUALITY_ROWS_PATH = '/api/v1/quality/rows';

/** The meta block of every quality answer: the report meta, the signals' definitions and thresholds, the range. */
export type QualityMeta = ReportMeta & { readonly signals: readonly SignalDefinition[]; readonly thresholds: QualityThresholds; readonly range: DateRange };

/** GET /api/v1/quality/signals: the signals for the filters' range, each linked to its rows. */
export type QualitySignalsAnswer = QualityReport & { readonly meta: QualityMeta };
export type QualitySignal = QualitySignalsAnswer['signals'][number];
export type PartnerQualityMeasures = QualitySignalsAnswer['partners'][number];

/** GET /api/v1/quality/daily: the scope's days (with the click-spike threshold when one partner is in view). */
export interface QualityDailyAnswer {
	readonly rows: readonly QualityDay[];
	readonly meta: QualityMeta & { readonly singlePartner: boolean };
}
export type { QualityDay };

/** GET /api/v1/quality/rows: one page of the rows behind a signal and the totals of all of them. */
export interface QualityRowsAnswer {
	readonly rows: readonly Record<string, unknown>[];
	readonly meta: QualityMeta & { readonly signal: SignalKind; readonly definition: SignalDefinition; readonly limit: number; readonly offset: number; readonly total_rows: number; readonly count: number };
}

export const SIGNAL_LABELS: Record<SignalKind, string> = {
	click_spike: 'Click spike without sales',
	fast_conversions: 'Conversions under 15 s',
	invalid_clicks: 'Invalid-click share',
	reversal_outlier: 'Reversal-rate outlier',
	clickless_coupons: 'Coupon orders without clicks'
};

/**
 * The page filters for a quality answer: compare never applies. The Quality page passes device and country on,
 * so the answer's note says they are not applied; the other pages leave them out.
 */
export function qualityParams(filters: URLSearchParams, options: { dropIgnored?: boolean } = {}): URLSearchParams {
	const params = new URLSearchParams(filters);
	params.delete('compare');
	if (options.dropIgnored) for (const k of ['device', 'country']) params.delete(k);
	return params;
}

/** The signals for the Quality page's filters. */
export function fetchQualitySignals(filters: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<QualitySignalsAnswer> {
	return getJson<QualitySignalsAnswer>(QUALITY_SIGNALS_PATH, qualityParams(filters), fetcher, signal);
}

/** The signals behind the marks on other pages (from, to, channel, partner, tier). */
export function fetchPartnerSignals(filters: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<QualitySignalsAnswer> {
	return getJson<QualitySignalsAnswer>(QUALITY_SIGNALS_PATH, qualityParams(filters, { dropIgnored: true }), fetcher, signal);
}

/** The days for page filters; `partner` narrows the chart to one partner (its spike threshold shown). */
export function fetchQualityDaily(filters: URLSearchParams, partner: string | null, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<QualityDailyAnswer> {
	const params = qualityParams(filters);
	if (partner) params.set('partner', partner);
	return getJson<QualityDailyAnswer>(QUALITY_DAILY_PATH, params, fetcher, signal);
}

/** Which rows: one signal of one partner over a range (a click spike: its day). */
export interface QualityRowsQuery {
	readonly signal: SignalKind;
	readonly partner: string;
	readonly date: string | null;
	readonly range: DateRange;
	readonly page?: { readonly limit: number; readonly offset: number };
	readonly format?: 'csv';
}

/** The URL of the rows behind a signal (the page's evidence link, and its CSV of every row). */
export function qualityRowsUrl(q: QualityRowsQuery): string {
	const params = new URLSearchParams({ signal: q.signal, partner: q.partner, from: q.date ?? q.range.from, to: q.date ?? q.range.to });
	if (q.page) {
		params.set('limit', String(q.page.limit));
		params.set('offset', String(q.page.offset));
	}
	if (q.format) params.set('format', q.format);
	return `${QUALITY_ROWS_PATH}?${params}`;
}

export function fetchQualityRows(q: QualityRowsQuery, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<QualityRowsAnswer> {
	return getJson<QualityRowsAnswer>(qualityRowsUrl(q), undefined, fetcher, signal);
}

/** Partner id -> the labels of its signals, e.g. "Conversions under 15 s (high)". */
export function signalsByPartner(signals: QualitySignalsAnswer['signals']): Map<string, string> {
	const out = new Map<string, string[]>();
	for (const s of signals) {
		const label = `${SIGNAL_LABELS[s.signal] ?? s.signal}${s.severity === 'high' ? ' (high)' : ''}`;
		const list = out.get(s.partner_id) ?? [];
		if (!list.includes(label)) list.push(label);
		out.set(s.partner_id, list);
	}
	return new Map([...out].map(([k, v]) => [k, v.join('; ')]));
}
