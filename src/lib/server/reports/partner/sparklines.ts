/**
 * Weekly revenue per partner or per channel, for the sparklines of the partner and channel leaderboards.
 * The sparkline covers the filter range, extended back to at least `minWeeks` reporting weeks so a short
 * range still shows a trend; its first and last weeks may be partial (they are clipped to the range).
 */
import type { Database } from '../../db/database.ts';
import { addDays, datesEvery, type DateRange } from '../params/date-range.ts';
import type { Filters } from '../params/filters.ts';
import { filterConditions, type BoundQuery } from '../shared/metric-query.ts';
import { metric, type AggregateMetric } from '../../../metrics/metric-dictionary.ts';

export interface SparklineWeeks {
	readonly from: string;
	readonly to: string;
	/** The start day of each reporting week shown, oldest first. */
	readonly weeks: readonly string[];
}

/**
 * The first day of the reporting week containing `date` (weekStart: 0 = Sunday ... 6 = Saturday).
 * @example weekStartOf('2026-06-03', 1) === '2026-06-01'
 */
export function weekStartOf(date: string, weekStart: number): string {
	const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
	return addDays(date, -((dow - weekStart + 7) % 7));
}

/** The weeks a sparkline shows for a range (pure). */
export function sparklineWeeks(range: DateRange, weekStart: number, minWeeks = 12): SparklineWeeks {
	const lastWeek = weekStartOf(range.to, weekStart);
	const earliest = addDays(lastWeek, -7 * (minWeeks - 1));
	const from = range.from < earliest ? range.from : earliest;
	const weeks = datesEvery(weekStartOf(from, weekStart), range.to, 7);
	return { from, to: range.to, weeks };
}

/**
 * The sparkline query: revenue (the dictionary's formula) per partner or channel and reporting week over
 * fct_daily, with the same filters as metricQuery. Only one aggregate, so it stays cheap over many weeks.
 */
export function sparklineQuery(options: { filters: Filters; by: 'partner' | 'channel'; weekStart: number; window: SparklineWeeks }): BoundQuery {
	const f = filterConditions(options.filters, 'fact');
	const key = options.by === 'partner' ? 'f.partner_id' : 'f.channel';
	const conditions = [...f.conditions, ...(options.by === 'partner' ? ['f.partner_id is not null'] : [])];
	return {
		sql: `select ${key} as key, (f.date - ((dayofweek(f.date) - $week_start + 7) % 7)::integer) as week, ${(metric('revenue') as AggregateMetric).sql} as revenue
			from main.fct_daily as f
			where f.date between $from::date and $to::date ${conditions.map((c) => `and ${c}`).join(' ')}
			group by 1, 2`,
		params: { from: options.window.from, to: options.window.to, week_start: options.weekStart, ...f.params }
	};
}

/** Weekly revenue per group key, aligned to the window's weeks (weeks without rows are 0). */
export async function sparklines(
	db: Database,
	options: { filters: Filters; by: 'partner' | 'channel'; weekStart: number; minWeeks?: number }
): Promise<{ window: SparklineWeeks; series: Map<string, number[]> }> {
	const window = sparklineWeeks(options.filters.range, options.weekStart, options.minWeeks);
	const q = sparklineQuery({ ...options, window });
	const rows = await db.query(q.sql, q.params);
	const index = new Map(window.weeks.map((w, i) => [w, i]));
	const series = new Map<string, number[]>();
	for (const r of rows) {
		const key = String(r.key);
		let values = series.get(key);
		if (!values) series.set(key, (values = window.weeks.map(() => 0)));
		const i = index.get(String(r.week));
		if (i !== undefined) values[i] = typeof r.revenue === 'number' ? r.revenue : 0;
	}
	return { window, series };
}
