/**
 * The quality signals' contract between the API and the pages: the answer's type (checked in the Hono handler
 * with `satisfies`), the fetch function, and the plain-words labels of each signal kind.
 */
import type { QualityReport } from '../server/reports/quality/signals.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import type { SignalKind } from '../metrics/quality-thresholds.ts';
import { getJson } from '../ui/api-client.ts';

export const QUALITY_SIGNALS_PATH = '/api/v1/quality/signals';

/** GET /api/v1/quality/signals: the signals for the filters' range, each linked to its rows. */
export type QualitySignalsAnswer = QualityReport & { readonly meta: ReportMeta & { readonly range: QualityReport['range'] } & Record<string, unknown> };

export const SIGNAL_LABELS: Record<SignalKind, string> = {
	click_spike: 'Click spike without sales',
	fast_conversions: 'Conversions under 15 s',
	invalid_clicks: 'Invalid-click share',
	reversal_outlier: 'Reversal-rate outlier',
	clickless_coupons: 'Coupon orders without clicks'
};

/** The signals for page filters (from, to, channel, partner, tier; device and country do not apply). */
export function fetchPartnerSignals(filters: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<QualitySignalsAnswer> {
	const params = new URLSearchParams(filters);
	for (const k of ['compare', 'device', 'country']) params.delete(k);
	return getJson<QualitySignalsAnswer>(QUALITY_SIGNALS_PATH, params, fetcher, signal);
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
