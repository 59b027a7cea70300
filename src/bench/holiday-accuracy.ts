/**
 * The forecast bench's retail-holiday setting: does lining holidays up by date pay at Black Friday? No public
 * retail series ships with the repo, so the series is the sample generator's own daily calendar (weekday,
 * month, Black Friday to Cyber Monday, December, 30% yearly growth) x seeded noise of +-10% a day, summed to
 * Monday weeks, 2012-2032. Windows of 104 weeks + 13 at two origins each year (two weeks before Black
 * Friday's week, and at it), grouped by whether that Black Friday falls 53 weeks after the last one (the 52-week
 * lag misses it) or 52. Called by forecast-accuracy.ts (`npm run bench`).
 */
import { blackFriday, sampleCalendar } from '../generate/sample-calendar.ts';
import { forecast, mae, maseScale, seasonalNaive, seasonalNaiveYoy } from '../lib/forecast/index.ts';

export interface HolidayGroup {
	readonly shift: '53 weeks' | '52 weeks' | 'all';
	readonly windows: number;
	/** Mean MASE over the 13 weeks (scaled by the window's 52-week seasonal-naive error). */
	readonly mase: { readonly retail: number; readonly byWeekNumber: number; readonly seasonalNaive: number; readonly yoyNaive: number };
	/** Mean |forecast / actual - 1| of the Black Friday week. */
	readonly peakError: { readonly retail: number; readonly byWeekNumber: number; readonly seasonalNaive: number; readonly yoyNaive: number };
	/** Share of Black Friday weeks inside the retail forecast's 80% / 95% interval. */
	readonly coverage80: number;
	readonly coverage95: number;
}

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function lcg(seed: number) {
	let s = seed;
	return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** Monday weeks of the generator's calendar x noise, 2011-12 to 2032-02. */
function retailWeeks(): { date: string; value: number }[] {
	const calendar = sampleCalendar('2032-02-29', 7396);
	const random = lcg(2026);
	const days = calendar.days.map((d) => ({ date: d.date, value: 1e6 * d.clicks * d.conversion * d.aov * (1 + 0.2 * (random() - 0.5)) }));
	const out: { date: string; value: number }[] = [];
	for (let i = 0; i + 7 <= days.length; i++) {
		if (new Date(`${days[i]!.date}T00:00:00Z`).getUTCDay() !== 1) continue;
		out.push({ date: days[i]!.date, value: days.slice(i, i + 7).reduce((s, d) => s + d.value, 0) });
		i += 6;
	}
	return out;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Every window, summarised by Black Friday's step from the year before. */
export function runHolidayAccuracy(): HolidayGroup[] {
	const weeks = retailWeeks();
	const index = new Map(weeks.map((w, i) => [w.date, i]));
	const mondayOf = (iso: string) => addDays(iso, -((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));
	const rows: { shift: '53 weeks' | '52 weeks'; mase: HolidayGroup['mase']; peak: HolidayGroup['peakError']; in80: boolean; in95: boolean }[] = [];
	for (let year = 2014; year <= 2031; year++) {
		const peakWeek = index.get(mondayOf(blackFriday(year)))!;
		const lastPeak = index.get(mondayOf(blackFriday(year - 1)))!;
		for (const origin of [peakWeek - 2, peakWeek]) {
			const train = weeks.slice(origin - 104, origin);
			const actual = weeks.slice(origin, origin + 13).map((w) => w.value);
			const y = train.map((w) => w.value);
			const scale = maseScale(y, 52);
			const retail = forecast(train, { horizon: 13, frequency: 'week', period: 52, holidays: 'retail' });
			const plain = forecast(train, { horizon: 13, frequency: 'week', period: 52 });
			const sn = seasonalNaive(y, { horizon: 13, period: 52 }).forecast;
			const yoy = seasonalNaiveYoy(y, { horizon: 13, yearPeriod: 52 }).forecast;
			const at = peakWeek - origin;
			const peakOf = (f: readonly number[]) => Math.abs(f[at]! / actual[at]! - 1);
			const point = retail.points[at]!;
			rows.push({
				shift: peakWeek - lastPeak === 53 ? '53 weeks' : '52 weeks',
				mase: {
					retail: mae(actual, retail.points.map((p) => p.value)) / scale,
					byWeekNumber: mae(actual, plain.points.map((p) => p.value)) / scale,
					seasonalNaive: mae(actual, sn) / scale,
					yoyNaive: mae(actual, yoy) / scale
				},
				peak: { retail: peakOf(retail.points.map((p) => p.value)), byWeekNumber: peakOf(plain.points.map((p) => p.value)), seasonalNaive: peakOf(sn), yoyNaive: peakOf(yoy) },
				in80: actual[at]! >= point.lo80! && actual[at]! <= point.hi80!,
				in95: actual[at]! >= point.lo95! && actual[at]! <= point.hi95!
			});
		}
	}
	return (['53 weeks', '52 weeks', 'all'] as const).map((shift) => {
		const chosen = rows.filter((r) => shift === 'all' || r.shift === shift);
		const avg = <K extends 'mase' | 'peak'>(k: K, m: keyof HolidayGroup['mase']) => mean(chosen.map((r) => r[k][m]));
		const four = <K extends 'mase' | 'peak'>(k: K) => ({ retail: avg(k, 'retail'), byWeekNumber: avg(k, 'byWeekNumber'), seasonalNaive: avg(k, 'seasonalNaive'), yoyNaive: avg(k, 'yoyNaive') });
		return { shift, windows: chosen.length, mase: four('mase'), peakError: four('peak'), coverage80: mean(chosen.map((r) => (r.in80 ? 1 : 0))), coverage95: mean(chosen.map((r) => (r.in95 ? 1 : 0))) };
	});
}

/** The groups as a Markdown table (pasted into the README). */
export function formatHolidayAccuracy(groups: readonly HolidayGroup[]): string {
	const f = (x: number) => x.toFixed(3);
	const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
	return [
		'| Black Friday after the last | windows | MASE engine (holidays by date) | MASE engine (by week number) | MASE seasonal naive | MASE YoY naive | Black Friday week error: by date / by week number / sN / YoY | BF week inside 80% / 95% (by date) |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
		...groups.map(
			(g) =>
				`| ${g.shift} | ${g.windows} | ${f(g.mase.retail)} | ${f(g.mase.byWeekNumber)} | ${f(g.mase.seasonalNaive)} | ${f(g.mase.yoyNaive)} | ${pct(g.peakError.retail)} / ${pct(g.peakError.byWeekNumber)} / ${pct(g.peakError.seasonalNaive)} / ${pct(g.peakError.yoyNaive)} | ${pct(g.coverage80)} / ${pct(g.coverage95)} |`
		)
	].join('\n');
}
