/** `?limit=&offset=` of a paged list (the alert log, the digest send log): limit 1..max (default 50), offset from 0. */
import type { Context } from 'hono';
import { ValidationError } from '../errors.ts';

export function pageParams(c: Context, max = 500): { limit: number; offset: number } {
	const limit = Number(c.req.query('limit') ?? '50');
	const offset = Number(c.req.query('offset') ?? '0');
	if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new ValidationError(`limit must be a whole number from 1 to ${max}, saw "${c.req.query('limit')}"`, { parameter: 'limit' });
	if (!Number.isInteger(offset) || offset < 0) throw new ValidationError(`offset must be a whole number from 0, saw "${c.req.query('offset')}"`, { parameter: 'offset' });
	return { limit, offset };
}
