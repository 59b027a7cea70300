/**
 * The forecast bench's short-history setting: windows of exactly two years + a quarter of weeks (104 + 13),
 * 24 + 12 months and 400 + 14 days cut from real public series with a yearly season (vega-datasets weather
 * of Seattle and New York 2012-2015, US unemployment by industry 2000-2010), at origins right after the
 * yearly peak and elsewhere. Scores the engine against seasonal naive and seasonal naive scaled by the recent
 * year-over-year change. Called by forecast-accuracy.ts (`npm run bench`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyticSigmas, forecast, mae, maseScale, seasonalNaive, seasonalNaiveYoy, smape, type Frequency, type ModelFit } from '../lib/forecast/index.ts';

export interface ShortSeries {
	readonly name: string;
	readonly frequency: Frequency;
	/** Periods per year. */
	readonly year: number;
	readonly points: readonly { readonly date: string; readonly value: number }[];
}

/** One setting: the training length and horizon of every window. */
export interface ShortSetting {
	readonly frequency: Frequency;
	readonly train: number;
	readonly horizon: number;
}

export const SHORT_SETTINGS: readonly ShortSetting[] = [
	{ frequency: 'week', train: 104, horizon: 13 },
	{ frequency: 'month', train: 24, horizon: 12 },
	{ frequency: 'day', train: 400, horizon: 14 }
];

/** Mean scores of one forecaster over the windows of a group. */
export interface Scores {
	readonly mase: number;
	readonly smape: number;
	readonly coverage80: number;
	readonly coverage95: number;
	readonly msis: number;
}

export interface ShortGroup {
	readonly frequency: Frequency;
	readonly origin: 'after peak' | 'elsewhere' | 'all';
	readonly windows: number;
	readonly series: number;
	readonly engine: Scores;
	readonly seasonalNaive: Scores;
	readonly yoyNaive: Scores;
}

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

/** Windows per series and setting: the cut right after each yearly peak, and every half year elsewhere. */
function cuts(s: ShortSeries, setting: ShortSetting): { at: number; afterPeak: boolean }[] {
	const n = s.points.length;
	const first = setting.train;
	const last = n - setting.horizon;
	if (last < first) return [];
	const out = new Map<number, boolean>();
	const values = s.points.map((p) => p.value);
	for (let start = 0; start + s.year <= n; start += s.year) {
		let peak = start;
		for (let t = start; t < start + s.year; t++) if (values[t]! > values[peak]!) peak = t;
		const at = peak + 1;
		if (at >= first && at <= last) out.set(at, true);
	}
	const step = Math.max(1, Math.round(s.year / 2));
	for (let at = first; at <= last; at += step) {
		// Keep "elsewhere" away from the peaks (a quarter of a year).
		if ([...out.keys()].every((p) => Math.abs(p - at) > s.year / 4)) out.set(at, false);
	}
	return [...out].map(([at, afterPeak]) => ({ at, afterPeak }));
}

interface WindowScore {
	readonly afterPeak: boolean;
	readonly series: string;
	readonly engine: Scores;
	readonly seasonalNaive: Scores;
	readonly yoyNaive: Scores;
}

function score(actual: readonly number[], predicted: readonly number[], bounds: { lo80: number[]; hi80: number[]; lo95: number[]; hi95: number[] }, scale: number): Scores {
	const h = actual.length;
	const inside = (lo: number[], hi: number[]) => actual.filter((a, i) => a >= lo[i]! && a <= hi[i]!).length / h;
	let msis = 0;
	actual.forEach((a, i) => {
		const lo = bounds.lo95[i]!;
		const hi = bounds.hi95[i]!;
		msis += hi - lo + (2 / 0.05) * Math.max(0, lo - a) + (2 / 0.05) * Math.max(0, a - hi);
	});
	return { mase: mae(actual, predicted) / scale, smape: smape(actual, predicted), coverage80: inside(bounds.lo80, bounds.hi80), coverage95: inside(bounds.lo95, bounds.hi95), msis: msis / h / scale };
}

/** A benchmark's normal intervals from its in-sample residuals and variance factors. */
function analyticBounds(fit: ModelFit) {
	const sigmas = analyticSigmas(fit);
	const at = (z: number, sign: number) => fit.forecast.map((v, i) => v + sign * z * sigmas[i]!);
	return { lo80: at(Z80, -1), hi80: at(Z80, 1), lo95: at(Z95, -1), hi95: at(Z95, 1) };
}

function evaluateWindow(s: ShortSeries, setting: ShortSetting, at: number): Omit<WindowScore, 'afterPeak'> {
	const train = s.points.slice(at - setting.train, at);
	const test = s.points.slice(at, at + setting.horizon).map((p) => p.value);
	const y = train.map((p) => p.value);
	const scale = maseScale(y, s.year);
	const result = forecast(train, { horizon: setting.horizon, frequency: s.frequency, period: s.frequency === 'day' ? 7 : s.year });
	const pick = (k: 'lo80' | 'hi80' | 'lo95' | 'hi95') => result.points.map((p) => p[k]!);
	const engine = score(test, result.points.map((p) => p.value), { lo80: pick('lo80'), hi80: pick('hi80'), lo95: pick('lo95'), hi95: pick('hi95') }, scale);
	const sn = seasonalNaive(y, { horizon: setting.horizon, period: s.year });
	const yoy = seasonalNaiveYoy(y, { horizon: setting.horizon, yearPeriod: s.year });
	return {
		series: s.name,
		engine,
		seasonalNaive: score(test, sn.forecast, analyticBounds(sn), scale),
		yoyNaive: score(test, yoy.forecast, analyticBounds(yoy), scale)
	};
}

const meanOf = (xs: readonly Scores[]): Scores => {
	const m = (k: keyof Scores) => xs.reduce((a, x) => a + x[k], 0) / Math.max(1, xs.length);
	return { mase: m('mase'), smape: m('smape'), coverage80: m('coverage80'), coverage95: m('coverage95'), msis: m('msis') };
};

/** Every window of every setting, summarised per frequency and origin kind. */
export function runShortHistory(series: readonly ShortSeries[]): ShortGroup[] {
	const groups: ShortGroup[] = [];
	for (const setting of SHORT_SETTINGS) {
		const windows: WindowScore[] = [];
		for (const s of series.filter((x) => x.frequency === setting.frequency)) {
			for (const cut of cuts(s, setting)) windows.push({ afterPeak: cut.afterPeak, ...evaluateWindow(s, setting, cut.at) });
		}
		for (const origin of ['after peak', 'elsewhere', 'all'] as const) {
			const chosen = windows.filter((w) => origin === 'all' || w.afterPeak === (origin === 'after peak'));
			if (chosen.length === 0) continue;
			groups.push({
				frequency: setting.frequency,
				origin,
				windows: chosen.length,
				series: new Set(chosen.map((w) => w.series)).size,
				engine: meanOf(chosen.map((w) => w.engine)),
				seasonalNaive: meanOf(chosen.map((w) => w.seasonalNaive)),
				yoyNaive: meanOf(chosen.map((w) => w.yoyNaive))
			});
		}
	}
	return groups;
}

/** The groups as a Markdown table (pasted into the README). */
export function formatShortHistory(groups: readonly ShortGroup[]): string {
	const f = (x: number) => x.toFixed(3);
	const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
	const setting = (g: ShortGroup) => SHORT_SETTINGS.find((s) => s.frequency === g.frequency)!;
	const lines = [
		'| data | origins | windows (series) | MASE engine | MASE seasonal naive | MASE YoY naive | engine vs seasonal naive | sMAPE engine / sN / YoY | coverage 80 / 95 engine | MSIS engine / sN / YoY |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
	];
	for (const g of groups) {
		const s = setting(g);
		lines.push(
			`| ${g.frequency}ly ${s.train} + ${s.horizon} | ${g.origin} | ${g.windows} (${g.series}) | ${f(g.engine.mase)} | ${f(g.seasonalNaive.mase)} | ${f(g.yoyNaive.mase)} | ${pct(g.engine.mase / g.seasonalNaive.mase - 1)} | ${g.engine.smape.toFixed(1)} / ${g.seasonalNaive.smape.toFixed(1)} / ${g.yoyNaive.smape.toFixed(1)} | ${pct(g.engine.coverage80)} / ${pct(g.engine.coverage95)} | ${g.engine.msis.toFixed(2)} / ${g.seasonalNaive.msis.toFixed(2)} / ${g.yoyNaive.msis.toFixed(2)} |`.replace('dayly', 'daily')
		);
	}
	return lines.join('\n');
}

/** Daily, weekly and monthly series with a yearly season, from the vega-datasets files in `dataDir`. */
export async function loadShortSeries(dataDir: string): Promise<ShortSeries[]> {
	const text = (name: string) => readFile(join(dataDir, name), 'utf8');
	const [head, ...lines] = (await text('weather.csv')).trim().split(/\r?\n/);
	const columns = head!.split(',');
	const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i]!, v])) as Record<string, string>);
	const out: ShortSeries[] = [];
	for (const location of [...new Set(rows.map((r) => r.location!))]) {
		const days = rows.filter((r) => r.location === location).sort((a, b) => (a.date! < b.date! ? -1 : 1));
		for (const column of ['temp_max', 'temp_min', 'precipitation', 'wind']) {
			const name = `${location} ${column}`;
			const daily = days.map((r) => ({ date: r.date!, value: Number(r[column]) }));
			out.push({ name, frequency: 'day', year: 365, points: daily });
			const weeks: { date: string; value: number }[] = [];
			for (let i = 0; i + 7 <= daily.length; i += 7) weeks.push({ date: daily[i]!.date, value: daily.slice(i, i + 7).reduce((a, p) => a + p.value, 0) / 7 });
			out.push({ name, frequency: 'week', year: 52, points: weeks });
			const months = new Map<string, { sum: number; count: number }>();
			for (const p of daily) {
				const key = `${p.date.slice(0, 7)}-01`;
				const m = months.get(key) ?? { sum: 0, count: 0 };
				m.sum += p.value;
				m.count++;
				months.set(key, m);
			}
			out.push({ name, frequency: 'month', year: 12, points: [...months].map(([date, m]) => ({ date, value: m.sum / m.count })) });
		}
	}
	const unemployment = JSON.parse(await text('unemployment-across-industries.json')) as { series: string; year: number; month: number; count: number }[];
	for (const industry of [...new Set(unemployment.map((r) => r.series))]) {
		const points = unemployment.filter((r) => r.series === industry).map((r) => ({ date: `${r.year}-${String(r.month).padStart(2, '0')}-01`, value: r.count }));
		out.push({ name: `unemployment ${industry}`, frequency: 'month', year: 12, points });
	}
	return out;
}
