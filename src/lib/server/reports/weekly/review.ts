/**
 * The manager's Monday page in one answer: the last complete week against the week before and the same
 * week last year, why revenue moved (clicks, conversion rate, order value, reversals; overall and per
 * partner), the partners to act on, and the weekly trend. Reads the published models only.
 */
import type { Database } from '../../db/database.ts';
import { decomposeRevenueChange, type RevenueChange, type RevenueInputs } from '../../../metrics/decompose-revenue-change.ts';
import { partnersToActOn, type PartnerAction, type PartnerWeeks } from '../../../metrics/partners-to-act-on.ts';
import { addDays, type DateRange } from '../params/date-range.ts';
import { metricQuery } from '../shared/metric-query.ts';
import type { Filters } from '../params/filters.ts';
import { lastCompleteWeekOf, weeklyOverview, type WeeklyOverview } from './overview.ts';
import { qualityAlerts, type QualitySignal } from '../quality/signals.ts';

export interface Mover {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
	readonly manager: string | null;
	readonly revenue: number;
	readonly previous_revenue: number;
	readonly change: number;
	readonly effects: RevenueChange['effects'];
	/** The effect that explains most of the change. */
	readonly main_effect: string;
}

export interface WeeklyReview extends WeeklyOverview {
	/** The last complete week of the data: the newest week that can be reviewed. */
	readonly lastCompleteWeek: DateRange | null;
	/** Every partner manager in the program, for the "my partners" filter. */
	readonly managers: readonly string[];
	/** The manager the movers, actions and alerts are limited to, or null for everyone. */
	readonly manager: string | null;
	readonly decomposition: RevenueChange | null;
	readonly movers: { readonly up: readonly Mover[]; readonly down: readonly Mover[] };
	readonly actions: readonly PartnerAction[];
	/** Quality and fraud signals over the four weeks ending with the reviewed week. */
	readonly alerts: readonly QualitySignal[];
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const inputs = (m: Record<string, unknown>): RevenueInputs => ({ clicks: num(m.clicks), gross_conversions: num(m.gross_conversions), gross_revenue: num(m.gross_revenue), revenue: num(m.revenue) });

/**
 * `week` picks the reviewed week (default: the last complete one); `manager` limits the movers, actions and
 * alerts to that manager's partners (the tiles, bridge and trend stay the filters' whole scope).
 */
export async function weeklyReview(
	db: Database,
	options: { filters: Filters; weekStart: number; grossMargin: number; weeks?: number; movers?: number; week?: DateRange | null; manager?: string | null }
): Promise<WeeklyReview> {
	const [overview, managerRows] = await Promise.all([
		weeklyOverview(db, { weeks: options.weeks ?? 26, weekStart: options.weekStart, grossMargin: options.grossMargin, filters: options.filters, week: options.week ?? null }),
		// Only the managers of partners the filters (and so a user's scope) admit: a scoped manager never learns the others.
		db.query<{ manager: string }>(
			`select distinct manager from main.stg_partners where manager is not null and manager <> ''
			 and ($partners = '[]' or list_contains($partners::json::varchar[], partner_id))
			 and ($channels = '[]' or list_contains($channels::json::varchar[], channel)) order by 1`,
			{ partners: JSON.stringify(options.filters.partner), channels: JSON.stringify(options.filters.channel) }
		)
	]);
	const manager = options.manager ?? null;
	const head = {
		lastCompleteWeek: overview.dataThrough ? lastCompleteWeekOf(overview.dataThrough, options.weekStart) : null,
		managers: managerRows.map((r) => r.manager),
		manager
	};
	if (!overview.lastWeek || !overview.previousWeek || !overview.dataThrough) return { ...overview, ...head, decomposition: null, movers: { up: [], down: [] }, actions: [], alerts: [] };
	const last = overview.lastWeek;
	const prev = overview.previousWeek;
	const decomposition = decomposeRevenueChange(inputs(prev.metrics), inputs(last.metrics));
	const base = { filters: options.filters, grossMargin: options.grossMargin, weekStart: options.weekStart };
	// One partner-by-week query serves both the movers (its last two weeks) and the action rules (all nine).
	const first = addDays(last.from, -7 * (ACTION_WEEKS - 1));
	const pw = metricQuery({ ...base, range: { from: first, to: last.to }, groupBy: ['partner', 'week'], lean: true });
	const [partnerWeeks, partnerRows, lifetime, validation, alerts] = await Promise.all([
		db.query(pw.sql, pw.params),
		db.query<PartnerInfo>('select partner_id, partner_name, channel, manager, status, joined_at::varchar as joined_at from main.stg_partners'),
		db.query<{ partner_id: string; conversions: number }>('select partner_id, sum(conversions)::bigint as conversions from main.fct_partner_daily where date <= $to::date group by 1', { to: last.to }),
		validationCounts(db, last.to),
		qualityAlerts(db, { filters: options.filters, range: { from: addDays(last.from, -21), to: last.to } })
	]);
	const partners = new Map(partnerRows.map((p) => [p.partner_id, p]));
	const mine = (id: string) => manager === null || partners.get(id)?.manager === manager;
	const series = new Map<string, Map<string, Record<string, unknown>>>();
	for (const r of partnerWeeks) {
		const m = series.get(r.partner as string) ?? new Map<string, Record<string, unknown>>();
		m.set(r.week as string, r);
		series.set(r.partner as string, m);
	}

	const movers: Mover[] = [];
	for (const [id, weeks] of series) {
		const a = weeks.get(last.from) ?? {};
		const b = weeks.get(prev.from) ?? {};
		const d = decomposeRevenueChange(inputs(b), inputs(a));
		if (d.change === 0 || !mine(id)) continue;
		const main = Object.entries(d.effects).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))[0]!;
		const p = partners.get(id);
		movers.push({ partner_id: id, partner_name: p?.partner_name ?? id, channel: p?.channel ?? '', manager: p?.manager ?? null, revenue: num(a.revenue), previous_revenue: num(b.revenue), change: d.change, effects: d.effects, main_effect: d.method === 'none' ? 'sales without clicks' : main[0] });
	}
	const n = options.movers ?? 5;
	const up = movers.filter((m) => m.change > 0).sort((x, y) => y.change - x.change).slice(0, n);
	const down = movers.filter((m) => m.change < 0).sort((x, y) => x.change - y.change).slice(0, n);

	const actions = partnerActions({
		filters: options.filters,
		weekStarts: Array.from({ length: ACTION_WEEKS }, (_, i) => addDays(first, 7 * i)),
		asOf: last.to,
		partners: new Map([...partners].filter(([id]) => mine(id))),
		series,
		lifetime: new Map(lifetime.map((r) => [r.partner_id, r.conversions])),
		validation
	});
	return { ...overview, ...head, decomposition, movers: { up, down }, actions, alerts: alerts.filter((a) => mine(a.partner_id)) };
}

/** Weeks of history the action rules look at: the reviewed week and the eight before it. */
const ACTION_WEEKS = 9;

type PartnerInfo = { partner_id: string; partner_name: string; channel: string; manager: string | null; status: string; joined_at: string };
type ValidationCounts = { partner_id: string; rv: number; rr: number; bv: number; br: number };

/** Sales validated in the last 4 weeks and in the 12 before, and how many of them were reversed, per partner. */
async function validationCounts(db: Database, asOf: string): Promise<Map<string, ValidationCounts>> {
	const rows = await db.query<ValidationCounts>(
		`select partner_id,
			count(*) filter (where validated_at >= $recent::date) as rv,
			count(*) filter (where validated_at >= $recent::date and status = 'reversed') as rr,
			count(*) filter (where validated_at < $recent::date) as bv,
			count(*) filter (where validated_at < $recent::date and status = 'reversed') as br
		 from main.stg_sales
		 where validated_at >= $baseline::date and validated_at < $to::date + 1
		 group by 1`,
		{ recent: addDays(asOf, -27), baseline: addDays(asOf, -27 - 84), to: asOf }
	);
	return new Map(rows.map((r) => [r.partner_id, r]));
}

function partnerActions(o: {
	filters: Filters;
	weekStarts: readonly string[];
	asOf: string;
	partners: Map<string, PartnerInfo>;
	series: Map<string, Map<string, Record<string, unknown>>>;
	lifetime: Map<string, number>;
	validation: Map<string, ValidationCounts>;
}): PartnerAction[] {
	const scoped = o.filters.partner.length || o.filters.channel.length || o.filters.tier.length;
	const input: PartnerWeeks[] = [...o.partners.values()]
		.filter((p) => !scoped || o.series.has(p.partner_id) || (o.filters.channel.includes(p.channel) && !o.filters.partner.length))
		.map((p) => {
			const s = o.series.get(p.partner_id);
			const v = o.validation.get(p.partner_id);
			return {
				...p,
				// Only the weeks since the partner joined count towards its baseline.
				weeks: o.weekStarts
					.filter((w) => addDays(w, 6) >= p.joined_at)
					.map((w) => {
						const r = s?.get(w);
						return { clicks: num(r?.clicks), conversions: num(r?.conversions), revenue: num(r?.revenue) };
					}),
				lifetimeConversions: o.lifetime.get(p.partner_id) ?? 0,
				recentValidated: v?.rv ?? 0,
				recentReversed: v?.rr ?? 0,
				baselineValidated: v?.bv ?? 0,
				baselineReversed: v?.br ?? 0
			};
		});
	return partnersToActOn(input, o.asOf);
}
