/**
 * The shapes of the forecast API's answers (/api/v1/forecast/revenue and /budget), shared by the server
 * reports that build them and the forecast page that reads them. Types only.
 */
import type { ScenarioRow, Scenario } from './budget-scenarios.ts';
import type { LiabilityMonth } from './commission-liability.ts';
import type { PowerFit } from './fit-power-curve.ts';
import type { PastForecast } from './past-forecast.ts';
import type { ResponseCurve } from './response-curve.ts';
import type { ReversalRate } from './reversal-rates.ts';
import type { SensitivityCell, SensitivityFactor, SensitivityOutcome } from './sensitivity-grid.ts';
import type { TrailingBudgetRow } from './trailing-roas-budget.ts';
import type { AllocationStatus } from './allocate-budget.ts';

/** One assumption behind the numbers, in words (shown on the page and returned by the API). */
export interface Assumption {
	readonly key: string;
	readonly text: string;
}

export interface ForecastWeek {
	readonly week_start: string;
	readonly value: number;
	readonly lo80: number;
	readonly hi80: number;
	readonly lo95: number;
	readonly hi95: number;
}

/** A forecast of one weekly series with the backtest that chose its method. */
export interface SeriesForecast {
	readonly method: string;
	readonly period: number;
	readonly criterion: 'backtest-mase' | 'aicc' | 'only-candidate';
	/** Why this method: the engine's own words. */
	readonly reason: string;
	readonly intervals: 'backtest' | 'analytic';
	/** Rolling origins and steps of the backtest (0 origins: chosen by AICc, errors in sample). */
	readonly origins: number;
	readonly backtestHorizon: number;
	/** The chosen method's backtest errors: MASE, sMAPE (%) and MAE (money). */
	readonly errors: { readonly mase: number; readonly smape: number; readonly mae: number } | null;
	/** Share of backtest actuals inside the 80% / 95% intervals (leave-one-origin-out). */
	readonly coverage: Readonly<Record<string, number>>;
	readonly points: readonly ForecastWeek[];
	/** Sum of the point forecasts over the horizon. */
	readonly total: number;
	readonly warnings: readonly string[];
	/** The warnings with a key each (short-history, no-yearly-season, level-vs-last-year, season-not-backtested, ...). */
	readonly notes: readonly { readonly key: string; readonly text: string }[];
	/** The chosen method's backtest one year before the recent origins (this time of year), when the history allows. */
	readonly season: { readonly origins: number; readonly errors: { readonly mase: number; readonly smape: number; readonly mae: number } } | null;
	readonly seasonNote: string;
	/** Channel forecasts only: scaled so the channels add up to the total. */
	readonly reconciled?: boolean;
}

export interface HistoryWeek {
	readonly week_start: string;
	/** Projected-final (equal to provisional once every sale is decided). */
	readonly revenue: number;
	readonly cost: number;
	readonly roas: number | null;
	/** As of today: sales not reversed, pending ones included. */
	readonly provisional_revenue: number;
	readonly provisional_cost: number;
}

export interface ChannelForecast {
	readonly channel: string;
	readonly history: readonly { readonly week_start: string; readonly revenue: number; readonly cost: number }[];
	readonly revenue: SeriesForecast | null;
	readonly cost: SeriesForecast | null;
	readonly roas: readonly { readonly week_start: string; readonly value: number | null }[];
	/** Why there is no forecast (too few weeks). */
	readonly note: string | null;
}

export interface MaturityWeek {
	readonly week_start: string;
	/** Days from the last day of the week to the last day of data. */
	readonly age_days: number;
	readonly provisional_revenue: number;
	readonly approved_revenue: number;
	readonly pending_revenue: number;
	readonly projected_revenue: number;
	/** pending / provisional revenue. */
	readonly pending_share: number | null;
}

export interface MaturityChannelWeek {
	readonly week_start: string;
	readonly channel: string;
	readonly provisional_revenue: number;
	readonly pending_revenue: number;
	readonly reversal_rate: number;
	readonly projected_revenue: number;
}

export interface RevenueForecastAnswer {
	readonly horizon: number;
	readonly dataThrough: string;
	/** The complete weeks the forecast is fitted on. */
	readonly history: { readonly from: string; readonly to: string; readonly weeks: number };
	readonly channels: readonly string[];
	readonly total: {
		readonly history: readonly HistoryWeek[];
		readonly revenue: SeriesForecast;
		readonly cost: SeriesForecast;
		/** Revenue / cost point forecasts (no interval). */
		readonly roas: readonly { readonly week_start: string; readonly value: number | null }[];
	};
	readonly byChannel: readonly ChannelForecast[];
	/** Total revenue and cost forecast from an origin `holdout` weeks back, against what happened. */
	readonly pastForecast: { readonly holdout: number; readonly revenue: PastForecast | null; readonly cost: PastForecast | null } | null;
	readonly maturity: {
		readonly matured: { readonly from: string; readonly to: string };
		readonly reversalRates: { readonly program: ReversalRate; readonly channels: readonly ReversalRate[] };
		readonly weeks: readonly MaturityWeek[];
		readonly byChannel: readonly MaturityChannelWeek[];
	};
	/** Weekly cost held flat in the total: program-level costs and channels too short to forecast (recent mean). */
	readonly programCost: number;
	/** Weekly revenue held flat in the total: channels too short to forecast (recent mean). */
	readonly flatRevenue: number;
	/** The one warning that matters most for the total revenue forecast, or null. */
	readonly headline: { readonly key: string; readonly text: string } | null;
	readonly assumptions: readonly Assumption[];
	readonly warnings: readonly string[];
}

export interface BudgetChannelCurve {
	readonly channel: string;
	readonly curve: ResponseCurve;
	readonly fit: PowerFit | null;
	readonly fallbackReason: string | null;
	/** Weeks of (cost, revenue) the curve was fitted on. */
	readonly fitWeeks: { readonly from: string; readonly to: string };
	/** Weekly means over the recent weeks. */
	readonly recent: { readonly cost: number; readonly revenue: number };
	/** The channel's weekly baseline forecast (reconciled): the point every curve passes through and "hold" keeps. */
	readonly baseline: { readonly cost: number; readonly revenue: number };
	readonly trailingRoas: number | null;
	/** Weekly cost bounds. */
	readonly bounds: { readonly min: number; readonly max: number };
	/** A bound lies outside the weekly costs the curve was fitted on: the curve is extrapolated there. */
	readonly extrapolated: boolean;
}

export interface BudgetAnswer {
	readonly horizon: number;
	readonly dataThrough: string;
	readonly target: { readonly value: number; readonly weekly: number; readonly source: 'request' | 'default' };
	/** The baseline forecast over the horizon (total series). */
	readonly baseline: { readonly revenue: number; readonly cost: number; readonly roas: number | null };
	readonly grossMargin: number;
	readonly breakEvenRoas: number;
	readonly floor: number;
	readonly bounds: { readonly min: number; readonly max: number };
	readonly recentWeeks: { readonly from: string; readonly to: string };
	readonly curves: readonly BudgetChannelCurve[];
	/** Program-level costs outside the channels, per week, held in every scenario. */
	readonly fixedCost: number;
	/** Weekly revenue of channels without baseline cost, held in every scenario (no spend moves it). */
	readonly fixedRevenue: number;
	readonly allocation: {
		readonly status: AllocationStatus;
		readonly message: string;
		readonly thresholdRoas: number | null;
		readonly rows: readonly (ScenarioRow & { readonly horizonCost: number; readonly horizonRevenue: number })[];
		readonly reachable: { readonly min: number; readonly max: number };
	};
	readonly byTrailingRoas: { readonly rows: readonly TrailingBudgetRow[]; readonly cost: number | null; readonly horizonCost: number | null };
	readonly scenarios: readonly Scenario[];
	readonly sensitivity: {
		readonly base: SensitivityOutcome & { readonly commission: number; readonly networkFees: number; readonly otherCosts: number; readonly reversalRate: number };
		readonly cells: readonly SensitivityCell[];
		readonly rules: Readonly<Record<SensitivityFactor, string>>;
	};
	readonly liability: {
		readonly rule: string;
		readonly validationLagDays: number;
		readonly months: readonly LiabilityMonth[];
		readonly total: { readonly approved: number; readonly pending: number; readonly pendingExpected: number; readonly expected: number };
	};
	readonly assumptions: readonly Assumption[];
	readonly warnings: readonly string[];
}
