/**
 * The partner and channel pages' contract with the API: the answer types of GET /api/v1/partners/:id and
 * /api/v1/channels/:channel (checked in the Hono handlers with `satisfies`), their URLs and fetch functions.
 */
import type { PartnerDetail } from '../server/reports/partner/detail.ts';
import type { ChannelDetail } from '../server/reports/channel/detail.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import type { DetailSections } from '../server/reports/partner/sections.ts';
import type { Row } from '../server/db/database.ts';
import { getJson } from '../ui/api-client.ts';

/** The sections a partner's and a channel's page share (tiles, trend, funnel, lags, reversals, customers, costs, cohorts). */
export type DetailSectionsAnswer = DetailSections & { readonly meta: ReportMeta };
export type DetailRow = Row;

/** GET /api/v1/partners/:id: the partner's profile and every section of its page. */
export type PartnerDetailAnswer = PartnerDetail & { readonly meta: ReportMeta };
/** GET /api/v1/channels/:channel: the channel's partner counts and every section of its page. */
export type ChannelDetailAnswer = ChannelDetail & { readonly meta: ReportMeta };

export const partnerDetailPath = (id: string) => `/api/v1/partners/${encodeURIComponent(id)}`;
export const channelDetailPath = (channel: string) => `/api/v1/channels/${encodeURIComponent(channel)}`;

/** The page's filters; the page's own partner replaces a partner filter. */
export function fetchPartnerDetail(id: string, filters: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<PartnerDetailAnswer> {
	const params = new URLSearchParams(filters);
	params.delete('partner');
	return getJson<PartnerDetailAnswer>(partnerDetailPath(id), params, fetcher, signal);
}

/** The page's filters; the page's own channel replaces a channel filter. */
export function fetchChannelDetail(channel: string, filters: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<ChannelDetailAnswer> {
	const params = new URLSearchParams(filters);
	params.delete('channel');
	return getJson<ChannelDetailAnswer>(channelDetailPath(channel), params, fetcher, signal);
}
