/**
 * The partner leaderboard: every dictionary metric per partner for the filters, with the partner's name,
 * channel, tier and status, and weekly revenue for a sparkline. Partners without any row in the range
 * (no clicks, sales or costs) are left out. Called by GET /api/v1/partners.
 */
import type { Database, Row } from '../../db/database.ts';
import type { DateRange } from '../params/date-range.ts';
import { comparisonRange, type Filters } from '../params/filters.ts';
import { metricQuery, type BoundQuery } from '../shared/metric-query.ts';
import { sparklines, type SparklineWeeks } from './sparklines.ts';

export interface LeaderboardOptions {
	readonly filters: Filters;
	readonly grossMargin: number;
	readonly weekStart: number;
}

export interface PartnerLeaderboard {
	readonly rows: readonly (Row & { weekly_revenue: number[] })[];
	readonly sparkline: SparklineWeeks;
	readonly comparisonRange: DateRange | null;
	/** Every metric per partner over the comparison period (partner_id, then the metrics; empty for compare=none). */
	readonly comparison: readonly Row[];
	/** The whole scope's metrics, for the totals row: ratios are of the sums, not sums of ratios. */
	readonly total: { readonly current: Row | null; readonly comparison: Row | null };
}

/** One row per partner (partner_id, partner_name, channel, tier, status, then every metric), by revenue: the table CSV and Arrow stream. */
export function partnerLeaderboardQuery(options: LeaderboardOptions): BoundQuery {
	const q = metricQuery({ ...options, groupBy: ['partner'] });
	return {
		sql: `select m.partner as partner_id, p.partner_name, p.channel, p.tier, p.status, m.* exclude (partner)
			from (${q.sql}) as m
			left join main.stg_partners as p on p.partner_id = m.partner
			order by m.revenue desc nulls last, m.partner`,
		params: q.params
	};
}

export async function partnerLeaderboard(db: Database, options: LeaderboardOptions): Promise<PartnerLeaderboard> {
	const q = partnerLeaderboardQuery(options);
	const previous = comparisonRange(options.filters.range, options.filters.compare);
	const pq = previous ? metricQuery({ ...options, range: previous, groupBy: ['partner'] }) : null;
	const tq = metricQuery(options);
	const ptq = previous ? metricQuery({ ...options, range: previous }) : null;
	const [rows, weekly, comparison, [total], [totalPrevious]] = await Promise.all([
		db.query(q.sql, q.params),
		sparklines(db, { ...options, by: 'partner' }),
		pq ? db.query(pq.sql, pq.params) : Promise.resolve([]),
		db.query(tq.sql, tq.params),
		ptq ? db.query(ptq.sql, ptq.params) : Promise.resolve([])
	]);
	const none = weekly.window.weeks.map(() => 0);
	return {
		rows: rows.map((r) => ({ ...r, weekly_revenue: weekly.series.get(String(r.partner_id)) ?? none })),
		sparkline: weekly.window,
		comparisonRange: previous,
		comparison: comparison.map(({ partner, ...m }) => ({ partner_id: partner, ...m })),
		total: { current: total ?? null, comparison: totalPrevious ?? null }
	};
}
