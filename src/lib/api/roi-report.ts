/**
 * The ROI report's contract between the API and the pages: the answer's type (checked in the Hono handler
 * with `satisfies`) and the one function the ROI page fetches it with.
 */
import type { RoiReport } from '../server/reports/roi/report.ts';
import type { PendingWeek } from '../ui/pending-week.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import { getJson } from '../ui/api-client.ts';

export const ROI_REPORT_PATH = '/api/v1/reports/roi';

/** GET /api/v1/reports/roi: totals, channels, top partners, weekly trend and concentration for the range. */
export type RoiReportAnswer = RoiReport & { readonly meta: ReportMeta; readonly pendingWeeks: readonly PendingWeek[] };

/** `params`: the page's filters, plus `margin` and `top` when set. */
export function fetchRoiReport(params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<RoiReportAnswer> {
	return getJson<RoiReportAnswer>(ROI_REPORT_PATH, params, fetcher, signal);
}
