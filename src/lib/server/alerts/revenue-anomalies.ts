/**
 * The revenue-anomaly rule (pure): a week's actual revenue of one partner, channel or country against the
 * 95% band of a forecast made from the weeks before it only, and, once a year of history exists, against
 * last year's same week moved by the recent year-over-year change: a week the yearly season explains (the
 * Black Friday peak) is not an anomaly even when the model chosen on recent weeks misses it.
 * Called by evaluate-alerts.ts after each publish.
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
		const season = seasonalBand(history);
		if (season && actual >= season.lo && actual <= season.hi) continue;
		if (Math.abs(deviation) < rules.minDeviation) continue;
		if (Math.abs(deviation) < rules.minRelative * expected) continue;
		out.push({ dimension: s.dimension, key: s.key, label: s.label, week_start: week, direction: deviation < 0 ? 'drop' : 'rise', actual, forecast: expected, lo95: lo, hi95: hi, method: result.method, period: result.period });
	}
	return out;
}

/** How the alerted partners and countries are named in a netted series' label. */
export function alertedNames(names: readonly string[]): string {
	return names.length <= 2 ? `${names.join(' and ')} (alerted on ${names.length === 1 ? 'its' : 'their'} own)` : `the ${names.length} partners and countries alerted on their own`;
}

/**
 * Each aggregate series less the weekly revenue of what was alerted on its own: `minus` are the same
 * dimensions and keys over the alerted partners (or countries), `plus` what `minus` counted twice (partner and
 * country both alerted). Series nothing touches are returned unchanged; the others are labelled `without who`.
 *
 * @example
 * withoutAlerted([coupon], [couponOfP0019], [], 'Reward Back 2 (alerted on its own)')[0].label; // => 'the coupon channel without Reward Back 2 (alerted on its own)'
 */
export function withoutAlerted(aggregates: readonly WeeklyRevenueSeries[], minus: readonly WeeklyRevenueSeries[], plus: readonly WeeklyRevenueSeries[], who: string): WeeklyRevenueSeries[] {
	const weekly = (list: readonly WeeklyRevenueSeries[], s: WeeklyRevenueSeries) => {
		const m = new Map<string, number>();
		for (const x of list) if (x.dimension === s.dimension && x.key === s.key) for (const w of x.weeks) m.set(w.week_start, (m.get(w.week_start) ?? 0) + w.revenue);
		return m;
	};
	return aggregates.map((s) => {
		const less = weekly(minus, s);
		if (less.size === 0) return s;
		const back = weekly(plus, s);
		const weeks = s.weeks.map((w) => ({ week_start: w.week_start, revenue: w.revenue - (less.get(w.week_start) ?? 0) + (back.get(w.week_start) ?? 0) }));
		const first = weeks.findIndex((w) => Math.abs(w.revenue) > 1e-9);
		return { ...s, label: `${s.label} without ${who}`, weeks: first < 0 ? [] : weeks.slice(first) };
	});
}

/** Weeks a series needs for last year's same week plus the change since: a year and one week. */
const YEAR_AND_A_WEEK = 53;

/**
 * The 95% band of seasonal naive moved by the year-over-year change (last year's same week x the growth of
 * the last quarter-year), widened by its own backtest errors; null with less than a year and a week of history.
 */
function seasonalBand(history: readonly { readonly week_start: string; readonly revenue: number }[]): { lo: number; hi: number } | null {
	if (history.length < YEAR_AND_A_WEEK) return null;
	const result = forecast(
		history.map((w) => ({ date: w.week_start, value: w.revenue })),
		{ horizon: 1, levels: [95], frequency: 'week', maxOrigins: 8, methods: ['seasonal-naive-yoy'] }
	);
	if (result.method !== 'seasonal-naive-yoy') return null;
	const point = result.points[0]!;
	return { lo: Math.max(0, point.lo95 ?? point.value), hi: point.hi95 ?? point.value };
}
