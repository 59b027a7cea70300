/**
 * On a snapshot reader (a read-only warehouse) every request that would change something is refused with
 * one clear 403 before its route runs: model builds, plans, rollbacks, previews, workspace edits,
 * subscriptions, mutes and acknowledgements all belong to the build machine. Signing in and out are the only
 * exceptions (reader sessions are signed, nothing is written). Runs after `authorize`, so a caller without
 * credentials still gets 401 and a role that may not still gets 403 from the permission table.
 */
import { createMiddleware } from 'hono/factory';
import { ReadOnlyReaderError } from '../errors.ts';
import type { ApiEnv } from './create-api.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_ON_READER = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);

export const refuseWritesOnReader = createMiddleware<ApiEnv>(async (c, next) => {
	if (c.get('deps').warehouse.isReadOnly && !SAFE_METHODS.has(c.req.method) && !ALLOWED_ON_READER.has(c.req.path))
		throw new ReadOnlyReaderError(
			`this server is a read-only snapshot reader: ${c.req.method} ${c.req.path} changes something, so it is refused here; do it on the build machine (the readers follow its next publish)`
		);
	return next();
});
