/**
 * Sign-in sessions that need no shared writable state, for snapshot readers: the session id is the session
 * itself (user, start, expiry, a nonce) signed with HMAC-SHA256 under PARTNERSCOPE_SESSION_SECRET, so a session
 * started at one reader is valid at every reader with the same secret, and no reader writes anything. The CSRF
 * token is derived from the id under the same key. The users file (read-only here) still decides on every
 * request: a removed user, a password reset or `partnerscope users sign-out` ends the session at every reader.
 * Sign-out at a reader only drops the cookies (docs/scale-out.md). Called by app-context for readers.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthStore, Session, User } from './auth-store.ts';
import type { SessionKeeper } from './identify.ts';

const PREFIX = 'v1.';
/** Longer ids are refused before any work (a cookie is at most a few hundred characters). */
const MAX_ID_LENGTH = 400;

interface Payload {
	/** user name */
	readonly u: string;
	/** created at (ISO) */
	readonly c: string;
	/** expires at (ISO) */
	readonly e: string;
	/** nonce: two sessions of one user in the same millisecond differ */
	readonly n: string;
}

export class SignedSessions implements SessionKeeper {
	readonly #store: AuthStore;
	readonly #key: Buffer;
	readonly #now: () => Date;

	constructor(store: AuthStore, secret: string, options: { now?: () => Date } = {}) {
		if (secret.length < 32) throw new Error('the session secret must be at least 32 characters');
		this.#store = store;
		this.#key = Buffer.from(secret, 'utf8');
		this.#now = options.now ?? (() => new Date());
	}

	#mac(purpose: 'session' | 'csrf', body: string): string {
		return createHmac('sha256', this.#key).update(`${purpose}\0${body}`).digest('base64url');
	}

	createSession(user: string, ttlMs: number): { id: string; session: Session } {
		if (!this.#store.findUser(user)) throw new Error(`no user "${user}"`);
		const now = this.#now();
		const payload: Payload = { u: user, c: now.toISOString(), e: new Date(now.getTime() + ttlMs).toISOString(), n: randomBytes(12).toString('base64url') };
		const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
		const id = `${PREFIX}${body}.${this.#mac('session', body)}`;
		return { id, session: { user, csrf: this.#mac('csrf', body), createdAt: payload.c, expiresAt: payload.e } };
	}

	/** The session and its user, or null when the signature is wrong, it expired, or the users file no longer admits it. */
	findSession(id: string): { session: Session; user: User } | null {
		if (id.length > MAX_ID_LENGTH || !id.startsWith(PREFIX)) return null;
		const [body, mac, extra] = id.slice(PREFIX.length).split('.');
		if (!body || !mac || extra !== undefined) return null;
		const expected = Buffer.from(this.#mac('session', body));
		const given = Buffer.from(mac);
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
		let payload: Payload;
		try {
			payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
		} catch {
			return null;
		}
		if (typeof payload.u !== 'string' || typeof payload.c !== 'string' || typeof payload.e !== 'string') return null;
		if (payload.e <= this.#now().toISOString()) return null;
		const user = this.#store.userForSessionStartedAt(payload.u, payload.c);
		if (!user) return null;
		return { session: { user: user.name, csrf: this.#mac('csrf', body), createdAt: payload.c, expiresAt: payload.e }, user };
	}

	/** Nothing is stored, so nothing to delete: signing out drops the cookies (see the module comment). */
	deleteSession(_id: string): void {}
}
