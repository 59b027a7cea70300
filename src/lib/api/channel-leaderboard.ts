/**
 * The channel leaderboard's and channel mix's contract between the API and the pages: the answers' types
 * (checked in the Hono handlers with `satisfies`), their URLs and the functions the Channels page fetches them with.
 */
import type { ChannelLeaderboard } from '../server/reports/channel/leaderboard.ts';
import type { PendingWeek } from '../ui/pending-week.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import type { DateRange } from '../server/reports/params/date-range.ts';
import { getJson } from '../ui/api-client.ts';

export const CHANNEL_LEADERBOARD_PATH = '/api/v1/channels';
export const CHANNEL_MIX_PATH = '/api/v1/channels/mix';

/** GET /api/v1/channels: every metric per channel, the comparison period's rows, the totals and sparklines. */
export type ChannelLeaderboardAnswer = ChannelLeaderboard & { readonly meta: ReportMeta; readonly pendingWeeks: readonly PendingWeek[] };

export function fetchChannelLeaderboard(params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<ChannelLeaderboardAnswer> {
	return getJson<ChannelLeaderboardAnswer>(CHANNEL_LEADERBOARD_PATH, params, fetcher, signal);
}

export type MixGrain = 'week' | 'month';

/** One channel in one period: its revenue and its share of the period's revenue. */
export type ChannelMixRow = {
	readonly period: string;
	readonly channel: string;
	readonly revenue: number;
	readonly conversions: number;
	readonly clicks: number;
	readonly cost: number;
	readonly revenue_share: number | null;
};

/** GET /api/v1/channels/mix: revenue share by channel per week or month over the range. */
export interface ChannelMixAnswer {
	readonly rows: readonly ChannelMixRow[];
	readonly meta: ReportMeta & { readonly grain: MixGrain; readonly range: DateRange };
}

/** The mix's query: the page's filters over the page's range (the mix honours the date range), by grain. */
export function channelMixParams(filters: URLSearchParams, range: DateRange, grain: MixGrain): URLSearchParams {
	const params = new URLSearchParams(filters);
	params.delete('compare');
	params.set('from', range.from);
	params.set('to', range.to);
	params.set('grain', grain);
	return params;
}

export function fetchChannelMix(filters: URLSearchParams, range: DateRange, grain: MixGrain, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<ChannelMixAnswer> {
	return getJson<ChannelMixAnswer>(CHANNEL_MIX_PATH, channelMixParams(filters, range, grain), fetcher, signal);
}
