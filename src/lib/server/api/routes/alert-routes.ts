/**
 * /api/v1/alerts: the alert log (filterable, paged, newest first), acknowledge, and mutes per target and
 * signal for a period. Any signed-in user (managers are viewers); each sees and acts only on the alerts their
 * scope covers (alertCovered, the rule that decides who receives an alert), and a scoped manager mutes only
 * partners of their own book.
 */
import { Hono } from 'hono';
import { ValidationError } from '../../errors.ts';
import { ALERT_KINDS, type AlertDimension } from '../../alerts/alert-record.ts';
import { NotFoundError, ForbiddenError } from '../../errors.ts';
import { alertCovered } from '../../alerts/plan-alert-delivery.ts';
import { partnerDirectory } from '../../alerts/evaluate-alerts.ts';
import type { AlertRecord } from '../../alerts/alert-record.ts';
import { isRestricted } from '../../auth/user-scope.ts';
import type { Context } from 'hono';
import type { ApiEnv } from '../create-api.ts';
import { jsonBody } from '../json-body.ts';
import { onlyParams } from '../only-params.ts';
import { pageParams } from '../page-params.ts';
import { deliveryOf } from './digest-routes.ts';
import type { AlertLogAnswer } from '../../../api/alerts.ts';

const PARAMS = ['kind', 'signal', 'dimension', 'partner', 'channel', 'country', 'status', 'from', 'to', 'limit', 'offset'] as const;
const STATUSES = ['open', 'acknowledged', 'muted'] as const;
const DIMENSIONS: readonly AlertDimension[] = ['partner', 'channel', 'country'];

/** Who is asking, and which alerts their scope covers. */
async function audience(c: Context<ApiEnv>) {
	const user = c.get('caller').user!;
	if (!isRestricted(user.scope)) return { user, covers: (_a: AlertRecord) => true, coversPartner: (_id: string) => true };
	const partners = await partnerDirectory(c.get('deps').warehouse);
	return {
		user,
		covers: (a: AlertRecord) => alertCovered(a, user.scope, partners),
		coversPartner: (id: string) => partners.has(id) && alertCovered({ dimension: 'partner', partner_id: id, channel: partners.get(id)!.channel } as AlertRecord, user.scope, partners)
	};
}

export const alertRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		onlyParams(c, PARAMS);
		const q = (n: string) => c.req.query(n) || null;
		const kind = q('kind');
		if (kind && !(ALERT_KINDS as readonly string[]).includes(kind)) throw new ValidationError(`kind must be one of ${ALERT_KINDS.join(', ')}`, { parameter: 'kind' });
		const status = q('status');
		if (status && !(STATUSES as readonly string[]).includes(status)) throw new ValidationError(`status must be one of ${STATUSES.join(', ')}`, { parameter: 'status' });
		const dimension = q('dimension');
		if (dimension && !(DIMENSIONS as readonly string[]).includes(dimension)) throw new ValidationError(`dimension must be one of ${DIMENSIONS.join(', ')}`, { parameter: 'dimension' });
		for (const n of ['from', 'to']) if (q(n) && !/^\d{4}-\d{2}-\d{2}$/.test(q(n)!)) throw new ValidationError(`${n} must be a date YYYY-MM-DD`, { parameter: n });
		const { limit, offset } = pageParams(c);
		const { covers } = await audience(c);
		const rows = [...deliveryOf(c).store.read().alerts].reverse().filter((a) => {
			if (!covers(a)) return false;
			if (kind && a.kind !== kind) return false;
			if (q('signal') && a.signal !== q('signal')) return false;
			if (dimension && a.dimension !== dimension) return false;
			if (q('partner') && a.partner_id !== q('partner')) return false;
			if (q('channel') && a.channel !== q('channel')) return false;
			if (q('country') && a.country !== q('country')) return false;
			if (status === 'acknowledged' && !a.acknowledged) return false;
			if (status === 'muted' && !a.muted) return false;
			if (status === 'open' && (a.acknowledged || a.muted)) return false;
			if (q('from') && a.to < q('from')!) return false;
			if (q('to') && a.from > q('to')!) return false;
			return true;
		});
		return c.json({ rows: rows.slice(offset, offset + limit), total: rows.length, limit, offset } satisfies AlertLogAnswer);
	})
	.post('/:id/acknowledge', async (c) => {
		const { user, covers } = await audience(c);
		const alert = deliveryOf(c).store.read().alerts.find((a) => a.id === c.req.param('id'));
		// An alert outside the caller's scope is answered like one that does not exist.
		if (alert && !covers(alert)) throw new NotFoundError(`no alert with id "${c.req.param('id').slice(0, 100)}"`);
		return c.json(await deliveryOf(c).acknowledge(c.req.param('id'), user.name));
	})
	.get('/mutes', (c) => c.json({ mutes: deliveryOf(c).store.read().mutes }))
	.post('/mutes', async (c) => {
		const { user, coversPartner } = await audience(c);
		const body = await jsonBody(c);
		const dimension = (body.dimension ?? 'partner') as AlertDimension;
		if (!DIMENSIONS.includes(dimension)) throw new ValidationError(`dimension must be one of ${DIMENSIONS.join(', ')}`, { parameter: 'dimension' });
		if (typeof body.target !== 'string' || !body.target || body.target.length > 200) throw new ValidationError('target is required: the partner id, channel or country to mute', { parameter: 'target' });
		if (isRestricted(user.scope) && (dimension !== 'partner' || !coversPartner(body.target))) throw new ForbiddenError(`${user.name} may mute only partners of their own scope`);
		const signal = typeof body.signal === 'string' && body.signal ? body.signal : '*';
		const days = Number(body.days ?? 7);
		if (!Number.isFinite(days) || days <= 0 || days > 366) throw new ValidationError('days must be a number from above 0 to 366', { parameter: 'days' });
		const mute = await deliveryOf(c).mute({
			dimension,
			target: body.target,
			signal,
			until: new Date(Date.now() + days * 86_400_000).toISOString(),
			by: user.name,
			reason: typeof body.reason === 'string' ? body.reason.slice(0, 500) : null
		});
		return c.json(mute, 201);
	})
	.delete('/mutes/:id', async (c) => {
		const { user, coversPartner } = await audience(c);
		const mute = deliveryOf(c).store.read().mutes.find((m) => m.id === c.req.param('id'));
		if (mute && isRestricted(user.scope) && (mute.dimension !== 'partner' || !coversPartner(mute.target))) throw new ForbiddenError(`${user.name} may lift only mutes of partners in their own scope`);
		await deliveryOf(c).unmute(c.req.param('id'));
		return c.body(null, 204);
	});
