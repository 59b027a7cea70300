/**
 * The forecasting engine's entry point: validate and regularise the series, backtest the candidate methods,
 * choose one, forecast with prediction intervals and explain the choice. Called by the CLI `forecast`
 * command, the API and the accuracy bench (through index.ts).
 */
import { addPeriods } from './add-periods.ts';
import { analyticSigmas } from './analytic-sigmas.ts';
import { chooseMethod, residualDf } from './choose-method.ts';
import { defaultPeriod } from './default-period.ts';
import { fitMethods } from './fit-methods.ts';
import { ForecastInputError } from './forecast-input-error.ts';
import { formatIsoDate } from './format-iso-date.ts';
import { intervalHalfWidths } from './interval-half-widths.ts';
import { methodSkipReason } from './method-skip-reason.ts';
import { predictionIntervals } from './prediction-intervals.ts';
import { readSeries } from './read-series.ts';
import { holidayHalfWidths } from './holiday-half-widths.ts';
import { HOLIDAY_CALENDARS, yearAlignment } from './year-alignment.ts';
import { yearPeriod } from './year-period.ts';
import { yoyChange } from './yoy-ratio.ts';
import {
	FREQUENCIES,
	METHOD_NAMES,
	MIN_OBSERVATIONS,
	type ForecastOptions,
	type ForecastResult,
	type ForecastWarning,
	type Frequency,
	type MethodName,
	type SeriesPoint,
	type YearCycle
} from './types.ts';

const UNIT: Readonly<Record<Frequency, string>> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' };

/**
 * Forecast `options.horizon` steps of a series given as plain numbers (equally spaced) or as dated points
 * (YYYY-MM-DD, any order; the frequency is inferred from the spacing unless given, missing periods are
 * interpolated and reported in `warnings`).
 *
 * The method is chosen by rolling-origin backtest: every candidate the series is long enough for is refitted
 * at up to `maxOrigins` (12) origins and scored by mean MASE over the next min(horizon, n / 4) points; the
 * lowest wins (ties to the simpler method). A series too short for 3 origins is decided by AICc instead.
 * Prediction intervals (see intervalHalfWidths) take, per level and step, the widest of: the model's analytic
 * ETS interval, the chosen method's backtest errors at that step, and (positive series) those errors relative
 * to their forecasts rescaled to the current level, each with a Student-t quantile for its sample size.
 * Without a backtest only the analytic part exists, and such intervals run narrow.
 * Every number in the result is finite.
 *
 * Throws ForecastInputError for a horizon that is not a positive integer, bad levels / period / methods,
 * non-finite values, unparseable or duplicate dates, or fewer than 4 observations.
 *
 * Complexity: O(origins * methods * n * evaluations); about 10-50 ms for 100 monthly points.
 *
 * @example
 * const result = forecast([{ date: '2024-01-01', value: 10 }, ...], { horizon: 6 });
 * result.points[0]; // => { date: '2025-01-01', value: 11.2, lo80: 10.1, hi80: 12.3, lo95: 9.5, hi95: 12.9 }
 * result.backtest.reason; // => 'lowest mean backtest MASE over 12 origins x 6 steps: damped 0.712; then ...'
 */
export function forecast(series: readonly SeriesPoint[] | readonly number[], options: ForecastOptions): ForecastResult {
	const horizon = options.horizon;
	if (!Number.isInteger(horizon) || horizon < 1) throw new ForecastInputError(`horizon must be a positive integer, saw ${horizon}`, { field: 'horizon' });
	const levels = normaliseLevels(options.levels ?? [80, 95]);
	const requested = normaliseMethods(options.methods);
	if (options.period !== undefined && !(Number.isInteger(options.period) && options.period >= 1)) {
		throw new ForecastInputError(`period must be a positive integer, saw ${options.period}`, { field: 'period' });
	}
	if (options.holidays !== undefined && !HOLIDAY_CALENDARS.includes(options.holidays)) {
		throw new ForecastInputError(`holidays must be one of ${HOLIDAY_CALENDARS.join(', ')}, saw ${String(options.holidays)}`, { field: 'holidays' });
	}
	if (options.frequency !== undefined && !FREQUENCIES.includes(options.frequency)) {
		throw new ForecastInputError(`frequency must be one of ${FREQUENCIES.join(', ')}, saw ${String(options.frequency)}`, { field: 'frequency' });
	}

	const input = readSeries(series, options.frequency);
	const notes: ForecastWarning[] = input.warnings.map((text) => ({ key: 'gaps', text }));
	const warnings = {
		push: (text: string, key: ForecastWarning['key'] = 'other') => notes.push({ key, text })
	};
	const y = input.values;
	const n = y.length;
	if (n < MIN_OBSERVATIONS) throw new ForecastInputError(`the series needs at least ${MIN_OBSERVATIONS} observations, saw ${n}`, { field: 'value' });

	let period = options.period ?? (input.frequency ? defaultPeriod(input.frequency) : 1);
	if (options.period === undefined && !input.frequency) warnings.push('no period or dates given: the series is treated as non-seasonal (period 1)');
	if (period > 1 && n < period + 1) {
		warnings.push(`the series has ${n} observations, less than one season plus one (${period + 1}): treated as non-seasonal`);
		period = 1;
	} else if (period > 1 && n < 2 * period + 2) {
		warnings.push(`the series has ${n} observations, fewer than the ${2 * period + 2} Holt-Winters needs for period ${period}`);
	}
	const min = Math.min(...y);
	if (min === Math.max(...y)) warnings.push('the series is constant: the forecast is flat with zero-width intervals');

	const yp = yearPeriod(input.frequency);
	const stepDays = input.frequency === 'week' ? 7 : input.frequency === 'day' ? 1 : undefined;
	const align =
		yp && options.holidays === 'retail' && stepDays && input.days
			? yearAlignment({ yearPeriod: yp, firstDay: input.days[0]!, stepDays, holidays: 'retail' })
			: undefined;
	const year: YearCycle | undefined =
		yp && input.frequency
			? { period: yp, cycle: input.frequency === 'week' ? 365.25 / 7 : input.frequency === 'day' ? 365.25 : yp, ...(input.frequency === 'day' ? { week: 7 } : {}), ...(align ? { align } : {}) }
			: undefined;
	const unit = input.frequency ? UNIT[input.frequency] : 'observation';
	if (yp && n < yp) {
		warnings.push(`the history holds ${n} ${unit}s, less than a year (${yp}): the yearly season cannot be estimated, so the forecast ignores it (a yearly peak will not show)`, 'no-yearly-season');
	} else if (yp && n < 3 * yp) {
		const cycles = Math.floor(n / yp);
		warnings.push(`short history: ${n} ${unit}s (${(n / yp).toFixed(1)} years), so the yearly pattern is estimated from ${cycles} cycle${cycles > 1 ? 's' : ''} and the band is the better guide than the line`, 'short-history');
	}

	const skipped: Partial<Record<MethodName, string>> = {};
	const candidates: MethodName[] = [];
	for (const method of METHOD_NAMES) {
		if (requested && !requested.includes(method)) continue;
		const reason = methodSkipReason(method, { n, period, min, ...(yp ? { yearPeriod: yp } : {}) });
		if (reason) skipped[method] = reason;
		else candidates.push(method);
	}
	if (candidates.length === 0) {
		warnings.push(`none of the requested methods fits this series (${Object.entries(skipped).map(([m, r]) => `${m}: ${r}`).join('; ')}); fell back to naive`);
		candidates.push('naive');
	}

	const chosen = chooseMethod(y, { candidates, horizon, period, maxOrigins: options.maxOrigins ?? 12, levels, skipped, ...(year ? { year } : {}) });
	if (yp && n >= yp && !chosen.summary.season) warnings.push(chosen.summary.seasonNote, 'season-not-backtested');
	let fit = chosen.fit;
	let halfWidths = chosen.halfWidths;
	if (!fit.forecast.every(Number.isFinite) || !Object.values(halfWidths).every((w) => w.every(Number.isFinite))) {
		// Cannot happen for the fits fit-methods accepts; kept so that the output contract holds regardless.
		warnings.push(`${fit.method} produced non-finite numbers; fell back to naive`);
		fit = fitMethods(y, { methods: ['naive'], period, horizon }).fits.naive!;
		halfWidths = intervalHalfWidths({
			levels,
			forecast: fit.forecast,
			analytic: { sigmas: analyticSigmas(fit), df: residualDf(fit) },
			varianceFactors: fit.varianceFactors
		});
	}

	// Holiday weeks ahead: at least as wide as last year's holiday weeks were hard to predict from the year before.
	if (align && n > yp!) halfWidths = holidayHalfWidths(y, align, fit.forecast, halfWidths);

	if (yp && n > yp && Number.isFinite(fit.forecast[0])) {
		// Does the level agree with the same periods last year, moved by the recent year-over-year change?
		const steps = Math.min(horizon, yp, n - yp);
		const yearAgo = (t: number) => {
			let s = align ? align.yearAgo(t) : t - yp;
			while (s >= n) s = align ? align.yearAgo(s) : s - yp;
			return Math.max(0, s);
		};
		const lastYear = Array.from({ length: steps }, (_, i) => y[yearAgo(n + i)]!).reduce((a, b) => a + b, 0);
		const change = yoyChange(y, yp, Math.max(1, Math.round(yp / 4)), align ? (t) => align.yearAgo(t) : undefined);
		const expected = change ? (change.kind === 'ratio' ? lastYear * change.value : lastYear + change.value * steps) : lastYear;
		const predicted = fit.forecast.slice(0, steps).reduce((a, b) => a + b, 0);
		const gap = expected > 0 ? predicted / expected - 1 : 0;
		if (Math.abs(gap) > 0.25) {
			const move = change?.kind === 'ratio' ? `x ${change.value.toFixed(2)}` : `${change && change.value >= 0 ? '+' : ''}${(change?.value ?? 0).toFixed(2)} a ${unit}`;
			warnings.push(
				`the forecast's next ${steps} ${unit}s total ${round(predicted)}, ${Math.round(Math.abs(gap) * 100)}% ${gap > 0 ? 'above' : 'below'} the same ${unit}s last year moved by the recent year-over-year change (${round(expected)}, ${move}): more than that change explains`,
				'level-vs-last-year'
			);
		}
	}

	const lastDay = input.days?.[input.days.length - 1];
	const futureDates =
		lastDay !== undefined && input.frequency
			? Array.from({ length: horizon }, (_, i) => formatIsoDate(addPeriods(lastDay, input.frequency!, i + 1)))
			: undefined;
	return {
		method: fit.method,
		...(input.frequency ? { frequency: input.frequency } : {}),
		period,
		points: predictionIntervals(fit.forecast, halfWidths, levels, futureDates),
		backtest: chosen.summary,
		fitted: y.map((value, t) => ({ ...(input.dates ? { date: input.dates[t]! } : {}), value, fitted: fit.fitted[t]! })),
		params: fit.params,
		warnings: notes.map((w) => w.text),
		notes
	};
}

function normaliseLevels(levels: readonly number[]): number[] {
	for (const level of levels) {
		if (typeof level !== 'number' || !(level > 0 && level < 100)) throw new ForecastInputError(`each level must be a percentage strictly between 0 and 100, saw ${level}`, { field: 'levels' });
	}
	return [...new Set(levels)].sort((a, b) => a - b);
}

function normaliseMethods(methods: readonly MethodName[] | undefined): readonly MethodName[] | undefined {
	if (methods === undefined) return undefined;
	for (const m of methods) {
		if (!METHOD_NAMES.includes(m)) throw new ForecastInputError(`unknown method "${m}"; expected one of ${METHOD_NAMES.join(', ')}`, { field: 'methods' });
	}
	if (methods.length === 0) throw new ForecastInputError('methods must name at least one method', { field: 'methods' });
	return methods;
}

function round(v: number): string {
	return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toPrecision(3);
}
