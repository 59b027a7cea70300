/**
 * The one gate in front of the routes that change models (plan, build, rollback). Until sign-in exists it
 * admits callers on this machine (a loopback address, as the CLI is when it hands a build to the server) and
 * callers presenting PARTNERSCOPE_ADMIN_TOKEN as a bearer token; sign-in will replace its body, not its place.
 */
import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { ForbiddenError } from '../errors.ts';
import type { ApiEnv } from './create-api.ts';

export function isLoopback(address: string | undefined): boolean {
	if (!address) return false;
	const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
	return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function sameToken(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export const requireModelWriteAccess = createMiddleware<ApiEnv>(async (c, next) => {
	const token = c.get('deps').adminToken;
	const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
	if (token && bearer && sameToken(bearer, token)) return next();
	if (isLoopback(c.env?.clientAddress)) return next();
	throw new ForbiddenError(
		token
			? 'changing models needs a request from this machine or the admin token (Authorization: Bearer <PARTNERSCOPE_ADMIN_TOKEN>)'
			: 'changing models is only allowed from this machine until sign-in exists (or set PARTNERSCOPE_ADMIN_TOKEN and send it as a bearer token)'
	);
});
