/**
 * The revenue-anomaly rule (pure): a week's actual revenue of one partner, channel or country against the
 * 95% band of a forecast made from the weeks before it only. Called by evaluate-alerts.ts after each publish.
 */
import { forecast } from '../../forecast/index.ts';

export const ANOMALY_DIMENSIONS = ['partner', 'channel', 'country'] as const;
export type AnomalyDimension = (typeof ANOMALY_DIMENSIONS)[number];

export interface WeeklyRevenueSeries {
	readonly dimension: AnomalyDimension;
	readonly key: string;
	readonly label: string;
	/** Complete weeks, oldest first, every week present (zeros where nothing sold); the last may be the week judged. */
	readonly weeks: readonly { readonly week_start: string; readonly revenue: number }[];
}

export interface AnomalyRules {
	/** Smallest |actual - forecast| (base currency) worth an alert, so small partners do not flood the channel. */
	readonly minDeviation: number;
	/** Smallest |actual - forecast| relative to the forecast. */
	readonly minRelative: number;
	/** Weeks of history the forecast needs. */
	readonly minHistory: number;
}

export const DEFAULT_ANOMALY_RULES: AnomalyRules = { minDeviation: 1000, minRelative: 0.25, minHistory: 8 };

export interface RevenueAnomaly {
	readonly dimension: AnomalyDimension;
	readonly key: string;
	readonly label: string;
	readonly week_start: string;
	readonly direction: 'drop' | 'rise';
	readonly actual: number;
	readonly forecast: number;
	readonly lo95: number;
	readonly hi95: number;
	/** The forecast's method and season length (52 once two years of weeks are there, so the band knows the season). */
	readonly method: string;
	readonly period: number;
}

/**
 * The series whose `week` lies outside the 95% prediction interval of a one-week-ahead forecast fitted on the
 * weeks before it (the forecasting engine picks the method by backtest and is seasonal when the history allows),
 * and whose deviation is at least `minDeviation` and `minRelative` of the forecast. The band's lower edge is
 * floored at 0 (revenue cannot be negative). Series with fewer than `minHistory` weeks before `week` are skipped.
 *
 * Complexity: one forecast per series, O(series * origins * methods * weeks).
 *
 * @example
 * revenueAnomalies([{ dimension: 'country', key: 'FR', label: 'FR', weeks }], '2026-06-22', DEFAULT_ANOMALY_RULES);
 * // => [{ key: 'FR', direction: 'drop', actual: 80, forecast: 1100, lo95: 700, hi95: 1500, ... }]
 */
export function revenueAnomalies(series: readonly WeeklyRevenueSeries[], week: string, rules: AnomalyRules = DEFAULT_ANOMALY_RULES): RevenueAnomaly[] {
	const out: RevenueAnomaly[] = [];
	for (const s of series) {
		const at = s.weeks.findIndex((w) => w.week_start === week);
		if (at < rules.minHistory) continue;
		const history = s.weeks.slice(0, at);
		// A series that is zero throughout the history has no level to deviate from.
		if (history.every((w) => w.revenue === 0)) continue;
		const actual = s.weeks[at]!.revenue;
		const result = forecast(
			history.map((w) => ({ date: w.week_start, value: w.revenue })),
			{ horizon: 1, levels: [95], frequency: 'week', maxOrigins: 8 }
		);
		const point = result.points[0]!;
		const expected = Math.max(0, point.value);
		const lo = Math.max(0, point.lo95 ?? expected);
		const hi = point.hi95 ?? expected;
		const deviation = actual - expected;
		if (actual >= lo && actual <= hi) continue;
		if (Math.abs(deviation) < rules.minDeviation) continue;
		if (Math.abs(deviation) < rules.minRelative * expected) continue;
		out.push({ dimension: s.dimension, key: s.key, label: s.label, week_start: week, direction: deviation < 0 ? 'drop' : 'rise', actual, forecast: expected, lo95: lo, hi95: hi, method: result.method, period: result.period });
	}
	return out;
}
