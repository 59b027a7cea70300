/**
 * GET /api/v1/health: status, row counts, freshness, last build. 200 when serving, 503 when nothing is.
 * Public, so that probes and the CLI can ask; without sign-in it says only the status and the freshness
 * (build problems name files and columns, which are for signed-in users).
 */
import { Hono } from 'hono';
import { health, type Health } from '../../reports/health.ts';
import type { ApiEnv } from '../create-api.ts';
import { roleAtLeast } from '../../../auth/roles.ts';
import { healthForUser } from '../../digest/health-for-user.ts';
import type { PublicHealthAnswer, SignedInHealthAnswer } from '../../../api/health.ts';

function publicHealth(h: Health): PublicHealthAnswer {
	return { status: h.status, building: h.building, publishedAt: h.publish?.publishedAt ?? null, latestClickAt: h.latestClickAt, latestSaleAt: h.latestSaleAt };
}

export const healthRoutes = new Hono<ApiEnv>().get('/', async (c) => {
	const h = await health(c.get('deps').warehouse);
	// Delivery problems are reported to signed-in users (in full to admins: addresses and errors are theirs
	// to see) but never change the serving status.
	const user = c.get('caller')?.user ?? null;
	const service = c.get('deps').delivery;
	const full = service?.health() ?? null;
	const delivery = !full || !user || roleAtLeast(user.role, 'admin') ? full : healthForUser(full, user.name, service!.store.read().subscriptions.filter((s) => s.user === user.name).length);
	return c.json(user ? ({ ...h, delivery } satisfies SignedInHealthAnswer) : publicHealth(h), h.status === 'unavailable' ? 503 : 200);
});
