/**
 * The digest's contract between the API and the Settings page: the answer types of the subscriptions, the send
 * log and the delivery status (checked in the Hono handlers with `satisfies`), and their fetch functions.
 */
import type { Subscription } from '../server/digest/subscription.ts';
import type { SendRecord } from '../server/digest/digest-store.ts';
import type { DeliveryHealth } from '../server/digest/digest-service.ts';
import { getJson } from '../ui/api-client.ts';

export const DIGEST_PATHS = {
	subscriptions: '/api/v1/digest/subscriptions',
	sends: '/api/v1/digest/sends',
	health: '/api/v1/digest/health'
} as const;

export type SubscriptionWithLastSent = Subscription & { readonly lastSent: string | null };

/** GET /api/v1/digest/subscriptions: the caller's subscriptions (an admin's: everyone's). */
export interface SubscriptionsAnswer {
	readonly subscriptions: readonly SubscriptionWithLastSent[];
}
/** GET /api/v1/digest/sends: one page of the send log, newest first. */
export interface SendLogAnswer {
	readonly rows: readonly SendRecord[];
	readonly total: number;
	readonly limit: number;
	readonly offset: number;
}
/** GET /api/v1/digest/health: the delivery status. */
export type DeliveryHealthAnswer = DeliveryHealth;

export const fetchSubscriptions = (signal?: AbortSignal, fetcher: typeof fetch = fetch) => getJson<SubscriptionsAnswer>(DIGEST_PATHS.subscriptions, undefined, fetcher, signal);
export const fetchSendLog = (limit: number, signal?: AbortSignal, fetcher: typeof fetch = fetch) =>
	getJson<SendLogAnswer>(DIGEST_PATHS.sends, new URLSearchParams({ limit: String(limit) }), fetcher, signal);
export const fetchDeliveryHealth = (signal?: AbortSignal, fetcher: typeof fetch = fetch) => getJson<DeliveryHealthAnswer>(DIGEST_PATHS.health, undefined, fetcher, signal);
