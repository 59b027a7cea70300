/**
 * The channel table: every dictionary metric per channel for the filters and for the comparison period,
 * with weekly revenue for a sparkline. Costs without a partner sit on their cost row's channel, or on
 * 'program' when they have none (as in fct_daily). Called by GET /api/v1/channels.
 */
import type { Database, Row } from '../../db/database.ts';
import type { DateRange } from '../params/date-range.ts';
import { comparisonRange, type Filters } from '../params/filters.ts';
import { metricQuery, type BoundQuery } from '../shared/metric-query.ts';
import { sparklines, type SparklineWeeks } from '../partner/sparklines.ts';

export interface ChannelLeaderboardOptions {
	readonly filters: Filters;
	readonly grossMargin: number;
	readonly weekStart: number;
}

export interface ChannelLeaderboard {
	readonly range: DateRange;
	readonly comparisonRange: DateRange | null;
	readonly rows: readonly (Row & { weekly_revenue: number[] })[];
	/** The same metrics per channel over the comparison period (empty for compare=none). */
	readonly comparison: readonly Row[];
	readonly sparkline: SparklineWeeks;
	/** The whole scope's metrics, for the totals row: ratios are of the sums, not sums of ratios. */
	readonly total: { readonly current: Row | null; readonly comparison: Row | null };
}

/** One row per channel (channel, then every metric), by revenue; `range` overrides the filter range. */
export function channelLeaderboardQuery(options: ChannelLeaderboardOptions & { range?: DateRange }): BoundQuery {
	return metricQuery({ ...options, groupBy: ['channel'], orderBy: 'revenue' });
}

export async function channelLeaderboard(db: Database, options: ChannelLeaderboardOptions): Promise<ChannelLeaderboard> {
	const previous = comparisonRange(options.filters.range, options.filters.compare);
	const q = channelLeaderboardQuery(options);
	const pq = previous ? channelLeaderboardQuery({ ...options, range: previous }) : null;
	const tq = metricQuery(options);
	const ptq = previous ? metricQuery({ ...options, range: previous }) : null;
	const [rows, comparison, weekly, [total], [totalPrevious]] = await Promise.all([
		db.query(q.sql, q.params),
		pq ? db.query(pq.sql, pq.params) : Promise.resolve([]),
		sparklines(db, { ...options, by: 'channel' }),
		db.query(tq.sql, tq.params),
		ptq ? db.query(ptq.sql, ptq.params) : Promise.resolve([])
	]);
	const none = weekly.window.weeks.map(() => 0);
	return {
		range: options.filters.range,
		comparisonRange: previous,
		rows: rows.map((r) => ({ ...r, weekly_revenue: weekly.series.get(String(r.channel)) ?? none })),
		comparison,
		sparkline: weekly.window,
		total: { current: total ?? null, comparison: totalPrevious ?? null }
	};
}
