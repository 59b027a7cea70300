/**
 * Route-level guard kept for the routes that change models (plan, build, rollback, and what the workspace
 * adds): the analyst role. The authorization middleware (authorize.ts) already decides every route from
 * auth/route-permissions.ts; this repeats the rule where the route is declared, so a route moved out of
 * /api/v1/models still cannot be called by a weaker role. No address or Host is trusted any more.
 */
import { createMiddleware } from 'hono/factory';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { roleAtLeast } from '../../auth/roles.ts';
import type { ApiEnv } from './create-api.ts';

export const requireModelWriteAccess = createMiddleware<ApiEnv>(async (c, next) => {
	const user = c.get('caller')?.user;
	if (!user) throw new UnauthorizedError('changing models needs a signed-in analyst (or an analyst token)');
	if (!roleAtLeast(user.role, 'analyst')) throw new ForbiddenError(`changing models needs the analyst role; ${user.name} is ${user.role}`);
	return next();
});
