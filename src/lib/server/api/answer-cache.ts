/**
 * Caches GET answers by (current publish, normalized request): the published data changes only with a publish,
 * so the same question gets the same answer until then. Identical requests in flight share one computation,
 * the cache holds at most `maxBytes` of bodies (least recently used go first), and the key includes the
 * caller's credentials (Authorization, Cookie) so a per-user scope never serves another user's answer.
 * Registered by create-api for the report routes; health and model operations are never cached.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import { META_SCHEMA } from '../models/catalog.ts';

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

/** The request in a canonical form: path, parameters sorted, the representation asked for, a hash of the credentials. */
export function normalizeRequestKey(url: string, headers: { get(name: string): string | null }): string {
	const u = new URL(url);
	const params = [...u.searchParams].sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
	const who = createHash('sha256')
		.update(headers.get('authorization') ?? '')
		.update('\u0000')
		.update(headers.get('cookie') ?? '')
		.digest('hex')
		.slice(0, 16);
	return `${u.pathname}?${new URLSearchParams(params).toString()}|${headers.get('accept') ?? ''}|${who}`;
}

export function answerCache(db: () => Database, options: AnswerCacheOptions = DEFAULT_ANSWER_CACHE): MiddlewareHandler {
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
		const key = `${latest.id}|${normalizeRequestKey(c.req.url, c.req.raw.headers)}`;
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
			const body = await c.res.clone().arrayBuffer();
			const entry: Entry = { status: c.res.status, headers: [...c.res.headers], body };
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
