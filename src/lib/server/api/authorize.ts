/**
 * The one authorization middleware in front of every /api/v1 route, in this order: the Host must be one this
 * server answers for (DNS rebinding); the caller is identified (bearer token, session cookie, or the local
 * user when sign-in is off); a state-changing request must carry a JSON body, come from this origin when the
 * browser says where it comes from, and, when the session cookie is what authenticates it, echo the session's
 * CSRF token (the cookie alone never suffices); then the route's rule from route-permissions decides
 * (401 without credentials, 403 for a role that may not; a route missing from the table is refused).
 */
import { timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { ForbiddenError, MisdirectedRequestError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors.ts';
import { hostAllowed, LOCAL_HOSTS } from '../auth/allowed-hosts.ts';
import { CSRF_HEADER, identify, SESSION_COOKIE, type Caller } from '../auth/identify.ts';
import { ARROW_EXPORT_ROLE, permissionFor, type Need } from '../auth/route-permissions.ts';
import { roleAtLeast } from '../../auth/roles.ts';
import type { ApiEnv } from './create-api.ts';
import { ARROW_STREAM } from './respond.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The refusals that apply to every state-changing request, whoever sends it. The CSRF token is asked of
 * cookie-authenticated calls to routes that need a role; sign-in and sign-out are public (a browser may
 * hold an old session then) and are covered by the JSON and origin rules.
 */
function checkStateChange(request: Request, url: URL, caller: Caller, need: Need): void {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'application/json')
		throw new UnsupportedMediaTypeError(`a ${request.method} request must send a JSON body (content-type: application/json), saw "${type || 'none'}"`);
	// Host and port must match; the scheme is left out because behind adapter-node without ORIGIN the request
	// URL says https while the browser's Origin says http (the Host check has already vetted url.host).
	const origin = request.headers.get('origin');
	if (origin !== null && originHost(origin) !== url.host) throw new ForbiddenError(`cross-site request refused: Origin ${origin.slice(0, 200)} is not this site (${url.host})`);
	const site = request.headers.get('sec-fetch-site');
	if (site === 'cross-site' || site === 'same-site') throw new ForbiddenError(`cross-site request refused (Sec-Fetch-Site: ${site})`);
	if (caller.via === 'session' && need !== 'public') {
		const echoed = request.headers.get(CSRF_HEADER) ?? '';
		if (!same(echoed, caller.csrf)) throw new ForbiddenError(`a signed-in browser request that changes something must echo the session's CSRF token in ${CSRF_HEADER} (the ps_csrf cookie)`);
	}
}

function originHost(origin: string): string | null {
	try {
		return new URL(origin).host;
	} catch {
		return null; // "null" and garbage match nothing
	}
}

export const authorize = createMiddleware<ApiEnv>(async (c, next) => {
	const { auth } = c.get('deps');
	const url = new URL(c.req.url);
	if (!hostAllowed(url.hostname, auth.allowedHosts ?? LOCAL_HOSTS))
		throw new MisdirectedRequestError(`this server does not answer for host "${url.hostname.slice(0, 100)}"; add it to PARTNERSCOPE_ALLOWED_HOSTS`);
	const caller = identify(auth, { authorization: c.req.header('authorization'), sessionId: getCookie(c, SESSION_COOKIE) });
	c.set('caller', caller);
	const endpoint = matchedRoutes(c).find((r) => r.method !== 'ALL');
	if (!endpoint) return next(); // no such route: the 404 says nothing about anyone's rights
	const need = permissionFor(endpoint.method, endpoint.path);
	if (need === null) throw new ForbiddenError(`${endpoint.method} ${endpoint.path} is not in the authorization table (src/lib/server/auth/route-permissions.ts), so nobody may call it`);
	if (!SAFE_METHODS.has(c.req.method)) checkStateChange(c.req.raw, url, caller, need);
	if (need === 'public') return next();
	if (caller.via === 'invalid-token') throw new UnauthorizedError('the bearer token is not valid: unknown, revoked or expired');
	if (!caller.user) throw new UnauthorizedError('sign in first (POST /api/v1/auth/login) or send Authorization: Bearer <token>');
	if (!roleAtLeast(caller.user.role, need)) throw new ForbiddenError(`${endpoint.method} ${endpoint.path} needs the ${need} role; ${caller.user.name} is ${caller.user.role}`);
	const arrow = (c.req.header('accept') ?? '').includes(ARROW_STREAM) || url.searchParams.get('format') === 'arrow';
	if (arrow && !roleAtLeast(caller.user.role, ARROW_EXPORT_ROLE)) throw new ForbiddenError(`Arrow exports need the ${ARROW_EXPORT_ROLE} role; ${caller.user.name} is ${caller.user.role} (CSV is open to every role)`);
	return next();
});

/** The signed-in user of a request that passed `authorize` (null only on public routes). */
export function requestUser(c: { get(key: 'caller'): Caller | undefined }) {
	return c.get('caller')?.user ?? null;
}
