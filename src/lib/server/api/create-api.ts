/**
 * The JSON API under /api/v1: a Hono app built from its dependencies, served by SvelteKit's catch-all route
 * and testable alone with `app.request()`. One small sub-app per resource.
 */
import { Hono } from 'hono';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { onError, problemResponse } from './problem.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { metricRoutes } from './routes/metric-routes.ts';
import { partnerRoutes } from './routes/partner-routes.ts';
import { channelRoutes } from './routes/channel-routes.ts';
import { cohortRoutes } from './routes/cohort-routes.ts';
import { modelRoutes } from './routes/model-routes.ts';
import { qualityRoutes } from './routes/quality-routes.ts';
import { forecastRoutes } from './routes/forecast-routes.ts';
import { answerCache } from './answer-cache.ts';

export interface ApiDeps {
	readonly warehouse: Warehouse;
	/** Where unexpected errors are written, with their request id. */
	readonly log?: (line: string) => void;
	/** Lets callers from other machines change models (see requireModelWriteAccess); null/undefined: loopback only. */
	readonly adminToken?: string | null;
	/** This server's identity, sent as x-partnerscope-instance so the CLI knows it reached the server that holds the warehouse. */
	readonly instanceId?: string;
}

/** What the host hands each request: the caller's network address (SvelteKit's getClientAddress()). */
export type ApiBindings = { clientAddress?: string };

export type ApiEnv = { Variables: { deps: ApiDeps }; Bindings: ApiBindings };

export function createApi(deps: ApiDeps): Hono<ApiEnv> {
	const log = deps.log ?? ((line: string) => console.error(line));
	const app = new Hono<ApiEnv>().basePath('/api/v1');
	app.use('*', async (c, next) => {
		c.set('deps', deps);
		await next();
		c.header('cache-control', 'no-store');
		c.header('x-content-type-options', 'nosniff');
		if (deps.instanceId) c.header('x-partnerscope-instance', deps.instanceId);
	});
	app.use('*', answerCache(() => deps.warehouse.db));
	app.route('/health', healthRoutes);
	app.route('/reports', reportRoutes);
	app.route('/metrics', metricRoutes);
	app.route('/partners', partnerRoutes);
	app.route('/channels', channelRoutes);
	app.route('/cohorts', cohortRoutes);
	app.route('/models', modelRoutes);
	app.route('/quality', qualityRoutes);
	app.route('/forecast', forecastRoutes);
	app.notFound((c) => problemResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: `no API route ${c.req.method} ${new URL(c.req.url).pathname}` }));
	app.onError(onError(log));
	return app;
}
