/**
 * The partner leaderboard: every dictionary metric per partner for the filters, with the partner's name,
 * channel, tier and status, and weekly revenue for a sparkline. Partners without any row in the range
 * (no clicks, sales or costs) are left out. Called by GET /api/v1/partners.
 */
import type { Database, Row } from '../db/database.ts';
import type { Filters } from './filters.ts';
import { metricQuery, type BoundQuery } from './metric-query.ts';
import { sparklines, type SparklineWeeks } from './partner-sparklines.ts';

export interface LeaderboardOptions {
	readonly filters: Filters;
	readonly grossMargin: number;
	readonly weekStart: number;
}

export interface PartnerLeaderboard {
	readonly rows: readonly (Row & { weekly_revenue: number[] })[];
	readonly sparkline: SparklineWeeks;
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
	const [rows, weekly] = await Promise.all([db.query(q.sql, q.params), sparklines(db, { ...options, by: 'partner' })]);
	const none = weekly.window.weeks.map(() => 0);
	return {
		rows: rows.map((r) => ({ ...r, weekly_revenue: weekly.series.get(String(r.partner_id)) ?? none })),
		sparkline: weekly.window
	};
}
