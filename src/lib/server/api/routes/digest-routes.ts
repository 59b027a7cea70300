/**
 * /api/v1/digest: subscriptions (list, add, remove), the send log, a preview of a digest as HTML and send-now.
 * Every signed-in user manages their own subscriptions, always with their own scope (from the users file, never
 * from the request); admins manage anyone's, read the send log and send on demand (route-permissions.ts).
 */
import { Hono, type Context } from 'hono';
import { NotFoundError, NotReadyError, ValidationError } from '../../errors.ts';
import type { DigestService } from '../../digest/digest-service.ts';
import { parseSubscription, DIGEST_REPORTS, type DigestReport } from '../../digest/subscription.ts';
import { parseScope } from '../../digest/user-scope.ts';
import { healthForUser } from '../../digest/health-for-user.ts';
import { ForbiddenError } from '../../errors.ts';
import { roleAtLeast } from '../../../auth/roles.ts';
import type { User } from '../../auth/auth-store.ts';
import type { ApiEnv } from '../create-api.ts';
import { jsonBody } from '../json-body.ts';
import { pageParams } from '../page-params.ts';
import type { DeliveryHealthAnswer, SendLogAnswer, SubscriptionsAnswer } from '../../../api/digest.ts';

export function deliveryOf(c: Context<ApiEnv>): DigestService {
	const d = c.get('deps').delivery;
	if (!d) throw new NotReadyError('digest and alert delivery is not running in this process');
	return d;
}

/**
 * The user a digest call is for and the scope that applies: callers act for themselves; an admin may name
 * another user, whose stored scope applies (with sign-in off, a named user unknown to the store keeps the
 * scope given in the request).
 */
function subject(c: Context<ApiEnv>, named: unknown): { user: string; scope: User['scope'] | null } {
	const caller = c.get('caller').user!;
	const name = typeof named === 'string' && named ? named : caller.name;
	if (name === caller.name) return { user: name, scope: caller.scope };
	if (!roleAtLeast(caller.role, 'admin')) throw new ForbiddenError(`${caller.name} may manage only their own digests`);
	const { auth } = c.get('deps');
	const user = auth.store.findUser(name);
	if (!user && !auth.off) throw new ValidationError(`no user "${name.slice(0, 100)}"; add one with \`partnerscope users add\``, { parameter: 'user' });
	return { user: name, scope: user?.scope ?? null };
}

const isAdmin = (c: Context<ApiEnv>) => roleAtLeast(c.get('caller').user!.role, 'admin');

export const digestRoutes = new Hono<ApiEnv>()
	.get('/subscriptions', (c) => {
		const state = deliveryOf(c).store.read();
		const mine = (s: { user: string }) => isAdmin(c) || s.user === c.get('caller').user!.name;
		return c.json({ subscriptions: state.subscriptions.filter(mine).map((s) => ({ ...s, lastSent: state.lastSent[s.id] ?? null })) } satisfies SubscriptionsAnswer);
	})
	.post('/subscriptions', async (c) => {
		const d = deliveryOf(c);
		const body = await jsonBody(c);
		const who = subject(c, body.user);
		const sub = parseSubscription({ ...body, user: who.user, ...(who.scope ? { scope: who.scope } : {}) }, new Date());
		if (sub.webhook) await d.checkWebhook(sub.webhook);
		await d.store.update((s) => ({ ...s, subscriptions: [...s.subscriptions, sub] }));
		return c.json(sub, 201);
	})
	.delete('/subscriptions/:id', async (c) => {
		const d = deliveryOf(c);
		const id = c.req.param('id');
		const mine = (x: { user: string }) => isAdmin(c) || x.user === c.get('caller').user!.name;
		let found = false;
		await d.store.update((s) => ({ ...s, subscriptions: s.subscriptions.filter((x) => (x.id === id && mine(x) ? ((found = true), false) : true)) }));
		if (!found) throw new NotFoundError(`no subscription with id "${id}"`);
		return c.body(null, 204);
	})
	.get('/sends', (c) => {
		const { limit, offset } = pageParams(c);
		const sends = [...deliveryOf(c).store.read().sends].reverse();
		return c.json({ rows: sends.slice(offset, offset + limit), total: sends.length, limit, offset } satisfies SendLogAnswer);
	})
	.get('/health', (c) => {
		const d = deliveryOf(c);
		if (isAdmin(c)) return c.json(d.health() satisfies DeliveryHealthAnswer);
		const me = c.get('caller').user!.name;
		return c.json(healthForUser(d.health(), me, d.store.read().subscriptions.filter((s) => s.user === me).length) satisfies DeliveryHealthAnswer);
	})
	.get('/preview', async (c) => {
		const d = deliveryOf(c);
		const who = subject(c, c.req.query('user'));
		const user = who.user;
		const week = c.req.query('week');
		const subs = d.store.read().subscriptions.filter((s) => s.user === user);
		const report = (c.req.query('report') ?? subs[0]?.report ?? 'weekly-review') as DigestReport;
		if (!DIGEST_REPORTS.includes(report)) throw new ValidationError(`report must be one of ${DIGEST_REPORTS.join(', ')}`, { parameter: 'report' });
		const scopeArgs = c.req.queries('scope');
		const sub = subs.find((s) => s.report === report) ?? subs[0];
		// The user's own scope always applies; only with sign-in off may a preview try another scope.
		const scope = who.scope ?? (scopeArgs?.length ? parseScope(scopeArgs) : (sub?.scope ?? { channels: [], partners: [], managers: [] }));
		const composed = await d.compose({ user, report, scope, ...(week ? { week } : {}), attachPdf: sub?.attachPdf ?? report === 'roi' });
		// The preview shows the chart inline as a data URI (a browser, not a mail client, reads it).
		const html = composed.chartPng ? composed.rendered.html.replace(/cid:[^"]+/, `data:image/png;base64,${composed.chartPng.toString('base64')}`) : composed.rendered.html;
		return c.html(html, 200, { 'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'" });
	})
	.post('/send', async (c) => {
		const d = deliveryOf(c);
		const body = await jsonBody(c);
		if (typeof body.user !== 'string' || !body.user) throw new ValidationError('user is required', { parameter: 'user' });
		const week = typeof body.week === 'string' ? body.week : undefined;
		const records = [];
		for (const sub of d.subscriptionsOf(body.user)) records.push(...(await d.sendDigest(sub, week ? { week } : {})));
		return c.json({ sends: records });
	});
