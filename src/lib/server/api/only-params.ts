/**
 * Refuses query parameters an endpoint does not take, naming the first unknown one (a typo answers 400, not a
 * silently ignored filter). Used by the route files whose endpoints take no report filters; parseFilters does
 * the same for report endpoints.
 */
import type { Context } from 'hono';
import { ValidationError } from '../errors.ts';

export function onlyParams(c: Context, allowed: readonly string[]): void {
	for (const name of Object.keys(c.req.queries())) {
		if (!allowed.includes(name))
			throw new ValidationError(`unknown parameter "${name}"; ${allowed.length ? `this endpoint takes ${allowed.join(', ')}` : 'this endpoint takes none'}`, { parameter: name });
	}
}
