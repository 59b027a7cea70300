/**
 * The partners resource:
 *   GET /partners        the leaderboard: every metric per partner for the filters + weekly revenue (JSON);
 *                        the same rows without the sparkline as CSV (?format=csv) or Arrow
 *   GET /partners/:id    one partner: profile, tiles, trend, funnel, click-to-conversion histogram, reversal
 *                        reasons, new vs returning, costs by type, the cohorts it acquired (404 when unknown)
 */
import { Hono } from 'hono';
import { partnerDetail } from '../../reports/partner-detail.ts';
import { partnerLeaderboard, partnerLeaderboardQuery } from '../../reports/partner-leaderboard.ts';
import { reportContext } from '../report-context.ts';
import { requestedFormat, respondTable } from '../respond.ts';
import type { ApiEnv } from '../create-api.ts';
import type { PartnerLeaderboardAnswer } from '../../../api/partner-leaderboard.ts';

const LEADERBOARD_MODELS = ['fct_daily', 'stg_sales', 'stg_partners'];
const DETAIL_MODELS = [...LEADERBOARD_MODELS, 'stg_costs_daily', 'dim_customers'];

export const partnerRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['format', 'margin'], models: LEADERBOARD_MODELS });
		const options = { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart };
		const { range } = ctx.filters;
		if (requestedFormat(c) !== 'json') return respondTable(c, ctx.warehouse.db, partnerLeaderboardQuery(options), { ...ctx.meta, range }, `partners_${range.from}_${range.to}`);
		const board = await partnerLeaderboard(ctx.warehouse.db, options);
		return c.json({ range, ...board, meta: ctx.meta } satisfies PartnerLeaderboardAnswer);
	})
	.get('/:id', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['margin'], models: DETAIL_MODELS });
		const detail = await partnerDetail(ctx.warehouse.db, c.req.param('id'), { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart });
		return c.json({ ...detail, meta: ctx.meta });
	});
