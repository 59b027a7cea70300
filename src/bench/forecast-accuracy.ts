/**
 * Accuracy bench of the forecasting engine on real public series (vega-datasets), in two settings. Long
 * history: hold out the last season of each series, forecast it from the rest, score MASE / sMAPE against
 * seasonal naive and check the coverage of the 80% and 95% intervals. Short history: windows of two years of
 * weeks, two years of months and 400 days (short-history-accuracy.ts). Run: `npm run bench -- --only forecast`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { fitMethods, forecast, mase, METHOD_NAMES, seasonalNaive, smape, type Frequency, type MethodName } from '../lib/forecast/index.ts';
import { formatShortHistory, loadShortSeries, runShortHistory, type ShortGroup } from './short-history-accuracy.ts';
import { formatHolidayAccuracy, runHolidayAccuracy, type HolidayGroup } from './holiday-accuracy.ts';

export interface BenchSeries {
	readonly name: string;
	readonly frequency: Frequency;
	readonly period: number;
	readonly points: readonly { readonly date: string; readonly value: number }[];
}

export interface SeriesAccuracy {
	readonly name: string;
	readonly frequency: Frequency;
	readonly period: number;
	/** Observations used to fit (after gap filling) and held out. */
	readonly train: number;
	readonly holdout: number;
	readonly method: MethodName;
	readonly mase: number;
	readonly smape: number;
	readonly naiveMase: number;
	readonly naiveSmape: number;
	/** Share of held-out points inside the 80% / 95% intervals. */
	readonly coverage80: number;
	readonly coverage95: number;
	/** Holdout MASE of every method fitted to the training part, for comparison (not used to choose). */
	readonly methodMase: Readonly<Partial<Record<MethodName, number>>>;
	readonly warnings: readonly string[];
}

export interface AccuracyReport {
	readonly series: readonly SeriesAccuracy[];
	readonly summary: {
		readonly count: number;
		readonly meanMase: number;
		readonly medianMase: number;
		readonly meanNaiveMase: number;
		readonly medianNaiveMase: number;
		readonly meanSmape: number;
		readonly meanNaiveSmape: number;
		/** Pooled over every held-out point of every series. */
		readonly coverage80: number;
		readonly coverage95: number;
		/** Mean of the per-series coverages (each series weighs the same). */
		readonly meanSeriesCoverage80: number;
		readonly meanSeriesCoverage95: number;
		/** Series where the chosen method's MASE is below seasonal naive's. */
		readonly beatsNaive: number;
		/** Mean holdout MASE of each method over the series it could fit, and how many those were. */
		readonly methodMeans: Readonly<Partial<Record<MethodName, { readonly mase: number; readonly count: number }>>>;
		readonly seconds: number;
	};
	/**
	 * The same evaluation with the holdout moved back by 1, 2, 3 seasons (each series cut short first), to show
	 * how much the figures depend on what happened in the final season (the 2009 recession, for most series).
	 */
	readonly earlierHoldouts: readonly HoldoutSummary[];
	/** Short history: 104 + 13 weeks, 24 + 12 months, 400 + 14 days (see short-history-accuracy.ts). */
	readonly shortHistory: readonly ShortGroup[];
	/** Retail holidays: Black Friday origins on the generator's calendar (see holiday-accuracy.ts). */
	readonly holidays: readonly HolidayGroup[];
}

export interface HoldoutSummary {
	/** Seasons dropped from the end before holding out the last season. */
	readonly seasonsBack: number;
	readonly count: number;
	readonly meanMase: number;
	readonly meanNaiveMase: number;
	readonly coverage80: number;
	readonly coverage95: number;
}

const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/vega-datasets/data');

/**
 * Load the bench series, forecast each one's last season (6 points for yearly data) from the rest and score
 * it. Pure apart from reading the data files.
 */
export async function runForecastAccuracy(
	options: { readonly dataDir?: string; readonly earlierHoldouts?: number } = {}
): Promise<AccuracyReport> {
	const started = performance.now();
	const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
	const all = await loadBenchSeries(dataDir);
	const series = all.map((s) => evaluateSeries(s));
	const earlierHoldouts: HoldoutSummary[] = [];
	for (let back = 1; back <= (options.earlierHoldouts ?? 3); back++) {
		// Keep a series only while at least three holdouts' worth of history remains before the cut.
		const cut = all.filter((s) => s.points.length - back * holdoutOf(s) >= 4 * holdoutOf(s));
		const scored = cut.map((s) => evaluateSeries(s, back));
		const n = scored.reduce((a, s) => a + s.holdout, 0);
		earlierHoldouts.push({
			seasonsBack: back,
			count: scored.length,
			meanMase: mean(scored.map((s) => s.mase)),
			meanNaiveMase: mean(scored.map((s) => s.naiveMase)),
			coverage80: scored.reduce((a, s) => a + s.coverage80 * s.holdout, 0) / n,
			coverage95: scored.reduce((a, s) => a + s.coverage95 * s.holdout, 0) / n
		});
	}
	const median = (xs: readonly number[]) => {
		const s = [...xs].sort((a, b) => a - b);
		const mid = Math.floor(s.length / 2);
		return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
	};
	const points = series.reduce((a, s) => a + s.holdout, 0);
	const methodMeans: Partial<Record<MethodName, { mase: number; count: number }>> = {};
	for (const method of METHOD_NAMES) {
		const values = series.map((s) => s.methodMase[method]).filter((v): v is number => v !== undefined);
		if (values.length > 0) methodMeans[method] = { mase: mean(values), count: values.length };
	}
	return {
		series,
		summary: {
			count: series.length,
			meanMase: mean(series.map((s) => s.mase)),
			medianMase: median(series.map((s) => s.mase)),
			meanNaiveMase: mean(series.map((s) => s.naiveMase)),
			medianNaiveMase: median(series.map((s) => s.naiveMase)),
			meanSmape: mean(series.map((s) => s.smape)),
			meanNaiveSmape: mean(series.map((s) => s.naiveSmape)),
			coverage80: series.reduce((a, s) => a + s.coverage80 * s.holdout, 0) / points,
			coverage95: series.reduce((a, s) => a + s.coverage95 * s.holdout, 0) / points,
			meanSeriesCoverage80: mean(series.map((s) => s.coverage80)),
			meanSeriesCoverage95: mean(series.map((s) => s.coverage95)),
			beatsNaive: series.filter((s) => s.mase < s.naiveMase).length,
			methodMeans,
			seconds: (performance.now() - started) / 1000
		},
		earlierHoldouts,
		shortHistory: runShortHistory(await loadShortSeries(dataDir)),
		holidays: runHolidayAccuracy()
	};
}

function mean(xs: readonly number[]): number {
	return xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
}

/** Points held out: one season, or 6 for yearly data. */
function holdoutOf(s: BenchSeries): number {
	return s.period > 1 ? s.period : 6;
}

/** Forecast the last season of one series (after dropping `seasonsBack` seasons) from the rest and score it. */
export function evaluateSeries(s: BenchSeries, seasonsBack = 0): SeriesAccuracy {
	const holdout = holdoutOf(s);
	const points = s.points.slice(0, s.points.length - seasonsBack * holdout);
	const train = points.slice(0, -holdout);
	const test = points.slice(-holdout).map((p) => p.value);
	const result = forecast(train, { horizon: holdout, period: s.period, frequency: s.frequency });
	const history = result.fitted.map((f) => f.value);
	const predicted = result.points.map((p) => p.value);
	const naive = seasonalNaive(history, { horizon: holdout, period: s.period }).forecast;
	const inside = (level: number) =>
		test.filter((a, i) => a >= result.points[i]![`lo${level}`]! && a <= result.points[i]![`hi${level}`]!).length / test.length;
	const methodMase: Partial<Record<MethodName, number>> = {};
	const { fits } = fitMethods(history, { methods: METHOD_NAMES.filter((m) => m in result.backtest.errors), period: result.period, horizon: holdout });
	for (const [method, fit] of Object.entries(fits)) methodMase[method as MethodName] = mase(test, fit.forecast, history, s.period);
	return {
		name: s.name,
		frequency: s.frequency,
		period: s.period,
		train: history.length,
		holdout,
		method: result.method,
		mase: mase(test, predicted, history, s.period),
		smape: smape(test, predicted),
		naiveMase: mase(test, naive, history, s.period),
		naiveSmape: smape(test, naive),
		coverage80: inside(80),
		coverage95: inside(95),
		methodMase,
		warnings: result.warnings
	};
}

/** The report as a plain text table: one row per series, then the summary figures. */
export function formatAccuracyReport(report: AccuracyReport): string {
	const f = (x: number, d = 3) => x.toFixed(d);
	const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
	const header = ['series', 'freq', 'n', 'h', 'method', 'MASE', 'sMAPE', 'sNaive MASE', 'sNaive sMAPE', 'cov80', 'cov95'];
	const rows = report.series.map((s) => [
		s.name,
		`${s.frequency}/${s.period}`,
		String(s.train),
		String(s.holdout),
		s.method,
		f(s.mase),
		f(s.smape, 2),
		f(s.naiveMase),
		f(s.naiveSmape, 2),
		pct(s.coverage80),
		pct(s.coverage95)
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	const m = report.summary;
	const methodLines = Object.entries(m.methodMeans).map(([name, v]) => `  ${name.padEnd(28)} ${f(v.mase)}  (${v.count} series)`);
	return [
		line(header),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map(line),
		'',
		`series: ${m.count}; chosen method beats seasonal naive on ${m.beatsNaive} of ${m.count}`,
		`MASE   chosen: mean ${f(m.meanMase)}, median ${f(m.medianMase)}   seasonal naive: mean ${f(m.meanNaiveMase)}, median ${f(m.medianNaiveMase)}`,
		`sMAPE  chosen: mean ${f(m.meanSmape, 2)}   seasonal naive: mean ${f(m.meanNaiveSmape, 2)}`,
		`coverage of held-out points (pooled): 80% -> ${pct(m.coverage80)}, 95% -> ${pct(m.coverage95)}`,
		`coverage (mean over series):          80% -> ${pct(m.meanSeriesCoverage80)}, 95% -> ${pct(m.meanSeriesCoverage95)}`,
		'holdout MASE of each method fitted alone (for comparison, not used to choose):',
		...methodLines,
		'the same with the holdout moved back (series too short for it dropped):',
		...report.earlierHoldouts.map(
			(e) =>
				`  ${e.seasonsBack} season${e.seasonsBack > 1 ? 's' : ''} back: ${e.count} series, MASE ${f(e.meanMase)} vs seasonal naive ${f(e.meanNaiveMase)}, coverage 80% -> ${pct(e.coverage80)}, 95% -> ${pct(e.coverage95)}`
		),
		`time: ${m.seconds.toFixed(1)} s (long history)`,
		'',
		'Short history (windows cut from daily weather of Seattle and New York 2012-2015 and monthly US unemployment by',
		'industry 2000-2010; MASE scaled by the training window\'s yearly seasonal-naive error; MSIS at 95%):',
		formatShortHistory(report.shortHistory),
		'',
		'Retail holidays (the sample generator\'s daily calendar x noise, Monday weeks 2012-2032; 104 + 13 weeks from two',
		'weeks before each Black Friday week and from it, 2014-2031; grouped by Black Friday\'s step from the year before):',
		formatHolidayAccuracy(report.holidays)
	].join('\n');
}

/** Every bench series, read from the vega-datasets files in `dataDir`. */
export async function loadBenchSeries(dataDir: string): Promise<BenchSeries[]> {
	const text = (name: string) => readFile(join(dataDir, name), 'utf8');
	const csv = async (name: string) => {
		const [head, ...lines] = (await text(name)).trim().split(/\r?\n/);
		const columns = head!.split(',');
		return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i]!, v])) as Record<string, string>);
	};
	const out: BenchSeries[] = [];
	const monthly = (name: string, points: { date: string; value: number }[]): BenchSeries => ({ name, frequency: 'month', period: 12, points });
	const yearly = (name: string, points: { date: string; value: number }[]): BenchSeries => ({ name, frequency: 'year', period: 1, points });

	// Monthly CO2 at Mauna Loa (a few months missing in the early years: exercises gap filling).
	out.push(monthly('co2 concentration', (await csv('co2-concentration.csv')).map((r) => ({ date: r.Date!, value: Number(r.CO2) }))));

	// US unemployment counts by industry, 2000-2010 (seasonal, with the 2008 recession).
	const unemployment = JSON.parse(await text('unemployment-across-industries.json')) as { series: string; year: number; month: number; count: number }[];
	for (const industry of [...new Set(unemployment.map((r) => r.series))]) {
		const points = unemployment
			.filter((r) => r.series === industry)
			.map((r) => ({ date: `${r.year}-${String(r.month).padStart(2, '0')}-01`, value: r.count }));
		out.push(monthly(`unemployment ${industry}`, points));
	}

	// US employment by sector, 2006-2015.
	const employment = await csv('us-employment.csv');
	for (const column of ['nonfarm', 'construction', 'manufacturing', 'retail_trade', 'leisure_and_hospitality', 'government']) {
		out.push(monthly(`employment ${column}`, employment.map((r) => ({ date: r.month!, value: Number(r[column]) }))));
	}

	// Monthly stock prices (random walks: seasonal naive is hard to beat by much).
	const months: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };
	const usDate = (d: string) => {
		const [mon, day, year] = d.split(' ');
		return `${year}-${months[mon!]}-${day!.padStart(2, '0')}`;
	};
	const stocks = await csv('stocks.csv');
	for (const symbol of [...new Set(stocks.map((r) => r.symbol!))]) {
		out.push(monthly(`stock ${symbol}`, stocks.filter((r) => r.symbol === symbol).map((r) => ({ date: usDate(r.date!), value: Number(r.price) }))));
	}
	out.push(monthly('S&P 500', (await csv('sp500.csv')).map((r) => ({ date: usDate(r.date!), value: Number(r.price) }))));

	// Seattle daily weather 2012-2015, aggregated to weeks (from the first Sunday) and months.
	const weather = await csv('seattle-weather.csv');
	const weeks: { date: string; value: number }[] = [];
	for (let i = 0; i + 7 <= weather.length; i += 7) {
		const block = weather.slice(i, i + 7);
		weeks.push({ date: block[0]!.date!, value: block.reduce((a, r) => a + Number(r.temp_max), 0) / 7 });
	}
	out.push({ name: 'seattle weekly max temp', frequency: 'week', period: 52, points: weeks });
	const byMonth = new Map<string, { sum: number; count: number; rain: number }>();
	for (const r of weather) {
		const key = `${r.date!.slice(0, 7)}-01`;
		const m = byMonth.get(key) ?? { sum: 0, count: 0, rain: 0 };
		m.sum += Number(r.temp_max);
		m.count++;
		m.rain += Number(r.precipitation);
		byMonth.set(key, m);
	}
	out.push(monthly('seattle monthly max temp', [...byMonth].map(([date, m]) => ({ date, value: m.sum / m.count }))));
	out.push(monthly('seattle monthly precipitation', [...byMonth].map(([date, m]) => ({ date, value: m.rain }))));

	// Yearly series: Iowa electricity by source (17 years), global temperature anomaly (1880-2023).
	const iowa = await csv('iowa-electricity.csv');
	for (const source of [...new Set(iowa.map((r) => r.source!))]) {
		out.push(yearly(`iowa electricity ${source}`, iowa.filter((r) => r.source === source).map((r) => ({ date: r.year!, value: Number(r.net_generation) }))));
	}
	out.push(yearly('global temperature', (await csv('global-temp.csv')).map((r) => ({ date: `${r.year}-01-01`, value: Number(r.temp) }))));
	return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	console.log(formatAccuracyReport(await runForecastAccuracy()));
}
