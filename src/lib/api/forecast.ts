/**
 * The forecast's contract between the API and the Forecast page: the two answers' types (checked in the Hono
 * handlers with `satisfies`) and the functions the page fetches them with.
 */
import type { BudgetAnswer, RevenueForecastAnswer } from '../planning/forecast-types.ts';
import type { ReportMeta } from '../server/api/report-context.ts';
import { getJson } from '../ui/api-client.ts';

export const FORECAST_REVENUE_PATH = '/api/v1/forecast/revenue';
export const FORECAST_BUDGET_PATH = '/api/v1/forecast/budget';

/** GET /api/v1/forecast/revenue: the baseline weekly revenue, cost and ROAS per channel and in total, with the model versions behind it. */
export type RevenueForecastResponse = RevenueForecastAnswer & { readonly meta: ReportMeta };
/** GET /api/v1/forecast/budget: response curves, the budget for a target, scenarios, sensitivity and liability. */
export type BudgetResponse = BudgetAnswer & { readonly meta: ReportMeta };

export function fetchRevenueForecast(params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<RevenueForecastResponse> {
	return getJson<RevenueForecastResponse>(FORECAST_REVENUE_PATH, params, fetcher, signal);
}

export function fetchBudget(params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<BudgetResponse> {
	return getJson<BudgetResponse>(FORECAST_BUDGET_PATH, params, fetcher, signal);
}
