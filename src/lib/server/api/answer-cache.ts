/**
 * Caches GET answers by (current publish, normalized request): the published data changes only with a publish,
 * so the same question gets the same answer until then. Identical requests in flight share one computation,
 * the cache holds at most `maxBytes` of bodies (least recently used go first), and the key includes the
 * caller's role and scope (as authorize identified them) so one user's scoped answer is never served to
 * another, and a scope changed by an admin takes effect at once. Registered by create-api after authorize for
 * the report routes; health, model operations, digest and alerts are never cached.
 */
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import { META_SCHEMA } from '../models/catalog.ts';
import type { UserScope } from '../auth/user-scope.ts';
import type { ApiEnv } from './create-api.ts';

interface Entry {
	readonly status: number;
	readonly headers: [string, string][];
	readonly body: ArrayBuffer;
}

export interface AnswerCacheOptions {
	/** Upper bound of the cached bodies' total size. */
	readonly maxBytes: number;
	/** Route prefixes under /api/v1 whose GET answers are cached. */
	readonly prefixes: readonly string[];
}

export const DEFAULT_ANSWER_CACHE: AnswerCacheOptions = {
	maxBytes: 64 * 1024 * 1024,
	prefixes: ['/api/v1/reports/', '/api/v1/metrics', '/api/v1/partners', '/api/v1/channels', '/api/v1/cohorts/', '/api/v1/quality/', '/api/v1/forecast/']
};

/** Who an answer is for: the role and the scope (axes and values sorted), never the credentials that proved it. */
export function callerKey(caller: { readonly role: string; readonly scope: UserScope } | null): string {
	if (!caller) return 'anonymous';
	const sorted = (values: readonly string[]) => [...values].sort();
	const { channels, partners, managers } = caller.scope;
	return JSON.stringify([caller.role, sorted(channels), sorted(partners), sorted(managers)]);
}

/** The request in a canonical form: path, parameters sorted, the representation asked for, and who asks. */
export function normalizeRequestKey(url: string, accept: string | null, who: string): string {
	const u = new URL(url);
	const params = [...u.searchParams].sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
	return `${u.pathname}?${new URLSearchParams(params).toString()}|${accept ?? ''}|${who}`;
}

export function answerCache(db: () => Database, options: AnswerCacheOptions = DEFAULT_ANSWER_CACHE): MiddlewareHandler<ApiEnv> {
	const entries = new Map<string, Entry>();
	const inFlight = new Map<string, Promise<Entry | null>>();
	let bytes = 0;
	const remember = (key: string, entry: Entry) => {
		if (entry.body.byteLength > options.maxBytes / 4) return;
		entries.set(key, entry);
		bytes += entry.body.byteLength;
		for (const [k, e] of entries) {
			if (bytes <= options.maxBytes) break;
			entries.delete(k);
			bytes -= e.body.byteLength;
		}
	};
	const respond = (e: Entry) => new Response(e.body, { status: e.status, headers: e.headers });
	return async (c, next) => {
		const { pathname } = new URL(c.req.url);
		if (c.req.method !== 'GET' || !options.prefixes.some((p) => pathname.startsWith(p))) return next();
		const [latest] = await db().query<{ id: number | null }>(`select max(publish_id) as id from ${META_SCHEMA}.publishes`);
		if (latest?.id == null) return next();
		const key = `${latest.id}|${normalizeRequestKey(c.req.url, c.req.header('accept') ?? null, callerKey(c.get('caller')?.user ?? null))}`;
		const hit = entries.get(key);
		if (hit) {
			// Most recently used last, so eviction takes the oldest.
			entries.delete(key);
			entries.set(key, hit);
			c.res = respond(hit);
			c.header('x-answer-cache', 'hit');
			return;
		}
		const pending = inFlight.get(key);
		if (pending) {
			const shared = await pending;
			if (shared) {
				c.res = respond(shared);
				c.header('x-answer-cache', 'shared');
				return;
			}
			return next();
		}
		let settle!: (e: Entry | null) => void;
		inFlight.set(key, new Promise((resolve) => (settle = resolve)));
		try {
			await next();
			if (c.res.status !== 200) {
				settle(null);
				return;
			}
			// Read once and answered from the bytes: the same Entry serves this caller, the cache and the waiters.
			const body = await c.res.arrayBuffer();
			const entry: Entry = { status: c.res.status, headers: [...c.res.headers], body };
			c.res = respond(entry);
			remember(key, entry);
			settle(entry);
		} catch (error) {
			settle(null);
			throw error;
		} finally {
			inFlight.delete(key);
		}
	};
}
