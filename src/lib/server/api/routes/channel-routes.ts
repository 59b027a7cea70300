/**
 * The channels resource:
 *   GET /channels              every metric per channel for the filters and the comparison period, weekly
 *                              revenue for sparklines (JSON); the current rows as CSV (?format=csv) or Arrow
 *   GET /channels/mix?grain=   revenue share by channel per week or month (JSON, CSV or Arrow); without
 *                              from/to it covers the last 26 weeks of data
 *   GET /channels/:channel     one channel: the partner page's sections scoped to the channel (404 when unknown)
 */
import { Hono } from 'hono';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { CHANNEL_KEYS, channelDetail } from '../../reports/channel/detail.ts';
import { channelLeaderboard, channelLeaderboardQuery } from '../../reports/channel/leaderboard.ts';
import { MIX_GRAINS, channelMixQuery, type MixGrain } from '../../reports/channel/mix.ts';
import { addDays } from '../../reports/params/date-range.ts';
import { pendingWeeks } from '../../reports/forecast/pending-weeks.ts';
import { METRIC_QUERY_MODELS } from '../../reports/shared/metric-query.ts';
import { reportContext } from '../report-context.ts';
import { requestedFormat, respondTable } from '../respond.ts';
import type { ApiEnv } from '../create-api.ts';
import type { ChannelLeaderboardAnswer } from '../../../api/channel-leaderboard.ts';
import type { ChannelDetailAnswer } from '../../../api/detail.ts';

const TABLE_MODELS = [...METRIC_QUERY_MODELS, 'stg_partners'];
const DETAIL_MODELS = [...TABLE_MODELS, 'stg_sales', 'stg_costs_daily', 'dim_customers'];
const MIX_WEEKS = 26;

export const channelRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['format', 'margin'], models: TABLE_MODELS });
		const options = { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart };
		const { range } = ctx.filters;
		if (requestedFormat(c) !== 'json') return respondTable(c, ctx.warehouse.db, channelLeaderboardQuery(options), { ...ctx.meta, range }, `channels_${range.from}_${range.to}`);
		const [board, pending] = await Promise.all([channelLeaderboard(ctx.warehouse.db, options), pendingWeeks(ctx.warehouse.db, { filters: ctx.filters, weekStart: ctx.meta.weekStart, range })]);
		return c.json({ ...board, pendingWeeks: pending, meta: ctx.meta } satisfies ChannelLeaderboardAnswer);
	})
	.get('/mix', async (c) => {
		const ctx = await reportContext(c, {
			extraParams: ['grain', 'format'],
			models: ['fct_daily', 'stg_partners'],
			defaultRange: (through) => ({ from: addDays(through, -7 * MIX_WEEKS + 1), to: through })
		});
		const grain = c.req.query('grain') ?? 'week';
		if (!(MIX_GRAINS as readonly string[]).includes(grain)) throw new ValidationError(`grain must be one of ${MIX_GRAINS.join(', ')}, saw "${grain}"`, { parameter: 'grain' });
		const { range } = ctx.filters;
		const query = channelMixQuery({ filters: ctx.filters, grain: grain as MixGrain, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart });
		return respondTable(c, ctx.warehouse.db, query, { ...ctx.meta, grain, range }, `channel_mix_${grain}_${range.from}_${range.to}`);
	})
	.get('/:channel', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['margin'], models: DETAIL_MODELS });
		const channel = c.req.param('channel');
		// Outside the caller's channels it is a 404 like an unknown channel: the scope is not revealed.
		if (ctx.scope.channels.length && !ctx.scope.channels.includes(channel))
			throw new NotFoundError(`channel "${channel.slice(0, 100)}" is not one of ${CHANNEL_KEYS.filter((k) => ctx.scope.channels.includes(k)).join(', ')}`);
		const detail = await channelDetail(ctx.warehouse.db, c.req.param('channel'), { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart });
		return c.json({ ...detail, meta: ctx.meta } satisfies ChannelDetailAnswer);
	});
