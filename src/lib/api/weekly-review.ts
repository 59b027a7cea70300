/**
 * The weekly review's contract between the API and the pages: the answer's type (the report plus the meta
 * block), checked in the Hono handler with `satisfies`, and the one function the pages fetch it with.
 */
import type { WeeklyReview } from '../server/reports/weekly/review.ts';
import type { PendingWeek } from '../ui/pending-week.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import { getJson } from '../ui/api-client.ts';

export const WEEKLY_REVIEW_PATH = '/api/v1/reports/weekly-review';

/** GET /api/v1/reports/weekly-review: the reviewed week, its comparisons, why revenue moved, whom to call. */
export type WeeklyReviewAnswer = WeeklyReview & { readonly meta: ReportMeta; readonly pendingWeeks: readonly PendingWeek[] };

export interface WeeklyReviewQuery {
	/** The page's filters (channel, partner, tier, country, device); from/to are ignored by this report. */
	readonly filters?: URLSearchParams;
	/** First day of the reviewed week (YYYY-MM-DD); the last complete week when absent. */
	readonly week?: string | null;
	/** Limit the movers, calls and alerts to one manager's partners. */
	readonly manager?: string | null;
}

export function weeklyReviewParams(query: WeeklyReviewQuery): URLSearchParams {
	const params = new URLSearchParams(query.filters);
	params.delete('from');
	params.delete('to');
	params.delete('compare');
	if (query.week) params.set('week', query.week);
	if (query.manager) params.set('manager', query.manager);
	return params;
}

export function fetchWeeklyReview(query: WeeklyReviewQuery, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<WeeklyReviewAnswer> {
	return getJson<WeeklyReviewAnswer>(WEEKLY_REVIEW_PATH, weeklyReviewParams(query), fetcher, signal);
}
