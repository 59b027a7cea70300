/**
 * The forecast resource:
 *   GET /forecast/revenue?horizon=13&channel=..   baseline weekly revenue, cost and ROAS per channel and in
 *       total with intervals and backtest errors, actuals vs a past forecast, the maturity table, assumptions
 *   GET /forecast/budget?target=&horizon=&min=&max=&floor=&margin=&channel=..   response curves, the budget
 *       per channel for a revenue target with marginal ROAS, scenarios, sensitivity grid, commission liability
 * Answers are computed once per published model versions and parameters (ForecastCache).
 */
import { Hono, type Context } from 'hono';
import { NotReadyError } from '../../errors.ts';
import { budgetPlan } from '../../reports/forecast/budget.ts';
import { ForecastCache } from '../../reports/forecast/cache.ts';
import { loadForecastInputs } from '../../reports/forecast/inputs.ts';
import { loadLiabilityInputs } from '../../reports/forecast/liability.ts';
import { parseBudgetParams, parseHorizon, refuseFilters } from '../../reports/forecast/params.ts';
import { revenueForecast } from '../../reports/forecast/revenue.ts';
import type { Warehouse } from '../../warehouse/warehouse.ts';
import { reportContext, type ReportContext } from '../report-context.ts';
import type { ApiEnv } from '../create-api.ts';
import type { BudgetResponse, RevenueForecastResponse } from '../../../api/forecast.ts';

const MODELS = ['fct_daily', 'fct_daily_rollup', 'fct_program_daily', 'stg_sales', 'stg_partners'];
const caches = new WeakMap<Warehouse, ForecastCache>();

function cacheOf(warehouse: Warehouse): ForecastCache {
	let cache = caches.get(warehouse);
	if (!cache) caches.set(warehouse, (cache = new ForecastCache()));
	return cache;
}

async function context(c: Context<ApiEnv>, extraParams: readonly string[]): Promise<ReportContext> {
	const ctx = await reportContext(c, { extraParams: ['margin', ...extraParams], models: MODELS });
	refuseFilters(new URL(c.req.url).searchParams);
	return ctx;
}

/** The inputs and the revenue forecast for a horizon and channel set, from the cache when the publish is the same. */
async function forecastFor(ctx: ReportContext, horizon: number) {
	const cache = cacheOf(ctx.warehouse);
	// A scoped caller's forecast starts from the scope's numbers only (and is cached apart).
	const scope = { partner: ctx.filters.partner, channel: ctx.scope.channels };
	const base = `${Object.values(ctx.meta.modelVersions).join(',')}|${ctx.meta.weekStart}|${JSON.stringify(scope)}`;
	const inputs = await cache.get(`inputs|${base}`, async () => {
		const loaded = await loadForecastInputs(ctx.warehouse.db, { weekStart: ctx.meta.weekStart, scope });
		if (!loaded) throw new NotReadyError('no complete reporting week of data yet: nothing to forecast from');
		return loaded;
	});
	const channels = [...ctx.filters.channel].sort();
	const forecast = await cache.get(`revenue|${base}|${horizon}|${channels.join(',')}`, () => revenueForecast(inputs, { horizon, channels }));
	return { inputs, forecast, base, cache, scope };
}

export const forecastRoutes = new Hono<ApiEnv>()
	.get('/revenue', async (c) => {
		const ctx = await context(c, ['horizon']);
		const horizon = parseHorizon(new URL(c.req.url).searchParams);
		const { forecast } = await forecastFor(ctx, horizon);
		return c.json({ ...forecast, meta: ctx.meta } satisfies RevenueForecastResponse);
	})
	.get('/budget', async (c) => {
		const ctx = await context(c, ['horizon', 'target', 'min', 'max', 'floor']);
		const params = parseBudgetParams(new URL(c.req.url).searchParams);
		const { inputs, forecast, base, cache, scope } = await forecastFor(ctx, params.horizon);
		const liability = await cache.get(`liability|${base}`, () => loadLiabilityInputs(ctx.warehouse.db, inputs.dataThrough, scope));
		const plan = budgetPlan(inputs, forecast, liability, { ...params, grossMargin: ctx.meta.grossMargin });
		return c.json({ ...plan, meta: ctx.meta } satisfies BudgetResponse);
	});
