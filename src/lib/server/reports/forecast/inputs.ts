/**
 * What the forecast and budget reports start from, read from the published models once per publish: every
 * complete reporting week per channel with the dictionary's revenue and cost parts, the pending share of
 * commission and fees, the channels' reversal rates from matured sales, and the weeks projected to their
 * final values (projectFinal). Called by revenue.ts and budget.ts (through the route's cache).
 */
import type { Database } from '../../db/database.ts';
import { projectFinal, type ProjectedWeek } from '../../../planning/project-final.ts';
import { reversalRates, type ReversalRates } from '../../../planning/reversal-rates.ts';
import { addDays, datesEvery, type DateRange } from '../params/date-range.ts';
import { dataThrough } from '../shared/data-through.ts';
import { firstCompleteWeekFrom, firstDataDay } from '../shared/first-complete-week.ts';
import { filterConditions, metricQuery } from '../shared/metric-query.ts';
import type { PartnerReportScope } from '../partner/report.ts';
import { lastCompleteWeekOf, NO_FILTERS } from '../weekly/overview.ts';

/** Sales converted at least this many days before the data ends count as matured (validation takes 30-60). */
export const MATURED_AFTER_DAYS = 90;
/** The matured window spans this many days (a year, so every season weighs in). */
export const MATURED_WINDOW_DAYS = 364;
/** A channel needs this many decided sales in the matured window for its own reversal rate. */
export const MIN_DECIDED_SALES = 30;

export interface ForecastInputs {
	readonly dataThrough: string;
	readonly weekStart: number;
	/** Monday (or the configured first day) of every complete week, oldest first. */
	readonly weekStarts: readonly string[];
	/** Every channel with rows in those weeks ('program' holds program-level costs). */
	readonly channels: readonly string[];
	/** One row per week and channel (zeros where a channel had nothing), projected to final values. */
	readonly weeks: readonly ProjectedWeek[];
	readonly matured: DateRange;
	readonly reversal: ReversalRates;
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);

/**
 * Reversal rates per channel from the matured window's rows (metricQuery grouped by channel), shared by the
 * forecast's maturity and the pages' pending-week marks so both project the same final values.
 */
export function channelReversalRates(decidedRows: readonly Record<string, unknown>[]): ReversalRates {
	return reversalRates(
		// Rows without any sale (program-level costs) have no reversal rate to give.
		decidedRows.filter((r) => num(r.gross_conversions) > 0).map((r) => ({
			channel: String(r.channel),
			validated_conversions: num(r.validated_conversions),
			reversed_conversions: num(r.reversed_conversions),
			approved_revenue: num(r.approved_revenue),
			reversed_revenue: num(r.reversed_revenue)
		})),
		{ minDecided: MIN_DECIDED_SALES }
	);
}

/**
 * Loads the inputs, or null when no week of data is complete. The first week counts only when the data
 * starts on its first day; the current (incomplete) week never counts.
 */
export async function loadForecastInputs(db: Database, options: { weekStart: number; scope?: PartnerReportScope }): Promise<ForecastInputs | null> {
	const through = await dataThrough(db);
	if (!through) return null;
	const firstDay = await firstDataDay(db);
	if (!firstDay) return null;
	const firstWeek = firstCompleteWeekFrom(firstDay, options.weekStart);
	const last = lastCompleteWeekOf(through, options.weekStart);
	if (firstWeek > last.from) return null;
	const range = { from: firstWeek, to: last.to };
	const matured = { from: addDays(through, -MATURED_AFTER_DAYS - MATURED_WINDOW_DAYS + 1), to: addDays(through, -MATURED_AFTER_DAYS) };

	// Lean: the forecast reads only sums (revenue, approved revenue, cost parts, decided and reversed sales).
	const base = { grossMargin: 1, weekStart: options.weekStart, lean: true } as const;
	// A user's scope (partners, channels) limits every number the forecast starts from.
	const limit = { partner: options.scope?.partner ?? [], channel: options.scope?.channel ?? [] };
	const weekly = metricQuery({ ...base, filters: { ...NO_FILTERS(range), ...limit }, groupBy: ['week', 'channel'] });
	const decided = metricQuery({ ...base, filters: { ...NO_FILTERS(matured), ...limit }, groupBy: ['channel'] });
	const pendingLimit = filterConditions({ ...NO_FILTERS(range), ...limit }, 'sales');
	const [weekRows, pendingRows, decidedRows] = await Promise.all([
		db.query(weekly.sql, weekly.params),
		// Commission and fees of the sales still pending, which the fact does not split out.
		db.query<{ week: string; channel: string; pending_commission: number; pending_network_fees: number }>(
			`select (s.converted_date - ((dayofweek(s.converted_date) - $week_start + 7) % 7)::integer)::varchar as week,
				p.channel,
				coalesce(sum(s.commission_base), 0) as pending_commission,
				coalesce(sum(s.network_fee_base), 0) as pending_network_fees
			 from main.stg_sales as s
			 join main.stg_partners as p using (partner_id)
			 where s.status = 'pending' and s.converted_date between $from::date and $to::date
			 ${pendingLimit.conditions.map((c) => `and ${c}`).join(' ')}
			 group by all`,
			{ week_start: options.weekStart, from: range.from, to: range.to, ...pendingLimit.params }
		),
		matured.to >= firstDay ? db.query(decided.sql, decided.params) : Promise.resolve([])
	]);

	const reversal = channelReversalRates(decidedRows);
	const applied = new Map(reversal.channels.map((c) => [c.channel, c.applied]));
	const pending = new Map(pendingRows.map((r) => [`${r.week}|${r.channel}`, r]));
	const byKey = new Map(weekRows.map((r) => [`${r.week}|${r.channel}`, r]));
	const channels = [...new Set(weekRows.map((r) => String(r.channel)))].sort();
	const weekStarts = datesEvery(firstWeek, last.from, 7);
	const rows = weekStarts.flatMap((week_start) =>
		channels.map((channel) => {
			const r = byKey.get(`${week_start}|${channel}`) ?? {};
			const p = pending.get(`${week_start}|${channel}`);
			return {
				week_start,
				channel,
				revenue: num(r.revenue),
				approved_revenue: num(r.approved_revenue),
				commission: num(r.commission),
				network_fees: num(r.network_fees),
				other_costs: num(r.other_costs),
				pending_commission: num(p?.pending_commission),
				pending_network_fees: num(p?.pending_network_fees)
			};
		})
	);
	return {
		dataThrough: through,
		weekStart: options.weekStart,
		weekStarts,
		channels,
		weeks: projectFinal(rows, (channel) => applied.get(channel) ?? reversal.program.applied),
		matured,
		reversal
	};
}
