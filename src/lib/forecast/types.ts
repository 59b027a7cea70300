/**
 * Shared types of the forecasting engine: what every method returns (`ModelFit`) and what `forecast()` takes
 * and gives back. Imported by every module in src/lib/forecast and by its callers (CLI, API, bench).
 */

/** Every method the engine knows, in order of increasing complexity (ties in selection go to the earlier one). */
export const METHOD_NAMES = [
	'naive',
	'seasonal-naive',
	'seasonal-naive-yoy',
	'ses',
	'theta',
	'holt',
	'damped',
	'comb',
	'yearly',
	'holt-winters-additive',
	'holt-winters-multiplicative'
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** Methods that model a yearly cycle from one to three years of history (need dated weekly, monthly or daily data). */
export const YEARLY_METHODS: readonly MethodName[] = ['seasonal-naive-yoy', 'yearly'];

/** The yearly cycle of a dated series, for the yearly methods. */
export interface YearCycle {
	/** Which points are the same time of year (holiday weeks by their holiday); default t mod period. */
	readonly align?: YearAlignment;
	/** Whole periods per year: 52 weeks, 12 months, 365 days. */
	readonly period: number;
	/** Exact periods per year (365.25 / 7 for weeks). */
	readonly cycle: number;
	/** A within-year cycle modelled alongside (7 for days of the week). */
	readonly week?: number;
}

import type { HolidayCalendar, YearAlignment } from './year-alignment.ts';

/** Fewest observations forecast() and the CSV reader accept. */
export const MIN_OBSERVATIONS = 4;

export const FREQUENCIES = ['day', 'week', 'month', 'quarter', 'year'] as const;

export type Frequency = (typeof FREQUENCIES)[number];

/** A method fitted to one series: in-sample one-step predictions, the point forecast and what intervals need. */
export interface ModelFit {
	readonly method: MethodName;
	/** The fitted parameters (smoothing weights, initial states), for display and tests. */
	readonly params: Readonly<Record<string, number>>;
	/** One-step-ahead in-sample predictions, same length as the series; entries before `fittedFrom` copy the data. */
	readonly fitted: readonly number[];
	/** Index of the first real one-step prediction (seasonal naive cannot predict its first season). */
	readonly fittedFrom: number;
	/** Point forecasts for steps 1..horizon after the last observation. */
	readonly forecast: readonly number[];
	/** Sum of squared one-step residuals from `fittedFrom` on. */
	readonly sse: number;
	/** Number of estimated parameters, for AICc. */
	readonly k: number;
	/**
	 * Variance factors v_h (v_1 = 1): under the method's state space model the h-step error variance is
	 * sigma^2 * v_h. Used for analytic intervals and to extend backtest intervals past the backtested horizon.
	 */
	readonly varianceFactors: readonly number[];
}

/** One observation of a dated series. */
export interface SeriesPoint {
	readonly date: string;
	readonly value: number;
}

export interface ForecastOptions {
	/** Number of future periods to forecast (>= 1). */
	readonly horizon: number;
	/** Season length in periods (12 for monthly, 52 or 13 for weekly, 7 for daily); 1 means non-seasonal. */
	readonly period?: number;
	/** Prediction interval levels in percent; default [80, 95]. Output keys are `lo${level}` / `hi${level}`. */
	readonly levels?: readonly number[];
	/** Spacing of the dates; inferred from them when not given. */
	readonly frequency?: Frequency;
	/** Candidate methods; default all of METHOD_NAMES that the series can support. */
	readonly methods?: readonly MethodName[];
	/** Most rolling origins to backtest (default 12). More origins: steadier choice and intervals, slower. */
	readonly maxOrigins?: number;
	/**
	 * Holidays to line up by date in weekly and daily series: 'retail' (Black Friday and Cyber Monday,
	 * Christmas and the New Year, Easter; see year-alignment); default 'none' (the same week number a year back).
	 */
	readonly holidays?: HolidayCalendar;
}

/** A warning with a stable key, so a page can pick the one that matters. */
export interface ForecastWarning {
	readonly key: 'short-history' | 'no-yearly-season' | 'level-vs-last-year' | 'season-not-backtested' | 'gaps' | 'other';
	readonly text: string;
}

/** A forecast step: the point forecast and one lo/hi pair per requested level (lo80, hi80, lo95, hi95, ...). */
export interface ForecastPoint {
	readonly date?: string;
	readonly value: number;
	readonly [bound: `lo${string}` | `hi${string}`]: number;
}

/**
 * Errors of one method: out of sample, averaged over the backtest origins and steps; or, when the choice fell
 * back to AICc (criterion 'aicc'), its in-sample one-step errors.
 */
export interface MethodErrors {
	readonly mase: number;
	readonly smape: number;
	readonly mae: number;
	/** Corrected Akaike information criterion when the choice fell back to it (no backtest possible). */
	readonly aicc?: number;
}

export interface BacktestSummary {
	/** Number of rolling origins (0 when the series was too short and AICc chose instead). */
	readonly origins: number;
	/** Steps ahead forecast from each origin. */
	readonly horizon: number;
	readonly errors: Readonly<Partial<Record<MethodName, MethodErrors>>>;
	/** Methods not tried and why (too short, values <= 0, not requested...). */
	readonly skipped: Readonly<Partial<Record<MethodName, string>>>;
	readonly chosen: MethodName;
	readonly criterion: 'backtest-mase' | 'aicc' | 'only-candidate';
	readonly reason: string;
	/** How the intervals were built: from backtest errors per horizon, or from the model's variance formula. */
	readonly intervals: 'backtest' | 'analytic';
	/**
	 * Share of backtest actuals inside the chosen method's intervals, each origin judged with intervals built
	 * from the other origins only (leave-one-origin-out); keys are the levels. Empty without a backtest.
	 */
	readonly coverage: Readonly<Record<string, number>>;
	/**
	 * The chosen method backtested from origins one year before the regular ones, so its error is the error
	 * for this time of year (around last year's peak, when the series ends at one); null when the history
	 * before them is too short, with the reason in `seasonNote`.
	 */
	readonly season: { readonly origins: number; readonly errors: MethodErrors } | null;
	readonly seasonNote: string;
}

export interface ForecastResult {
	readonly method: MethodName;
	readonly frequency?: Frequency;
	readonly period: number;
	readonly points: readonly ForecastPoint[];
	readonly backtest: BacktestSummary;
	/**
	 * The (gap-filled) history with the chosen method's in-sample one-step predictions; where a method cannot
	 * predict (seasonal naive's first season) the prediction repeats the value.
	 */
	readonly fitted: readonly { readonly date?: string; readonly value: number; readonly fitted: number }[];
	readonly params: Readonly<Record<string, number>>;
	readonly warnings: readonly string[];
	/** The same warnings with a key each (short history, no yearly season, level vs last year, ...). */
	readonly notes: readonly ForecastWarning[];
}
