import { describe, expect, it } from 'vitest';
import { forecast } from './forecast.ts';
import { ridgeRegression } from './ridge-regression.ts';
import { seasonalNaiveYoy } from './seasonal-naive-yoy.ts';
import { smoothSigmas } from './smooth-sigmas.ts';
import { yearlyProfile } from './yearly-profile.ts';
import { yoyChange } from './yoy-ratio.ts';

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number) {
	let s = seed;
	return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** Mondays from 2024-12-02 on, `n` of them, with values from `value(t)`. */
function weekly(n: number, value: (t: number) => number) {
	const start = Date.UTC(2024, 11, 2);
	return Array.from({ length: n }, (_, t) => ({ date: new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10), value: value(t) }));
}

/** A retail-like year: base level, growth 10% a year, a sharp peak in weeks 51-52 of each year (Black Friday to Christmas). */
function peaked(noise = 0.03, seed = 7) {
	const random = lcg(seed);
	// Week 0 is early December: the peak sits at t % 52 in {51, 0} so the series ends right after it.
	return (t: number) => {
		const season = t % 52 === 51 ? 2.4 : t % 52 === 0 ? 1.6 : t % 52 === 1 ? 1.2 : 1 + 0.15 * Math.sin((2 * Math.PI * t) / 52);
		return 100_000 * 1.1 ** (t / 52) * season * (1 + noise * (random() - 0.5));
	};
}

describe('ridgeRegression', () => {
	it('solves ordinary least squares exactly', () => {
		const b = ridgeRegression([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 5, 7]);
		expect(b[0]).toBeCloseTo(1, 6);
		expect(b[1]).toBeCloseTo(2, 6);
	});
	it('shrinks a penalised coefficient towards 0', () => {
		const free = ridgeRegression([[1, 0], [1, 1], [1, 2]], [0, 1, 2]);
		const held = ridgeRegression([[1, 0], [1, 1], [1, 2]], [0, 1, 2], [0, 100]);
		expect(Math.abs(held[1]!)).toBeLessThan(Math.abs(free[1]!) / 10);
	});
});

describe('yoyChange', () => {
	it.each([
		{ y: [10, 20, 30, 11, 22, 33], m: 3, w: 3, kind: 'ratio', value: 1.1 },
		{ y: [0, 2, 4, 1, 3, 5], m: 3, w: 3, kind: 'shift', value: 1 },
		{ y: [1, 2], m: 2, w: 1, kind: undefined, value: undefined }
	])('compares the last $w points with a year earlier ($kind)', ({ y, m, w, kind, value }) => {
		const change = yoyChange(y, m, w);
		expect(change?.kind).toBe(kind);
		if (value !== undefined) expect(change!.value).toBeCloseTo(value, 9);
	});
});

describe('seasonalNaiveYoy', () => {
	it('scales last year by the recent change (hand-computed)', () => {
		// Last 2 points (11, 22) against (10, 20): x 1.1.
		expect(seasonalNaiveYoy([10, 20, 11, 22], { horizon: 3, yearPeriod: 2, window: 2 }).forecast.map((v) => +v.toFixed(9))).toEqual([12.1, 24.2, 12.1]);
	});
	it('refuses a series of one year or less', () => expect(() => seasonalNaiveYoy([1, 2], { horizon: 1, yearPeriod: 2 })).toThrow(RangeError));
});

describe('smoothSigmas', () => {
	it('follows h^p without a jump past the backtested steps', () => {
		const s = smoothSigmas([[1, 2], [-1, -2]], 4);
		s.forEach((v, h) => expect(v).toBeCloseTo(h + 1, 9));
	});
	it('never shrinks with the horizon, even when a later step happened to err less', () => {
		const s = smoothSigmas([[3, 1, 1], [-3, -1, 1]], 6);
		for (let h = 1; h < 6; h++) expect(s[h]!).toBeGreaterThanOrEqual(s[h - 1]! - 1e-12);
		expect(s[5]! / s[4]!).toBeLessThan(1.3);
	});
	it('is zero without errors', () => expect(smoothSigmas([[0, 0]], 3)).toEqual([0, 0, 0]));
});

describe('yearlyProfile', () => {
	it('repeats a clean yearly pattern with growth', () => {
		const y = weekly(104, peaked(0)).map((p) => p.value);
		const fit = yearlyProfile(y, { horizon: 13, yearPeriod: 52, cycle: 52 });
		// The same weeks a year earlier, grown 10%: within 8% each.
		fit.forecast.forEach((v, i) => expect(v / (y[104 - 52 + i]! * 1.1)).toBeGreaterThan(0.92));
		fit.forecast.forEach((v, i) => expect(v / (y[104 - 52 + i]! * 1.1)).toBeLessThan(1.08));
	});
	it('needs a year', () => expect(() => yearlyProfile([1, 2, 3], { horizon: 1, yearPeriod: 52 })).toThrow(RangeError));
});

describe('forecast with one to three years of weekly history', () => {
	it('never carries a sharp yearly peak forward (104 weeks ending right after it)', () => {
		for (const seed of [1, 2, 3]) {
			const series = weekly(104, peaked(0.06, seed));
			const last = series.at(-1)!.value;
			const peak = Math.max(...series.slice(-4).map((p) => p.value));
			const result = forecast(series, { horizon: 13 });
			expect(['yearly', 'seasonal-naive-yoy', 'seasonal-naive']).toContain(result.method);
			// After the peak the level falls back: every week after the first two well below the peak.
			for (const p of result.points.slice(2)) expect(p.value).toBeLessThan(0.7 * peak);
			expect(result.points[5]!.value).toBeLessThan(last);
			// And the honest warning about short history is there.
			expect(result.notes.map((n) => n.key)).toContain('short-history');
		}
	});

	it('keeps intervals smooth to the last step', () => {
		const result = forecast(weekly(104, peaked(0.08, 9)), { horizon: 13 });
		const widths = result.points.map((p) => p.hi95! - p.lo95!);
		const relative = result.points.map((p) => (p.value - p.lo95!) / p.value);
		for (let h = 1; h < 13; h++) expect(relative[h]! / relative[h - 1]!).toBeLessThan(1.25);
		expect(widths.every((w) => w > 0)).toBe(true);
	});

	it.each([
		{ name: 'constant', value: () => 500 },
		{ name: 'trend only', value: (t: number) => 1000 + 10 * t },
		{ name: 'zero-heavy', value: (t: number) => (t % 5 === 0 ? 300 : 0) }
	])('stays sane on a $name series', ({ value }) => {
		const series = weekly(104, value);
		const result = forecast(series, { horizon: 13 });
		const ys = series.map((p) => p.value);
		const max = Math.max(...ys);
		for (const p of result.points) {
			expect(Number.isFinite(p.value)).toBe(true);
			expect(p.value).toBeGreaterThanOrEqual(0);
			expect(p.value).toBeLessThanOrEqual(max * 1.3 + 1);
			expect(p.lo95!).toBeLessThanOrEqual(p.value + 1e-9);
			expect(p.hi95!).toBeGreaterThanOrEqual(p.value - 1e-9);
		}
		if (ys.every((v, t) => v === ys[0] || t < 0)) for (const p of result.points) expect(p.value).toBeCloseTo(500, 6);
	});

	it('warns when less than a year of history leaves the season unestimated', () => {
		const result = forecast(weekly(40, (t) => 100 + t), { horizon: 13 });
		expect(result.notes.map((n) => n.key)).toContain('no-yearly-season');
	});

	it('warns when the level departs from last year moved by the recent change', () => {
		// A step up of 60% in the last 8 weeks: the recent change is far from the level of the weeks ahead a year ago.
		const series = weekly(104, (t) => (t >= 96 ? 1600 : 1000) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 52)));
		const result = forecast(series, { horizon: 13, methods: ['seasonal-naive'] });
		expect(result.notes.find((n) => n.key === 'level-vs-last-year')?.text).toMatch(/below the same weeks last year/);
	});

	it('says when the same time of year cannot be backtested', () => {
		const result = forecast(weekly(104, peaked(0.05)), { horizon: 13 });
		expect(result.backtest.season).toBeNull();
		expect(result.notes.find((n) => n.key === 'season-not-backtested')?.text).toMatch(/cannot be backtested/);
	});

	it('backtests the same time of year when the history allows it', () => {
		const series = weekly(160, peaked(0.05)).map((p, t) => ({ ...p, value: p.value + t }));
		const result = forecast(series.slice(0, 120), { horizon: 13 });
		expect(result.backtest.season?.origins).toBeGreaterThanOrEqual(3);
		expect(result.backtest.seasonNote).toMatch(/one year before/);
	});
});
