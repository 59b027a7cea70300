/**
 * The Quality page's report and the weekly review's fraud alerts: reads fct_quality_daily, hands per-partner
 * daily series and totals to the pure detectors in src/lib/metrics/quality-*.ts, and links every signal to
 * the rows behind it (/api/v1/quality/rows). Called by api/routes/quality-routes.ts and by the weekly review.
 */
import type { Database } from '../../db/database.ts';
import { assessClickSpikes, clickSpikeFindings, type DayAssessment, type DayCounts } from '../../../metrics/quality-click-spikes.ts';
import type { QualityFinding } from '../../../metrics/quality-finding.ts';
import { detectPartnerSignals, type PartnerMeasures, type PartnerTotals, type QualityBaseline } from '../../../metrics/quality-partner-signals.ts';
import { QUALITY_THRESHOLDS, SIGNALS, type QualityThresholds } from '../../../metrics/quality-thresholds.ts';
import { addDays, type DateRange } from '../params/date-range.ts';
import type { Filters } from '../params/filters.ts';
import { filterConditions } from '../shared/metric-query.ts';

export interface QualitySignal extends QualityFinding {
	/** Stable id within a range: signal:partner[:date]. */
	readonly id: string;
	/** The days the signal was measured over (the spike day for a click spike). */
	readonly from: string;
	readonly to: string;
	/** The rows behind the signal: `href` is the API (JSON; add format=csv), `page` the Quality page showing them. */
	readonly evidence: { readonly href: string; readonly page: string };
}

export interface QualityReport {
	readonly range: DateRange;
	readonly signals: readonly QualitySignal[];
	/** Every partner in scope with activity in the range, with its measures. */
	readonly partners: readonly PartnerMeasures[];
	readonly baseline: QualityBaseline;
}

export interface QualityOptions {
	readonly filters: Filters;
	/** Overrides filters.range. */
	readonly range?: DateRange;
	readonly thresholds?: QualityThresholds;
}

/** Filters this report honours: channel, partner and tier (the mart is per partner and day, not per device or country). */
export function qualityScope(filters: Filters): Filters {
	return { ...filters, device: [], country: [] };
}

/** Plain-words note for answers when filters were set that the quality mart cannot follow. */
export function qualityNotes(filters: Filters): string[] {
	return filters.device.length || filters.country.length ? ['Quality signals are measured per partner and day: the device and country filters are not applied here.'] : [];
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

export function evidenceLinks(signal: string, partnerId: string, from: string, to: string, id: string): QualitySignal['evidence'] {
	const api = new URLSearchParams({ signal, partner: partnerId, from, to });
	const page = new URLSearchParams({ from, to, partner: partnerId, evidence: id });
	return { href: `/api/v1/quality/rows?${api}`, page: `/quality?${page}` };
}

function toSignal(f: QualityFinding, range: DateRange): QualitySignal {
	const from = f.date ?? range.from;
	const to = f.date ?? range.to;
	const id = `${f.signal}:${f.partner_id}${f.date ? `:${f.date}` : ''}`;
	return { ...f, id, from, to, evidence: evidenceLinks(f.signal, f.partner_id, from, to, id) };
}

/** Every partner's totals over the range (the baselines need all of them, whatever the filters). */
async function partnerTotals(db: Database, range: DateRange): Promise<(PartnerTotals & { tier: string })[]> {
	const rows = await db.query(
		`select q.partner_id, p.partner_name, p.channel, p.tier,
			sum(q.gross_clicks)::bigint as gross_clicks, sum(q.valid_clicks)::bigint as valid_clicks, sum(q.invalid_clicks)::bigint as invalid_clicks,
			sum(q.sales)::bigint as sales, sum(q.fast_sales)::bigint as fast_sales, sum(q.clickless_coupon_sales)::bigint as clickless_coupon_sales,
			sum(q.validated_sales)::bigint as validated_sales, sum(q.reversed_sales)::bigint as reversed_sales
		 from main.fct_quality_daily as q
		 join main.stg_partners as p using (partner_id)
		 where q.date between $from::date and $to::date
		 group by all
		 order by q.partner_id`,
		{ from: range.from, to: range.to }
	);
	return rows.map((r) => ({
		partner_id: String(r.partner_id),
		partner_name: String(r.partner_name),
		channel: String(r.channel),
		tier: String(r.tier),
		gross_clicks: num(r.gross_clicks),
		valid_clicks: num(r.valid_clicks),
		invalid_clicks: num(r.invalid_clicks),
		sales: num(r.sales),
		fast_sales: num(r.fast_sales),
		clickless_coupon_sales: num(r.clickless_coupon_sales),
		validated_sales: num(r.validated_sales),
		reversed_sales: num(r.reversed_sales)
	}));
}

/**
 * Daily valid clicks and conversions per partner in scope, from the baseline's first day to the range's
 * last. Only partners with a day of spikeMinClicks+ valid clicks in the range can spike, so only they are read.
 */
async function dailySeries(db: Database, filters: Filters, range: DateRange, t: QualityThresholds): Promise<Map<string, DayCounts[]>> {
	const scope = filterConditions(qualityScope(filters), 'fact');
	const where = scope.conditions.map((c) => `and ${c}`).join(' ');
	const rows = await db.query<{ partner_id: string; date: string; valid_clicks: number; conversions: number }>(
		`with candidates as (
			select f.partner_id from main.fct_quality_daily as f
			where f.date between $from::date and $to::date ${where}
			group by f.partner_id
			having max(f.valid_clicks) >= $min_clicks
		)
		select f.partner_id, f.date::varchar as date, f.valid_clicks::integer as valid_clicks, f.conversions::integer as conversions
		from main.fct_quality_daily as f
		join candidates using (partner_id)
		where f.date between $first::date and $to::date and (f.valid_clicks > 0 or f.conversions > 0)
		order by f.partner_id, f.date`,
		{ first: addDays(range.from, -t.spikeBaselineDays), from: range.from, to: range.to, min_clicks: t.spikeMinClicks, ...scope.params }
	);
	const out = new Map<string, DayCounts[]>();
	for (const r of rows) {
		const list = out.get(r.partner_id) ?? [];
		list.push(r);
		out.set(r.partner_id, list);
	}
	return out;
}

const SEVERITY_ORDER = { high: 0, medium: 1 } as const;

/** The signals, per-partner measures and baselines for the filters' range (or `range`). */
export async function qualitySignals(db: Database, options: QualityOptions): Promise<QualityReport> {
	const t = options.thresholds ?? QUALITY_THRESHOLDS;
	const range = options.range ?? options.filters.range;
	const f = options.filters;
	const [totals, series] = await Promise.all([partnerTotals(db, range), dailySeries(db, f, range, t)]);
	const inScope = (p: PartnerTotals & { tier?: string }) =>
		(!f.partner.length || f.partner.includes(p.partner_id)) && (!f.channel.length || f.channel.includes(p.channel)) && (!f.tier.length || f.tier.includes(p.tier ?? ''));
	const { measures, findings, baseline } = detectPartnerSignals(totals, { inScope, thresholds: t });
	const spikes: QualityFinding[] = [];
	for (const p of totals) {
		const days = series.get(p.partner_id);
		if (!days || !inScope(p)) continue;
		spikes.push(...clickSpikeFindings(p, assessClickSpikes(days, range, t), t));
	}
	const order = (s: QualitySignal) => SIGNALS.indexOf(s.signal);
	const signals = [...spikes, ...findings]
		.map((x) => toSignal(x, range))
		.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || order(a) - order(b) || b.count - a.count || a.id.localeCompare(b.id));
	return { range, signals, partners: measures, baseline };
}

/**
 * The fraud alerts of the weekly review: the quality signals over `range`, for the review's filters.
 * weekStart and grossMargin are accepted for a uniform report signature; the signals do not depend on them.
 */
export async function qualityAlerts(
	db: Database,
	options: { filters: Filters; range: DateRange; weekStart?: number; grossMargin?: number; thresholds?: QualityThresholds }
): Promise<readonly QualitySignal[]> {
	return (await qualitySignals(db, { filters: options.filters, range: options.range, thresholds: options.thresholds })).signals;
}

export interface QualityDay extends DayAssessment {
	readonly gross_clicks: number;
	readonly invalid_clicks: number;
	readonly sales: number;
	readonly fast_sales: number;
	readonly clickless_coupon_sales: number;
}

/**
 * The scope's days (summed over its partners) for the page's chart. The spike baseline and threshold are
 * the detector's own, and only meaningful for one partner: with several in scope they are null.
 */
export async function qualityDaily(db: Database, options: QualityOptions): Promise<QualityDay[]> {
	const t = options.thresholds ?? QUALITY_THRESHOLDS;
	const range = options.range ?? options.filters.range;
	const scope = filterConditions(qualityScope(options.filters), 'fact');
	const rows = await db.query(
		`select f.date::varchar as date,
			sum(f.gross_clicks)::bigint as gross_clicks, sum(f.valid_clicks)::bigint as valid_clicks, sum(f.invalid_clicks)::bigint as invalid_clicks,
			sum(f.sales)::bigint as sales, sum(f.conversions)::bigint as conversions, sum(f.fast_sales)::bigint as fast_sales,
			sum(f.clickless_coupon_sales)::bigint as clickless_coupon_sales
		 from main.fct_quality_daily as f
		 where f.date between $first::date and $to::date
		 ${scope.conditions.map((c) => `and ${c}`).join(' ')}
		 group by f.date
		 order by f.date`,
		{ first: addDays(range.from, -t.spikeBaselineDays), to: range.to, ...scope.params }
	);
	const byDate = new Map(rows.map((r) => [String(r.date), r]));
	const single = options.filters.partner.length === 1;
	const days = assessClickSpikes(
		rows.map((r) => ({ date: String(r.date), valid_clicks: num(r.valid_clicks), conversions: num(r.conversions) })),
		range,
		t
	);
	return days.map((d) => {
		const r = byDate.get(d.date);
		const extra = {
			gross_clicks: num(r?.gross_clicks),
			invalid_clicks: num(r?.invalid_clicks),
			sales: num(r?.sales),
			fast_sales: num(r?.fast_sales),
			clickless_coupon_sales: num(r?.clickless_coupon_sales)
		};
		return single
			? { ...d, ...extra }
			: { ...d, ...extra, baseline_median: null, baseline_mad: null, baseline_rate: null, spike_threshold: null, predicted_conversions: null, is_spike: false };
	});
}
