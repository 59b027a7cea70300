import { describe, expect, it } from 'vitest';
import { addDays } from '../reports/params/date-range.ts';
import { revenueAnomalies, type WeeklyRevenueSeries } from './revenue-anomalies.ts';

/** Three years of weekly revenue with a strong December peak and small deterministic noise. */
function seasonal(weeks = 157): { week_start: string; revenue: number }[] {
	return Array.from({ length: weeks }, (_, i) => {
		const inYear = i % 52;
		const peak = inYear >= 46 && inYear <= 50 ? 2.2 : 1;
		const noise = 1 + 0.03 * Math.sin(i * 1.7);
		return { week_start: addDays('2024-01-01', 7 * i), revenue: Math.round(10_000 * peak * noise) };
	});
}
const rules = { minDeviation: 1000, minRelative: 0.25, minHistory: 8 };

describe('revenueAnomalies', () => {
	it('knows the season: a peak week as high as the peaks before is not an anomaly', () => {
		const weeks = seasonal(152); // ends in week 48 of the third year, a peak week
		const s: WeeklyRevenueSeries = { dimension: 'channel', key: 'coupon', label: 'coupon', weeks };
		const out = revenueAnomalies([s], weeks.at(-1)!.week_start, rules);
		expect(out).toEqual([]);
	});

	it('fires when the week falls outside the band, with the forecast and band', () => {
		const weeks = seasonal(152);
		weeks[weeks.length - 1] = { ...weeks.at(-1)!, revenue: 9_000 }; // an ordinary week's revenue in the peak
		const [a] = revenueAnomalies([{ dimension: 'partner', key: 'P1', label: 'One', weeks }], weeks.at(-1)!.week_start, rules);
		expect(a).toMatchObject({ key: 'P1', direction: 'drop', actual: 9_000, period: 52 });
		expect(a!.forecast).toBeGreaterThan(18_000);
		expect(a!.lo95).toBeGreaterThan(9_000);
	});

	it('keeps small deviations and short histories quiet', () => {
		const flat = Array.from({ length: 20 }, (_, i) => ({ week_start: addDays('2026-01-05', 7 * i), revenue: 500 + (i % 2) }));
		flat[19] = { ...flat[19]!, revenue: 0 };
		expect(revenueAnomalies([{ dimension: 'partner', key: 'small', label: 'small', weeks: flat }], flat[19]!.week_start, rules)).toEqual([]);
		const short = flat.slice(12);
		expect(revenueAnomalies([{ dimension: 'partner', key: 'new', label: 'new', weeks: short }], short.at(-1)!.week_start, { ...rules, minDeviation: 1 })).toEqual([]);
	});
});
