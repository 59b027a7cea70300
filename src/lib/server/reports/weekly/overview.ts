/**
 * The home page's headline numbers: the last complete week (reporting weeks start on the configured weekday,
 * Monday by default; UTC days) against the week before and the same week a year earlier, and weekly
 * totals for the trailing weeks (weeks without data are shown as zeros). Reads the published models only.
 */
import type { Database } from '../../db/database.ts';
import { computeDerived, metricsOfKind } from '../../../metrics/metric-dictionary.ts';
import { addDays, type DateRange } from '../params/date-range.ts';
import { dataThrough } from '../shared/data-through.ts';
import { metricQuery } from '../shared/metric-query.ts';
import type { Filters } from '../params/filters.ts';

export type MetricValues = Record<string, number | null>;
/** One week of the trend: its first day and every metric. */
export type WeekRow = { readonly week_start: string; readonly [metric: string]: number | null | string };
export type PeriodMetrics = DateRange & { readonly metrics: MetricValues };

export interface WeeklyOverview {
	readonly dataThrough: string | null;
	readonly lastWeek: PeriodMetrics | null;
	readonly previousWeek: PeriodMetrics | null;
	readonly sameWeekLastYear: PeriodMetrics | null;
	readonly weekly: readonly WeekRow[];
}

/** The last complete reporting week ending on or before `date`. */
export function lastCompleteWeekOf(date: string, weekStart: number): DateRange {
	const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
	const weekEnd = (weekStart + 6) % 7;
	const end = addDays(date, -((dow - weekEnd + 7) % 7));
	return { from: addDays(end, -6), to: end };
}

export const NO_FILTERS = (range: DateRange): Filters => ({ range, compare: 'none', channel: [], partner: [], tier: [], country: [], device: [] });

/** `week` picks the reviewed week (default: the last complete one); the trend ends with it. */
export async function weeklyOverview(db: Database, options: { weeks: number; weekStart: number; grossMargin: number; filters?: Filters; week?: DateRange | null }): Promise<WeeklyOverview> {
	const through = await dataThrough(db);
	if (!through) return { dataThrough: null, lastWeek: null, previousWeek: null, sameWeekLastYear: null, weekly: [] };
	const last = options.week ?? lastCompleteWeekOf(through, options.weekStart);
	const firstWeek = addDays(last.from, -7 * (options.weeks - 1));
	const base = { grossMargin: options.grossMargin, weekStart: options.weekStart };
	const filters = options.filters ?? NO_FILTERS({ from: firstWeek, to: last.to });
	const q = metricQuery({ ...base, filters, range: { from: firstWeek, to: last.to }, groupBy: ['week'], lean: true });
	const period = async (range: DateRange, lean: boolean): Promise<PeriodMetrics> => {
		const pq = metricQuery({ ...base, filters, range, lean });
		const [row] = await db.query(pq.sql, pq.params);
		return { ...range, metrics: (row ?? {}) as MetricValues };
	};
	// Every metric for the reviewed week; the comparisons need only the additive ones (the tiles' basis).
	const [rows, lastWeek, sameWeekLastYear] = await Promise.all([
		db.query(q.sql, q.params),
		period(last, false),
		period({ from: addDays(last.from, -364), to: addDays(last.to, -364) }, true)
	]);
	const byWeek = new Map(rows.map((r) => [r.week as string, r]));
	const zero = computeDerived(Object.fromEntries(metricsOfKind('aggregate').map((m) => [m.key, 0])), { grossMargin: options.grossMargin });
	const weekly: WeekRow[] = Array.from({ length: options.weeks }, (_, i) => {
		const week_start = addDays(firstWeek, 7 * i);
		const { week: _w, ...metrics } = (byWeek.get(week_start) ?? { ...zero }) as Record<string, number | null>;
		return { week_start, ...metrics };
	});
	const previousRange = { from: addDays(last.from, -7), to: addDays(last.to, -7) };
	const { week_start: _p, ...previousMetrics } = weekly.at(-2) ?? { week_start: previousRange.from, ...zero };
	const previousWeek: PeriodMetrics = { ...previousRange, metrics: previousMetrics as MetricValues };
	return { dataThrough: through, lastWeek, previousWeek, sameWeekLastYear, weekly };
}
