/**
 * /api/v1/models: the model catalog, its history and the operations on it: the analyst workspace (the
 * authorization table gives the whole area to analysts; plan, build and rollback repeat it with
 * requireModelWriteAccess). The author of a change is the signed-in user. Each handler parses its input and
 * calls one Warehouse operation, the same one the CLI calls.
 */
import { Hono, type Context } from 'hono';
import { ValidationError } from '../../errors.ts';
import { PREVIEW_MAX_ROWS } from '../../models/preview-select.ts';
import type { ApiEnv } from '../create-api.ts';
import { jsonBody } from '../json-body.ts';
import { onlyParams } from '../only-params.ts';
import { requireModelWriteAccess } from '../require-model-write-access.ts';

const DEFAULT_PREVIEW_ROWS = 100;

/** A positive whole number from the query string or a body, or undefined when absent. */
function publishId(raw: unknown, parameter: string): number | undefined {
	if (raw === undefined) return undefined;
	const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^#?\d+$/.test(raw) ? Number(raw.replace('#', '')) : NaN;
	if (!Number.isSafeInteger(n) || n < 1) throw new ValidationError(`${parameter} must be a publish id (a whole number from 1), saw ${JSON.stringify(raw)}`, { parameter });
	return n;
}

function optionalText(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.length > 1000) throw new ValidationError(`${key} must be a string of at most 1000 characters`, { parameter: key });
	return value;
}

/** Who is recorded as the author: the signed-in user; a body `author` is only taken when sign-in is off. */
function author(c: Context<ApiEnv>, body: Record<string, unknown>): string {
	const caller = c.get('caller');
	const given = optionalText(body, 'author');
	return caller.via === 'off' ? (given ?? caller.user.name) : (caller.user?.name ?? 'api');
}

async function changeRecord(c: Context<ApiEnv>) {
	const body = await jsonBody(c, { fields: ['author', 'message'], emptyIsObject: true });
	return { author: author(c, body), message: optionalText(body, 'message') ?? 'published through the API' };
}

export const modelRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		onlyParams(c, []);
		return c.json(await c.get('deps').warehouse.listModels());
	})
	.get('/log', async (c) => {
		onlyParams(c, ['limit']);
		const raw = c.req.query('limit') ?? '20';
		const limit = Number(raw);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError(`limit must be a whole number from 1 to 1000, saw "${raw}"`, { parameter: 'limit' });
		return c.json({ publishes: await c.get('deps').warehouse.log({ limit }) });
	})
	.post('/plan', requireModelWriteAccess, async (c) => c.json(await c.get('deps').warehouse.plan(await changeRecord(c))))
	.post('/build', requireModelWriteAccess, async (c) => c.json(await c.get('deps').warehouse.build(await changeRecord(c))))
	.post('/rollback', requireModelWriteAccess, async (c) => {
		const body = await jsonBody(c, { fields: ['publishId', 'author', 'message'], emptyIsObject: true });
		const id = publishId(body.publishId, 'publishId');
		if (id === undefined) throw new ValidationError('publishId is required: the publish to restore', { parameter: 'publishId' });
		const message = optionalText(body, 'message');
		return c.json(await c.get('deps').warehouse.rollback(id, { author: author(c, body), ...(message ? { message } : {}) }));
	})
	.post('/preview', requireModelWriteAccess, async (c) => {
		const body = await jsonBody(c, { fields: ['sql', 'limit'], emptyIsObject: true });
		if (typeof body.sql !== 'string' || body.sql.trim() === '') throw new ValidationError('sql is required: one SELECT over the published models', { parameter: 'sql' });
		if (body.sql.length > 100_000) throw new ValidationError('sql may be at most 100,000 characters', { parameter: 'sql' });
		const limit = body.limit ?? DEFAULT_PREVIEW_ROWS;
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > PREVIEW_MAX_ROWS)
			throw new ValidationError(`limit must be a whole number from 1 to ${PREVIEW_MAX_ROWS}, saw ${JSON.stringify(body.limit)}`, { parameter: 'limit' });
		return c.json(await c.get('deps').warehouse.preview(body.sql, limit, previewCaller(c)));
	})
	.get('/:name', async (c) => {
		onlyParams(c, []);
		return c.json(await c.get('deps').warehouse.describeModel(c.req.param('name')));
	})
	.get('/:name/diff', async (c) => {
		onlyParams(c, ['from', 'to']);
		return c.json(await c.get('deps').warehouse.diff(c.req.param('name'), publishId(c.req.query('from'), 'from'), publishId(c.req.query('to'), 'to')));
	});

/** Who a preview counts against for the per-caller cap: the bearer credential if any, else the network address. */
/** The per-caller key of the preview cap: the signed-in user (every token and session of one user share it). */
function previewCaller(c: Context<ApiEnv>): string {
	const user = c.get('caller')?.user;
	return user ? `user:${user.name}` : `addr:${c.env?.clientAddress ?? 'local'}`;
}
