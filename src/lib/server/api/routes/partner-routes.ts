/**
 * The partners resource:
 *   GET /partners        the leaderboard: every metric per partner for the filters + weekly revenue (JSON);
 *                        the same rows without the sparkline as CSV (?format=csv) or Arrow
 *   GET /partners/:id    one partner: profile, tiles, trend, funnel, click-to-conversion histogram, reversal
 *                        reasons, new vs returning, costs by type, the cohorts it acquired (404 when unknown)
 */
import { Hono } from 'hono';
import { NotFoundError } from '../../errors.ts';
import { partnerInScope } from '../../auth/narrow-filters.ts';
import { loadScopePartners } from '../../auth/scope-partners.ts';
import { isRestricted } from '../../auth/user-scope.ts';
import { partnerDetail } from '../../reports/partner/detail.ts';
import { partnerLeaderboard, partnerLeaderboardQuery } from '../../reports/partner/leaderboard.ts';
import { pendingWeeks } from '../../reports/forecast/pending-weeks.ts';
import { METRIC_QUERY_MODELS } from '../../reports/shared/metric-query.ts';
import { reportContext } from '../report-context.ts';
import { requestedFormat, respondTable } from '../respond.ts';
import type { ApiEnv } from '../create-api.ts';
import type { PartnerLeaderboardAnswer } from '../../../api/partner-leaderboard.ts';
import type { PartnerDetailAnswer } from '../../../api/detail.ts';

const LEADERBOARD_MODELS = [...METRIC_QUERY_MODELS, 'stg_partners'];
const DETAIL_MODELS = [...LEADERBOARD_MODELS, 'stg_sales', 'stg_costs_daily', 'dim_customers'];

export const partnerRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['format', 'margin'], models: LEADERBOARD_MODELS });
		const options = { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart };
		const { range } = ctx.filters;
		if (requestedFormat(c) !== 'json') return respondTable(c, ctx.warehouse.db, partnerLeaderboardQuery(options), { ...ctx.meta, range }, `partners_${range.from}_${range.to}`);
		const [board, pending] = await Promise.all([partnerLeaderboard(ctx.warehouse.db, options), pendingWeeks(ctx.warehouse.db, { filters: ctx.filters, weekStart: ctx.meta.weekStart, range })]);
		return c.json({ range, ...board, pendingWeeks: pending, meta: ctx.meta } satisfies PartnerLeaderboardAnswer);
	})
	.get('/:id', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['margin'], models: DETAIL_MODELS });
		const id = c.req.param('id');
		if (isRestricted(ctx.scope)) {
			// Outside the caller's scope it is the same 404 as an unknown id: its existence is not revealed.
			const directory = await loadScopePartners(ctx.warehouse.db);
			const partner = directory.find((p) => p.partner_id === id);
			if (!partner || !partnerInScope(ctx.scope, partner, directory)) throw new NotFoundError(`partner "${id.slice(0, 100)}" is not in the partners export`);
		}
		const detail = await partnerDetail(ctx.warehouse.db, id, { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart });
		return c.json({ ...detail, meta: ctx.meta } satisfies PartnerDetailAnswer);
	});
