/**
 * The alert rules run after a publish (I/O around pure rules): revenue anomalies per partner, channel and
 * country for the last complete week (revenue-anomalies.ts), and the quality and fraud signals of the last 28
 * days that are new (not seen in the 28 days before). Returns the alerts to log; the caller de-duplicates by id.
 */
import { formatMoney, formatDelta, relativeChange } from '../../format.ts';
import { addDays } from '../reports/params/date-range.ts';
import { dataThrough } from '../reports/shared/data-through.ts';
import { firstCompleteWeek } from '../reports/shared/first-complete-week.ts';
import { metricQuery } from '../reports/shared/metric-query.ts';
import { qualitySignals } from '../reports/quality/signals.ts';
import { lastCompleteWeekOf, NO_FILTERS } from '../reports/weekly/overview.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import type { AlertRecord } from './alert-record.ts';
import { alertedNames, revenueAnomalies, withoutAlerted, type AnomalyDimension, type AnomalyRules, type RevenueAnomaly, type WeeklyRevenueSeries } from './revenue-anomalies.ts';

/** Weeks of history behind each anomaly forecast: enough for a 52-week season once two years exist. */
export const ANOMALY_HISTORY_WEEKS = 110;
/** A quality signal seen again within this many days is the same signal, not a new alert. */
export const SIGNAL_MEMORY_DAYS = 28;

export type PartnerInfo = { readonly partner_id: string; readonly partner_name: string; readonly channel: string; readonly manager: string | null };

export interface Evaluation {
	readonly alerts: readonly AlertRecord[];
	readonly seen: Readonly<Record<string, string>>;
	readonly week: { readonly from: string; readonly to: string } | null;
}

export async function partnerDirectory(warehouse: Warehouse): Promise<Map<string, PartnerInfo>> {
	const rows = await warehouse.db.query<PartnerInfo>('select partner_id, partner_name, channel, manager from main.stg_partners');
	return new Map(rows.map((r) => [r.partner_id, r]));
}

export async function evaluateAlerts(warehouse: Warehouse, o: { now: Date; seen: Readonly<Record<string, string>>; rules: AnomalyRules; publishId: number | null }): Promise<Evaluation> {
	const through = await dataThrough(warehouse.db);
	if (!through) return { alerts: [], seen: o.seen, week: null };
	const { weekStart, grossMargin, baseCurrency } = warehouse.config;
	const week = lastCompleteWeekOf(through, weekStart);
	const partners = await partnerDirectory(warehouse);
	const weeks = await historyWeeks(warehouse, week.from, weekStart);
	const read = (dimensions: readonly AnomalyDimension[], only: { partner?: readonly string[]; country?: readonly string[] } = {}) =>
		weeklyRevenueSeries(warehouse, { weeks, dimensions, grossMargin, weekStart, partners, only });
	// Partners first, then countries without the partners alerted, then channels without the partners and
	// countries alerted: one partner's (or one country's) collapse is one alert, not also its channel's.
	const partnerAnomalies = revenueAnomalies(await read(['partner']), week.from, o.rules);
	const byPartner = partnerAnomalies.map((a) => a.key);
	const partnerNames = byPartner.map((id) => partners.get(id)?.partner_name ?? id);
	const countries = await read(['country']);
	const countryAnomalies = revenueAnomalies(byPartner.length ? withoutAlerted(countries, await read(['country'], { partner: byPartner }), [], alertedNames(partnerNames)) : countries, week.from, o.rules);
	const byCountry = countryAnomalies.map((a) => a.key);
	const channels = await read(['channel']);
	const minus = [...(byPartner.length ? await read(['channel'], { partner: byPartner }) : []), ...(byCountry.length ? await read(['channel'], { country: byCountry }) : [])];
	const plus = byPartner.length && byCountry.length ? await read(['channel'], { partner: byPartner, country: byCountry }) : [];
	const channelAnomalies = revenueAnomalies(withoutAlerted(channels, minus, plus, alertedNames([...partnerNames, ...byCountry.map((c) => `country ${c}`)])), week.from, o.rules);
	const created = o.now.toISOString();
	const alerts: AlertRecord[] = [...partnerAnomalies, ...countryAnomalies, ...channelAnomalies].map((a) => anomalyAlert(a, week, baseCurrency, partners, created, o.publishId));

	const today = o.now.toISOString().slice(0, 10);
	const range = { from: addDays(through, -27), to: through };
	const quality = await qualitySignals(warehouse.db, { filters: NO_FILTERS(range), range });
	const seen: Record<string, string> = Object.fromEntries(Object.entries(o.seen).filter(([, day]) => day >= addDays(today, -365)));
	for (const s of quality.signals) {
		const key = s.signal === 'click_spike' ? `${s.signal}:${s.partner_id}:${s.date}` : `${s.signal}:${s.partner_id}`;
		const last = seen[key];
		seen[key] = today;
		if (last !== undefined && last >= addDays(today, -SIGNAL_MEMORY_DAYS)) continue;

		alerts.push({
			id: `quality:${key}:${today}`,
			kind: 'quality',
			signal: s.signal,
			severity: s.severity,
			dimension: 'partner',
			target: s.partner_id,
			partner_id: s.partner_id,
			partner_name: s.partner_name,
			channel: s.channel,
			country: null,
			from: s.from,
			to: s.to,
			detail: `${s.partner_name} (${s.partner_id}): ${s.detail}`,
			href: s.evidence.href,
			page: s.evidence.page,
			numbers: { value: s.value, threshold: s.threshold, count: s.count },
			createdAt: created,
			publishId: o.publishId,
			acknowledged: null,
			muted: false,
			deliveredTo: []
		});
	}
	return { alerts, seen, week };
}

/** Every week whose revenue a series may use: the last ANOMALY_HISTORY_WEEKS before `week` and `week`, from the first complete week on. */
async function historyWeeks(warehouse: Warehouse, week: string, weekStart: number): Promise<string[]> {
	// History starts at the first week the data covers in full: a partial first week (the exports began on a
	// Thursday) would read as a collapse, and at the yearly peak it hid the peak from the season.
	const firstWeek = (await firstCompleteWeek(warehouse.db, weekStart)) ?? week;
	const earliest = addDays(week, -7 * ANOMALY_HISTORY_WEEKS);
	const from = earliest < firstWeek ? firstWeek : earliest;
	const out: string[] = [];
	for (let w = from; w <= week; w = addDays(w, 7)) out.push(w);
	return out;
}

/** Weekly revenue per key of each dimension (of only the given partners and countries, when given), each series from its first week of revenue. */
async function weeklyRevenueSeries(
	warehouse: Warehouse,
	o: { weeks: readonly string[]; dimensions: readonly AnomalyDimension[]; grossMargin: number; weekStart: number; partners: Map<string, PartnerInfo>; only: { partner?: readonly string[]; country?: readonly string[] } }
): Promise<WeeklyRevenueSeries[]> {
	const out: WeeklyRevenueSeries[] = [];
	const range = { from: o.weeks[0]!, to: addDays(o.weeks.at(-1)!, 6) };
	for (const dimension of o.dimensions) {
		const q = metricQuery({ filters: { ...NO_FILTERS(range), partner: [...(o.only.partner ?? [])], country: [...(o.only.country ?? [])] }, groupBy: [dimension, 'week'], grossMargin: o.grossMargin, weekStart: o.weekStart, lean: true });
		const rows = await warehouse.db.query(q.sql, q.params);
		const byKey = new Map<string, Map<string, number>>();
		for (const r of rows) {
			const key = String(r[dimension] ?? '');
			if (!key) continue; // sales without a country cannot be a country's anomaly
			const m = byKey.get(key) ?? new Map<string, number>();
			m.set(String(r.week), Number(r.revenue ?? 0));
			byKey.set(key, m);
		}
		for (const [key, m] of byKey) {
			const values = o.weeks.map((w) => ({ week_start: w, revenue: m.get(w) ?? 0 }));
			// A series starts with its first week of revenue: weeks before a partner existed are not zeros.
			const first = values.findIndex((v) => v.revenue !== 0);
			if (first < 0) continue;
			const label = dimension === 'partner' ? `${o.partners.get(key)?.partner_name ?? key} (${key})` : dimension === 'channel' ? `the ${key} channel` : `country ${key}`;
			out.push({ dimension, key, label, weeks: values.slice(first) });
		}
	}
	return out;
}

function anomalyAlert(a: RevenueAnomaly, week: { from: string; to: string }, currency: string, partners: Map<string, PartnerInfo>, createdAt: string, publishId: number | null): AlertRecord {
	const money = (v: number) => formatMoney(v, currency, false);
	const verb = a.direction === 'drop' ? 'fell' : 'rose';
	const detail = `Revenue of ${a.label} ${verb} to ${money(a.actual)} in the week of ${week.from}, against ${money(a.forecast)} forecast from the weeks before (95% band ${money(a.lo95)} to ${money(a.hi95)}), ${formatDelta(relativeChange(a.actual, a.forecast))}.`;
	const filter: Record<string, string> = { [a.dimension]: a.key };
	const rows = new URLSearchParams({ by: 'date', from: week.from, to: week.to, ...filter });
	const page = a.dimension === 'partner' ? `/partners/${encodeURIComponent(a.key)}?${new URLSearchParams({ from: week.from, to: week.to })}` : `/?${new URLSearchParams({ week: week.from, ...filter })}`;
	const p = a.dimension === 'partner' ? partners.get(a.key) : undefined;
	return {
		id: `revenue_${a.direction}:${a.dimension}:${a.key}:${week.from}`,
		kind: 'revenue_anomaly',
		signal: `revenue_${a.direction}`,
		severity: Math.abs(a.actual - a.forecast) >= 2 * Math.max(a.forecast - a.lo95, a.hi95 - a.forecast) ? 'high' : 'medium',
		dimension: a.dimension,
		target: a.key,
		partner_id: p?.partner_id ?? null,
		partner_name: p?.partner_name ?? null,
		channel: a.dimension === 'channel' ? a.key : (p?.channel ?? null),
		country: a.dimension === 'country' ? a.key : null,
		from: week.from,
		to: week.to,
		detail,
		href: `/api/v1/metrics/breakdown?${rows}`,
		page,
		numbers: { actual: a.actual, forecast: a.forecast, lo95: a.lo95, hi95: a.hi95 },
		createdAt,
		publishId,
		acknowledged: null,
		muted: false,
		deliveredTo: []
	};
}
