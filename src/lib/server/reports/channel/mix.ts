/**
 * Channel mix over time: revenue, conversions and cost per channel and week (or month), with each channel's
 * share of the period's revenue. The 'program' channel (costs without a partner or channel) has no revenue
 * and is left out. Called by GET /api/v1/channels/mix (JSON, CSV or Arrow).
 */
import type { Filters } from '../params/filters.ts';
import { metricQuery, type BoundQuery } from '../shared/metric-query.ts';

export const MIX_GRAINS = ['week', 'month'] as const;
export type MixGrain = (typeof MIX_GRAINS)[number];

export function channelMixQuery(options: { filters: Filters; grain: MixGrain; grossMargin: number; weekStart: number }): BoundQuery {
	const q = metricQuery({ filters: options.filters, groupBy: [options.grain, 'channel'], grossMargin: options.grossMargin, weekStart: options.weekStart, lean: true });
	// options.grain is one of MIX_GRAINS (checked by the type and the route), never request text.
	const period = options.grain === 'week' ? 'm.week' : 'm.month';
	return {
		sql: `select ${period} as period, m.channel, m.revenue, m.conversions, m.clicks, m.cost,
				m.revenue / nullif(sum(m.revenue) over (partition by ${period}), 0) as revenue_share
			from (${q.sql}) as m
			where m.channel <> 'program'
			order by period, m.channel`,
		params: q.params
	};
}
