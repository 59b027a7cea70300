/**
 * The health check's contract between the API and the pages: the answer's types (checked in the Hono handler
 * with `satisfies`) and the function the page header reads it with. A 503 (nothing served) still carries the
 * answer, so it is read, not thrown.
 */
import type { Health } from '../server/reports/health.ts';
import type { DeliveryHealth } from '../server/digest/digest-service.ts';

export const HEALTH_PATH = '/api/v1/health';

/** What anyone may see: the status and the freshness. */
export interface PublicHealthAnswer {
	readonly status: Health['status'];
	readonly building: boolean;
	readonly publishedAt: string | null;
	readonly latestClickAt: string | null;
	readonly latestSaleAt: string | null;
}
/** What a signed-in user sees: everything, with the delivery status. */
export type SignedInHealthAnswer = Health & { readonly delivery: DeliveryHealth | null };
export type HealthAnswer = PublicHealthAnswer | SignedInHealthAnswer;

export async function fetchHealth(signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<HealthAnswer> {
	const response = await fetcher(HEALTH_PATH, { headers: { accept: 'application/json' }, signal });
	if (!response.ok && response.status !== 503) throw new Error(`health answered HTTP ${response.status}`);
	return (await response.json()) as HealthAnswer;
}
