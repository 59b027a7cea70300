/**
 * Public API of the forecasting engine (pure functions, no I/O): `forecast` chooses and runs a method; each
 * method and metric is exported for callers that want one directly (e.g. weekly revenue with period 13).
 *
 * How it works, in the order forecast() runs it:
 *   read-series / regularise-series   dates -> equally spaced values; gaps interpolated and reported
 *   method-skip-reason                 which methods the series can support (length, season, values <= 0)
 *   plan-backtest / backtest           refit every candidate at up to 12 rolling origins, score MASE / sMAPE
 *   select-method                      lowest mean backtest MASE (AICc when too short), with the reason
 *   fit-methods                        naive, seasonal-naive, seasonal-naive-yoy, ses, theta, holt, damped,
 *                                      comb (M4 "Comb"), yearly (trend + Fourier + shrunk repeat profile),
 *                                      Holt-Winters additive / multiplicative; ses, theta, holt, damped and
 *                                      comb run on M4-style seasonally adjusted data; parameters by least squares
 *                                      (optimise: bounded Nelder-Mead; initial states solved exactly)
 *   year-alignment                     which points are the same time of year: t mod m, or with holidays: 'retail'
 *                                      the weeks / days around Black Friday, Christmas and Easter by their date
 *   interval-half-widths               widest of analytic ETS and smoothed backtest-error intervals (the
 *                                      backtest pools recent origins and those a year earlier), Student-t sized
 * Accuracy on public series: src/bench/forecast-accuracy.ts.
 */
export { forecast } from './forecast.ts';
export { chooseMethod, type Choice, type ChooseMethodOptions } from './choose-method.ts';
export { readSeries, type ReadSeries } from './read-series.ts';
export { parseSeriesCsv, type CsvSeriesPoint } from './parse-series-csv.ts';
export { ForecastInputError } from './forecast-input-error.ts';

export { naive } from './naive.ts';
export { seasonalNaive, type SeasonalNaiveOptions } from './seasonal-naive.ts';
export { ses, type SesOptions } from './ses.ts';
export { holt, type HoltOptions } from './holt.ts';
export { dampedHolt } from './damped-holt.ts';
export { holtWinters, type HoltWintersOptions } from './holt-winters.ts';
export { theta, type ThetaOptions } from './theta.ts';
export { comb, type CombOptions } from './comb.ts';
export { combineFits } from './combine-fits.ts';
export { seasonalNaiveYoy, type SeasonalNaiveYoyOptions } from './seasonal-naive-yoy.ts';
export { yearlyProfile, type YearlyProfileOptions } from './yearly-profile.ts';
export { yoyChange, type YoyChange } from './yoy-ratio.ts';
export { yearPeriod } from './year-period.ts';
export { yearAlignment, RETAIL_HOLIDAYS, HOLIDAY_CALENDARS, type YearAlignment, type YearAlignmentOptions, type HolidayCalendar } from './year-alignment.ts';
export { blackFriday } from './black-friday.ts';
export { easterSunday } from './easter-sunday.ts';
export { ridgeRegression } from './ridge-regression.ts';
export { smoothSigmas } from './smooth-sigmas.ts';
export { fitMethods, type FitMethodsResult } from './fit-methods.ts';
export { methodSkipReason, methodMinLength, type SeriesShape } from './method-skip-reason.ts';

export { backtest, type BacktestRun } from './backtest.ts';
export { planBacktest, type BacktestPlan } from './plan-backtest.ts';
export { selectMethod, type Selection } from './select-method.ts';
export { backtestCoverage } from './backtest-coverage.ts';
export { horizonSigmas } from './horizon-sigmas.ts';
export { analyticSigmas } from './analytic-sigmas.ts';
export { predictionIntervals } from './prediction-intervals.ts';
export { centralQuantile } from './central-quantile.ts';
export { intervalHalfWidths, type HalfWidthInputs } from './interval-half-widths.ts';
export { relativeErrors } from './relative-errors.ts';

export { mase } from './mase.ts';
export { maseScale } from './mase-scale.ts';
export { smape } from './smape.ts';
export { mae } from './mae.ts';
export { aicc } from './aicc.ts';
export { acf } from './acf.ts';
export { isSeasonal } from './is-seasonal.ts';
export { seasonalIndices } from './seasonal-indices.ts';
export { seasonalAdjustment, type SeasonalAdjustment } from './seasonal-adjustment.ts';
export { reseasonalise } from './reseasonalise.ts';
export { linearTrend } from './linear-trend.ts';
export { optimise, type OptimiseOptions, type OptimiseResult } from './optimise.ts';

export { inferFrequency } from './infer-frequency.ts';
export { defaultPeriod } from './default-period.ts';
export { addPeriods } from './add-periods.ts';
export { parseIsoDate } from './parse-iso-date.ts';
export { formatIsoDate } from './format-iso-date.ts';
export { regulariseSeries, type RegularSeries, type DatedValue } from './regularise-series.ts';

export {
	METHOD_NAMES,
	YEARLY_METHODS,
	FREQUENCIES,
	MIN_OBSERVATIONS,
	type MethodName,
	type Frequency,
	type ModelFit,
	type SeriesPoint,
	type ForecastOptions,
	type ForecastPoint,
	type ForecastResult,
	type ForecastWarning,
	type YearCycle,
	type BacktestSummary,
	type MethodErrors
} from './types.ts';
