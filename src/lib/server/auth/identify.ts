/**
 * Who is calling: a bearer token (scripts, the CLI), the session cookie (browsers), or the single local user
 * when sign-in is off. Shared by the API middleware and the page hook, so both decide the same way.
 */
import { AuthStore, type Session, type User } from './auth-store.ts';
import { UNRESTRICTED } from './user-scope.ts';

export const SESSION_COOKIE = 'ps_session';
/** Readable by the page's script, which echoes it in x-csrf-token; a cross-site page cannot read it. */
export const CSRF_COOKIE = 'ps_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** Where sign-in sessions live: the users file (AuthStore), or signed ids checked against it (signed-sessions.ts). */
export interface SessionKeeper {
	createSession(user: string, ttlMs: number): { id: string; session: Session };
	findSession(id: string): { session: Session; user: User } | null;
	deleteSession(id: string): void;
}

/** Everything the server needs to decide who a caller is. */
export interface AuthDeps {
	readonly store: AuthStore;
	/** Sessions somewhere else than the users file: a snapshot reader signs them (it writes nothing). Default: `store`. */
	readonly sessions?: SessionKeeper;
	/** PARTNERSCOPE_AUTH=off: every caller is the local admin (allowed only on 127.0.0.1; checked by config). */
	readonly off?: boolean;
	readonly allowedHosts?: readonly string[] | '*';
	readonly sessionTtlMs?: number;
}

export const LOCAL_USER: User = Object.freeze({ name: 'local', role: 'admin', scope: UNRESTRICTED, createdAt: '1970-01-01T00:00:00.000Z' });

export type Caller =
	| { readonly via: 'anonymous'; readonly user: null }
	| { readonly via: 'invalid-token'; readonly user: null }
	| { readonly via: 'token'; readonly user: User }
	| { readonly via: 'session'; readonly user: User; readonly sessionId: string; readonly csrf: string }
	| { readonly via: 'off'; readonly user: User };

export function identify(auth: AuthDeps, request: { authorization?: string | null; sessionId?: string | null }): Caller {
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '')?.[1];
	if (bearer) {
		const user = auth.store.userForToken(bearer);
		return user ? { via: 'token', user } : { via: 'invalid-token', user: null };
	}
	if (auth.off) return { via: 'off', user: LOCAL_USER };
	if (request.sessionId) {
		const found = sessionsOf(auth).findSession(request.sessionId);
		if (found) return { via: 'session', user: found.user, sessionId: request.sessionId, csrf: found.session.csrf };
	}
	return { via: 'anonymous', user: null };
}

/** The session keeper in use: the reader's signed sessions, else the users file. */
export function sessionsOf(auth: AuthDeps): SessionKeeper {
	return auth.sessions ?? auth.store;
}
