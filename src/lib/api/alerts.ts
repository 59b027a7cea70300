/**
 * The alert log's contract between the API and the pages: the answer's type (checked in the Hono handler with
 * `satisfies`), the query it takes and the function the Alerts page fetches it with.
 */
import type { AlertRecord } from '../server/alerts/alert-record.ts';
import { getJson } from '../ui/api-client.ts';

export const ALERTS_PATH = '/api/v1/alerts';
export type { AlertRecord };

/** GET /api/v1/alerts: one page of the alert log, newest first, and how many match. */
export interface AlertLogAnswer {
	readonly rows: readonly AlertRecord[];
	readonly total: number;
	readonly limit: number;
	readonly offset: number;
}

export interface AlertLogQuery {
	readonly kind?: string;
	readonly status?: string;
	readonly limit: number;
	readonly offset: number;
}

export function alertLogParams(q: AlertLogQuery): URLSearchParams {
	const params = new URLSearchParams({ limit: String(q.limit), offset: String(q.offset) });
	if (q.kind) params.set('kind', q.kind);
	if (q.status) params.set('status', q.status);
	return params;
}

export function fetchAlertLog(q: AlertLogQuery, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<AlertLogAnswer> {
	return getJson<AlertLogAnswer>(ALERTS_PATH, alertLogParams(q), fetcher, signal);
}
