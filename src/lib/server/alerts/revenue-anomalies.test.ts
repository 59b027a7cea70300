import { describe, expect, it } from 'vitest';
import { addDays } from '../reports/params/date-range.ts';
import { alertedNames, revenueAnomalies, withoutAlerted, type WeeklyRevenueSeries } from './revenue-anomalies.ts';

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

	it('two years of a one-week Black Friday peak growing 40% a year: the third peak is no anomaly, a doubling in an ordinary week is', () => {
		// The sample's shape: growth through the year, a single peak week (index 47 of each year), the
		// recent weeks quiet, so a model chosen on the last weeks alone misses the peak.
		const week = (i: number) => {
			const growth = 1.4 ** (i / 52);
			const peak = i % 52 === 47 ? 1.8 : 1;
			return { week_start: addDays('2024-12-02', 7 * i), revenue: Math.round(20_000 * growth * peak * (1 + 0.04 * Math.sin(i * 2.3))) };
		};
		const weeks = Array.from({ length: 52 * 2 + 48 }, (_, i) => week(i)); // ends at the third peak
		const s: WeeklyRevenueSeries = { dimension: 'country', key: 'DE', label: 'country DE', weeks };
		expect(revenueAnomalies([s], weeks.at(-1)!.week_start, rules)).toEqual([]);
		const ordinary = weeks.slice(0, -3);
		ordinary[ordinary.length - 1] = { ...ordinary.at(-1)!, revenue: ordinary.at(-1)!.revenue * 2 };
		const [rise] = revenueAnomalies([{ ...s, weeks: ordinary }], ordinary.at(-1)!.week_start, rules);
		expect(rise).toMatchObject({ key: 'DE', direction: 'rise' });
	});
});

describe('withoutAlerted', () => {
	it('takes what was alerted out of the aggregates, week by week, adds back what was taken twice, and says so', () => {
		const w = (revenues: number[]) => revenues.map((revenue, i) => ({ week_start: addDays('2026-06-01', 7 * i), revenue }));
		const coupon: WeeklyRevenueSeries = { dimension: 'channel', key: 'coupon', label: 'the coupon channel', weeks: w([100, 120, 80]) };
		const content: WeeklyRevenueSeries = { dimension: 'channel', key: 'content', label: 'the content channel', weeks: w([50, 60, 70]) };
		const ofPartner: WeeklyRevenueSeries = { dimension: 'channel', key: 'coupon', label: 'x', weeks: w([30, 40, 0]).slice(1) };
		const ofCountry: WeeklyRevenueSeries = { dimension: 'channel', key: 'coupon', label: 'x', weeks: w([10, 10, 10]) };
		const ofBoth: WeeklyRevenueSeries = { dimension: 'channel', key: 'coupon', label: 'x', weeks: w([0, 5, 0]) };
		const [c, o] = withoutAlerted([coupon, content], [ofPartner, ofCountry], [ofBoth], alertedNames(['Reward Back 2']));
		expect(c!.weeks.map((x) => x.revenue)).toEqual([90, 75, 70]);
		expect(c!.label).toBe('the coupon channel without Reward Back 2 (alerted on its own)');
		expect(o).toBe(content);
		expect(alertedNames(['a', 'b', 'country US'])).toBe('the 3 partners and countries alerted on their own');
	});
});
