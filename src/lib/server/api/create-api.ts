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
import { workspaceRoutes } from './routes/workspace-routes.ts';
import { qualityRoutes } from './routes/quality-routes.ts';
import { forecastRoutes } from './routes/forecast-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { authorize } from './authorize.ts';
import { refuseWritesOnReader } from './refuse-writes-on-reader.ts';
import type { AuthDeps, Caller } from '../auth/identify.ts';
import { requestDeadline } from './request-deadline.ts';
import { onePublish } from './same-publish.ts';
import { digestRoutes } from './routes/digest-routes.ts';
import { alertRoutes } from './routes/alert-routes.ts';
import type { DigestService } from '../digest/digest-service.ts';
import { answerCache } from './answer-cache.ts';
import { ForecastService } from '../reports/forecast/forecast-service.ts';
import { sharedForecaster } from '../reports/forecast/forecaster.ts';

export interface ApiDeps {
	readonly warehouse: Warehouse;
	/** Where unexpected errors are written, with their request id. */
	readonly log?: (line: string) => void;
	/** Users, sessions and tokens, and how the Host is checked: every route passes `authorize` (auth/route-permissions.ts). */
	readonly auth: AuthDeps;
	/** This server's identity, sent as x-partnerscope-instance so the CLI knows it reached the server that holds the warehouse. */
	readonly instanceId?: string;
	/** Every request but plan, build and rollback answers within this many ms (503 problem otherwise); default 45 s. */
	readonly requestDeadlineMs?: number;
	/** Digest and alert delivery (subscriptions, sends, alerts); absent: those routes answer 503. */
	readonly delivery?: DigestService;
	/** The warehouse's forecasts (cache, worker threads, warm-up); absent: one over a shared single worker, not warmed. */
	readonly forecasts?: ForecastService;
}

/** What the host hands each request: the caller's network address (SvelteKit's getClientAddress()), for the sign-in rate limit only. */
export type ApiBindings = {
	clientAddress?: string;
	/** Whether the browser reached us over https (sets Secure on cookies); absent: the request URL's scheme decides. */
	https?: boolean;
};

/** The dependencies as the routes see them: the defaults filled in. */
export type ResolvedApiDeps = ApiDeps & { readonly forecasts: ForecastService };

export type ApiEnv = { Variables: { deps: ResolvedApiDeps; caller: Caller }; Bindings: ApiBindings };

export function createApi(deps: ApiDeps): Hono<ApiEnv> {
	const app = apiRoutes(deps);
	// A GET's meta and rows come from one publish (see same-publish.ts): its whole dispatch may run again, which
	// a middleware cannot do, so the app's own fetch is wrapped (request() and SvelteKit both go through it). The
	// app stays the one with the routes, so the route table can be read and checked.
	const dispatch = app.fetch;
	app.fetch = (request, env, executionCtx) =>
		request.method === 'GET' ? onePublish(deps.warehouse.db, async () => dispatch(request, env, executionCtx)) : dispatch(request, env, executionCtx);
	return app;
}

function apiRoutes(given: ApiDeps): Hono<ApiEnv> {
	const deps: ResolvedApiDeps = { ...given, forecasts: given.forecasts ?? new ForecastService(given.warehouse, { forecaster: sharedForecaster(), ...(given.log ? { log: given.log } : {}) }) };
	const log = deps.log ?? ((line: string) => console.error(line));
	const app = new Hono<ApiEnv>().basePath('/api/v1');
	app.use('*', async (c, next) => {
		c.set('deps', deps);
		await next();
		c.header('cache-control', 'no-store');
		c.header('x-content-type-options', 'nosniff');
		if (deps.instanceId) c.header('x-partnerscope-instance', deps.instanceId);
	});
	app.use('*', authorize);
	app.use('*', refuseWritesOnReader);
	const deadline = requestDeadline(deps.requestDeadlineMs ?? 45_000);
	app.use('*', (c, next) => (/\/models\/(plan|build|rollback)$/.test(c.req.path) ? next() : deadline(c, next)));
	// After authorize: only a caller allowed the route reaches the cache, and its key holds that caller's scope.
	app.use('*', answerCache(() => deps.warehouse.db));
	app.route('/auth', authRoutes);
	app.route('/health', healthRoutes);
	app.route('/reports', reportRoutes);
	app.route('/metrics', metricRoutes);
	app.route('/partners', partnerRoutes);
	app.route('/channels', channelRoutes);
	app.route('/cohorts', cohortRoutes);
	app.route('/models/workspace', workspaceRoutes); // before /models, whose /:name would take "workspace"
	app.route('/models', modelRoutes);
	app.route('/quality', qualityRoutes);
	app.route('/forecast', forecastRoutes);
	app.route('/digest', digestRoutes);
	app.route('/alerts', alertRoutes);
	app.notFound((c) => problemResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: `no API route ${c.req.method} ${new URL(c.req.url).pathname}` }));
	app.onError(onError(log));
	return app;
}
