/**
 * /api/v1/auth: sign in (a session cookie, HttpOnly, SameSite=Lax, Secure over https, expiring; a new id at
 * every sign-in so a planted id is worthless), sign out, who am I, and the user list for admins.
 * Wrong user and wrong password get the same answer; failures are rate-limited per user name and address.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { TooManyRequestsError, UnauthorizedError, ValidationError } from '../../errors.ts';
import { CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, sessionsOf } from '../../auth/identify.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import type { ApiEnv } from '../create-api.ts';

const limiters = new WeakMap<object, LoginLimiter>();

async function credentials(c: Context<ApiEnv>): Promise<{ username: string; password: string }> {
	let body: unknown;
	try {
		body = JSON.parse(await c.req.text());
	} catch {
		throw new ValidationError('the request body must be JSON: { "username": "...", "password": "..." }');
	}
	const { username, password } = (body ?? {}) as Record<string, unknown>;
	if (typeof username !== 'string' || username.length === 0 || username.length > 200) throw new ValidationError('username is required (a string)', { parameter: 'username' });
	if (typeof password !== 'string' || password.length === 0 || password.length > 1000) throw new ValidationError('password is required (a string)', { parameter: 'password' });
	return { username, password };
}

function cookieOptions(c: Context<ApiEnv>, maxAgeSeconds: number) {
	const secure = c.env?.https ?? new URL(c.req.url).protocol === 'https:';
	return { path: '/', sameSite: 'Lax', secure, maxAge: maxAgeSeconds } as const;
}

export const authRoutes = new Hono<ApiEnv>()
	.post('/login', async (c) => {
		const { auth } = c.get('deps');
		let limiter = limiters.get(auth);
		if (!limiter) limiters.set(auth, (limiter = new LoginLimiter()));
		const { username, password } = await credentials(c);
		const address = c.env?.clientAddress ?? 'unknown';
		const wait = limiter.retryAfter(username, address);
		if (wait > 0) throw new TooManyRequestsError(`too many failed sign-ins for this user name or from this address; try again in ${wait} s`, wait);
		const user = await auth.store.checkCredentials(username, password);
		if (!user) {
			limiter.fail(username, address);
			throw new UnauthorizedError('wrong user name or password');
		}
		limiter.succeed(username);
		const previous = c.get('caller');
		if (previous?.via === 'session') sessionsOf(auth).deleteSession(previous.sessionId);
		const ttl = auth.sessionTtlMs ?? SESSION_TTL_MS;
		const { id, session } = sessionsOf(auth).createSession(user.name, ttl);
		const options = cookieOptions(c, Math.floor(ttl / 1000));
		setCookie(c, SESSION_COOKIE, id, { ...options, httpOnly: true });
		setCookie(c, CSRF_COOKIE, session.csrf, options);
		return c.json({ name: user.name, role: user.role, scope: user.scope, expiresAt: session.expiresAt });
	})
	.post('/logout', async (c) => {
		const caller = c.get('caller');
		if (caller?.via === 'session') sessionsOf(c.get('deps').auth).deleteSession(caller.sessionId);
		deleteCookie(c, SESSION_COOKIE, cookieOptions(c, 0));
		deleteCookie(c, CSRF_COOKIE, cookieOptions(c, 0));
		return c.body(null, 204);
	})
	.get('/me', (c) => {
		const caller = c.get('caller')!;
		const user = caller.user!;
		return c.json({ name: user.name, role: user.role, scope: user.scope, via: caller.via });
	})
	.get('/users', (c) => c.json({ users: c.get('deps').auth.store.listUsers() }));
