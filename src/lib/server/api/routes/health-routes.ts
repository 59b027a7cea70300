/** GET /api/v1/health: status, row counts, freshness, last build. 200 when serving, 503 when nothing is. */
import { Hono } from 'hono';
import { health } from '../../reports/health.ts';
import type { ApiEnv } from '../create-api.ts';

export const healthRoutes = new Hono<ApiEnv>().get('/', async (c) => {
	const h = await health(c.get('deps').warehouse);
	// Delivery problems are reported here but never change the serving status.
	const delivery = c.get('deps').delivery?.health() ?? null;
	return c.json({ ...h, delivery }, h.status === 'unavailable' ? 503 : 200);
});
