/**
 * The metrics summary's contract between the API and the pages: the answer's type (checked in the Hono handler
 * with `satisfies`) and the function the My partners page fetches it with.
 */
import type { Row } from '../server/db/database.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import type { DateRange } from '../server/reports/params/date-range.ts';
import { getJson } from '../ui/api-client.ts';

export const METRICS_SUMMARY_PATH = '/api/v1/metrics/summary';

/** GET /api/v1/metrics/summary: every metric over the range (and the comparison period) for the filters. */
export interface MetricsSummaryAnswer {
	readonly range: DateRange;
	readonly comparisonRange: DateRange | null;
	readonly compare: string;
	readonly current: Row | null;
	readonly comparison: Row | null;
	readonly meta: ReportMeta;
}

export function fetchMetricsSummary(params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<MetricsSummaryAnswer> {
	return getJson<MetricsSummaryAnswer>(METRICS_SUMMARY_PATH, params, fetcher, signal);
}
