/**
 * /api/v1/digest: subscriptions (list, add, remove), the send log, a preview of a digest as HTML and send-now.
 * Changing subscriptions, sending and reading the send log pass requireModelWriteAccess until sign-in exists
 * (roles: analyst to manage their own subscriptions, admin for the send log and others' subscriptions).
 */
import { Hono, type Context } from 'hono';
import { NotFoundError, NotReadyError, ValidationError } from '../../errors.ts';
import type { DigestService } from '../../digest/digest-service.ts';
import { parseSubscription, DIGEST_REPORTS, type DigestReport } from '../../digest/subscription.ts';
import { parseScope } from '../../digest/user-scope.ts';
import { requireModelWriteAccess } from '../require-model-write-access.ts';
import type { ApiEnv } from '../create-api.ts';

export function deliveryOf(c: Context<ApiEnv>): DigestService {
	const d = c.get('deps').delivery;
	if (!d) throw new NotReadyError('digest and alert delivery is not running in this process');
	return d;
}

function pageParams(c: Context<ApiEnv>, max = 500): { limit: number; offset: number } {
	const limit = Number(c.req.query('limit') ?? '50');
	const offset = Number(c.req.query('offset') ?? '0');
	if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new ValidationError(`limit must be a whole number from 1 to ${max}, saw "${c.req.query('limit')}"`, { parameter: 'limit' });
	if (!Number.isInteger(offset) || offset < 0) throw new ValidationError(`offset must be a whole number from 0, saw "${c.req.query('offset')}"`, { parameter: 'offset' });
	return { limit, offset };
}
export { pageParams };

async function jsonBody(c: Context<ApiEnv>): Promise<Record<string, unknown>> {
	try {
		const body = await c.req.json();
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	} catch {
		/* fall through */
	}
	throw new ValidationError('the request body must be a JSON object', { parameter: 'body' });
}
export { jsonBody };

export const digestRoutes = new Hono<ApiEnv>()
	.get('/subscriptions', (c) => {
		const state = deliveryOf(c).store.read();
		return c.json({ subscriptions: state.subscriptions.map((s) => ({ ...s, lastSent: state.lastSent[s.id] ?? null })) });
	})
	.post('/subscriptions', requireModelWriteAccess, async (c) => {
		const d = deliveryOf(c);
		const sub = parseSubscription(await jsonBody(c), new Date());
		await d.store.update((s) => ({ ...s, subscriptions: [...s.subscriptions, sub] }));
		return c.json(sub, 201);
	})
	.delete('/subscriptions/:id', requireModelWriteAccess, async (c) => {
		const d = deliveryOf(c);
		const id = c.req.param('id');
		let found = false;
		await d.store.update((s) => ({ ...s, subscriptions: s.subscriptions.filter((x) => (x.id === id ? ((found = true), false) : true)) }));
		if (!found) throw new NotFoundError(`no subscription with id "${id}"`);
		return c.body(null, 204);
	})
	.get('/sends', requireModelWriteAccess, (c) => {
		const { limit, offset } = pageParams(c);
		const sends = [...deliveryOf(c).store.read().sends].reverse();
		return c.json({ rows: sends.slice(offset, offset + limit), total: sends.length, limit, offset });
	})
	.get('/health', (c) => c.json(deliveryOf(c).health()))
	.get('/preview', requireModelWriteAccess, async (c) => {
		const d = deliveryOf(c);
		const user = c.req.query('user');
		if (!user) throw new ValidationError('user is required', { parameter: 'user' });
		const week = c.req.query('week');
		const subs = d.store.read().subscriptions.filter((s) => s.user === user);
		const report = (c.req.query('report') ?? subs[0]?.report ?? 'weekly-review') as DigestReport;
		if (!DIGEST_REPORTS.includes(report)) throw new ValidationError(`report must be one of ${DIGEST_REPORTS.join(', ')}`, { parameter: 'report' });
		const scopeArgs = c.req.queries('scope');
		const sub = subs.find((s) => s.report === report) ?? subs[0];
		const scope = scopeArgs?.length ? parseScope(scopeArgs) : (sub?.scope ?? { channels: [], partners: [], managers: [] });
		const composed = await d.compose({ user, report, scope, ...(week ? { week } : {}), attachPdf: sub?.attachPdf ?? report === 'roi' });
		// The preview shows the chart inline as a data URI (a browser, not a mail client, reads it).
		const html = composed.chartPng ? composed.rendered.html.replace(/cid:[^"]+/, `data:image/png;base64,${composed.chartPng.toString('base64')}`) : composed.rendered.html;
		return c.html(html, 200, { 'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'" });
	})
	.post('/send', requireModelWriteAccess, async (c) => {
		const d = deliveryOf(c);
		const body = await jsonBody(c);
		if (typeof body.user !== 'string' || !body.user) throw new ValidationError('user is required', { parameter: 'user' });
		const week = typeof body.week === 'string' ? body.week : undefined;
		const records = [];
		for (const sub of d.subscriptionsOf(body.user)) records.push(...(await d.sendDigest(sub, week ? { week } : {})));
		return c.json({ sends: records });
	});
