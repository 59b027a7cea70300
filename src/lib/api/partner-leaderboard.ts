/**
 * The partner leaderboard's contract between the API and the pages: the answer's type (checked in the Hono
 * handler with `satisfies`) and the one function the Partners page fetches it with.
 */
import type { PartnerLeaderboard } from '../server/reports/partner/leaderboard.ts';
import type { PendingWeek } from '../ui/pending-week.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import type { DateRange } from '../server/reports/params/date-range.ts';
import { getJson } from '../ui/api-client.ts';

export const PARTNER_LEADERBOARD_PATH = '/api/v1/partners';

/** GET /api/v1/partners: every metric per partner for the range, the comparison period's rows and the totals. */
export type PartnerLeaderboardAnswer = PartnerLeaderboard & { readonly range: DateRange; readonly meta: ReportMeta; readonly pendingWeeks: readonly PendingWeek[] };

export function fetchPartnerLeaderboard(params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<PartnerLeaderboardAnswer> {
	return getJson<PartnerLeaderboardAnswer>(PARTNER_LEADERBOARD_PATH, params, fetcher, signal);
}
