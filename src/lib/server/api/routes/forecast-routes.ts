/**
 * The forecast resource:
 *   GET /forecast/revenue?horizon=13&channel=..   baseline weekly revenue, cost and ROAS per channel and in
 *       total with intervals and backtest errors, actuals vs a past forecast, the maturity table, assumptions
 *   GET /forecast/budget?target=&horizon=&min=&max=&floor=&margin=&channel=..   response curves, the budget
 *       per channel for a revenue target with marginal ROAS, scenarios, sensitivity grid, commission liability
 * Revenue forecasts are computed off the event loop and cached per published model versions and parameters,
 * the defaults warmed after each publish (ForecastService, deps.forecasts).
 */
import { Hono, type Context } from 'hono';
import { budgetPlan } from '../../reports/forecast/budget.ts';
import { FORECAST_MODELS } from '../../reports/forecast/forecast-service.ts';
import { parseBudgetParams, parseHorizon, refuseFilters } from '../../reports/forecast/params.ts';
import { reportContext, type ReportContext } from '../report-context.ts';
import type { ApiEnv } from '../create-api.ts';
import type { BudgetResponse, RevenueForecastResponse } from '../../../api/forecast.ts';

async function context(c: Context<ApiEnv>, extraParams: readonly string[]): Promise<ReportContext> {
	const ctx = await reportContext(c, { extraParams: ['margin', ...extraParams], models: FORECAST_MODELS });
	refuseFilters(new URL(c.req.url).searchParams);
	return ctx;
}

/** The inputs and the revenue forecast for a horizon and the chosen channels, from the cache when the publish is the same. */
async function forecastFor(c: Context<ApiEnv>, ctx: ReportContext, horizon: number) {
	const forecasts = c.get('deps').forecasts;
	// A scoped caller's forecast starts from the scope's numbers only (and is cached apart).
	const key = forecasts.keyOf(ctx.state, { partner: ctx.filters.partner, channel: ctx.scope.channels });
	const { inputs, forecast } = await forecasts.revenue(key, horizon, ctx.filters.channel);
	return { inputs, forecast, key, forecasts };
}

export const forecastRoutes = new Hono<ApiEnv>()
	.get('/revenue', async (c) => {
		const ctx = await context(c, ['horizon']);
		const horizon = parseHorizon(new URL(c.req.url).searchParams);
		const { forecast } = await forecastFor(c, ctx, horizon);
		return c.json({ ...forecast, meta: ctx.meta } satisfies RevenueForecastResponse);
	})
	.get('/budget', async (c) => {
		const ctx = await context(c, ['horizon', 'target', 'min', 'max', 'floor']);
		const params = parseBudgetParams(new URL(c.req.url).searchParams);
		const { inputs, forecast, key, forecasts } = await forecastFor(c, ctx, params.horizon);
		const liability = await forecasts.liability(key, inputs);
		const plan = budgetPlan(inputs, forecast, liability, { ...params, grossMargin: ctx.meta.grossMargin });
		return c.json({ ...plan, meta: ctx.meta } satisfies BudgetResponse);
	});
