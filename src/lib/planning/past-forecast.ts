/**
 * Actuals against a past forecast: forecast a series as if it ended `holdout` points earlier, with the same
 * engine and options, and score that forecast against what happened. Called by the revenue forecast report.
 */
import { forecast, maseScale, mae, smape, type ForecastOptions, type SeriesPoint } from '../forecast/index.ts';

export interface PastForecastPoint {
	readonly date: string;
	readonly actual: number;
	readonly value: number;
	readonly lo80: number;
	readonly hi80: number;
	readonly lo95: number;
	readonly hi95: number;
}

export interface PastForecast {
	/** The last date the past forecast saw. */
	readonly origin: string;
	readonly method: string;
	readonly reason: string;
	readonly points: readonly PastForecastPoint[];
	/** Realised errors over the held-out points: MASE (scaled by the training series' seasonal naive error), sMAPE (%), MAE. */
	readonly mase: number;
	readonly smape: number;
	readonly mae: number;
	/** Share of held-out actuals inside the 80% and 95% intervals. */
	readonly coverage80: number;
	readonly coverage95: number;
}

/**
 * Cuts the last `holdout` points off `series`, forecasts them with `options` (horizon = holdout, levels 80
 * and 95) and compares. Returns null when fewer than 8 points would remain to fit.
 *
 * Complexity: that of one forecast() call.
 *
 * @example
 * pastForecast(weeklyRevenue, 13, { period: 13 });
 * // => { origin: '2026-03-30', method: 'damped', mase: 0.71, smape: 6.2, coverage80: 0.85, ... }
 */
export function pastForecast(series: readonly SeriesPoint[], holdout: number, options: Omit<ForecastOptions, 'horizon' | 'levels'> = {}): PastForecast | null {
	if (!Number.isInteger(holdout) || holdout < 1 || series.length - holdout < 8) return null;
	const train = series.slice(0, series.length - holdout);
	const test = series.slice(series.length - holdout);
	const result = forecast(train, { ...options, horizon: holdout, levels: [80, 95] });
	const actual = test.map((p) => p.value);
	const predicted = result.points.map((p) => p.value);
	const period = result.period;
	const points = test.map((p, i) => {
		const f = result.points[i]!;
		return { date: p.date, actual: p.value, value: f.value, lo80: f.lo80!, hi80: f.hi80!, lo95: f.lo95!, hi95: f.hi95! };
	});
	const inside = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95') => points.filter((p) => p.actual >= p[lo] && p.actual <= p[hi]).length / points.length;
	return {
		origin: train.at(-1)!.date,
		method: result.method,
		reason: result.backtest.reason,
		points,
		mase: mae(actual, predicted) / maseScale(train.map((p) => p.value), period),
		smape: smape(actual, predicted),
		mae: mae(actual, predicted),
		coverage80: inside('lo80', 'hi80'),
		coverage95: inside('lo95', 'hi95')
	};
}
