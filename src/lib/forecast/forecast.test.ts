import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './forecast-input-error.ts';
import { forecast } from './forecast.ts';
import { METHOD_NAMES, YEARLY_METHODS, type ForecastResult } from './types.ts';

/** Every number anywhere in the result (points, fitted, params, backtest errors and coverage). */
function numbersIn(value: unknown): number[] {
	if (typeof value === 'number') return [value];
	if (Array.isArray(value)) return value.flatMap(numbersIn);
	if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
	return [];
}

function expectWellFormed(result: ForecastResult, horizon: number, levels = [80, 95]) {
	expect(numbersIn(result).every(Number.isFinite)).toBe(true);
	expect(result.points).toHaveLength(horizon);
	expect(METHOD_NAMES).toContain(result.method);
	expect(result.backtest.chosen).toBe(result.method);
	expect(result.backtest.reason.length).toBeGreaterThan(0);
	for (const p of result.points) {
		const sorted = [...levels].sort((a, b) => a - b);
		// Nested: a wider level never gives a narrower interval, and every interval holds the point forecast.
		let lo = p.value;
		let hi = p.value;
		for (const level of sorted) {
			expect(p[`lo${level}`]).toBeLessThanOrEqual(lo + 1e-9);
			expect(p[`hi${level}`]).toBeGreaterThanOrEqual(hi - 1e-9);
			lo = p[`lo${level}`]!;
			hi = p[`hi${level}`]!;
		}
	}
}

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator). */
function lcg(seed: number) {
	let s = seed;
	return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

describe('forecast: properties', () => {
	it.each([
		{ name: 'numbers', series: Array.from({ length: 30 }, () => 42) },
		{ name: 'dated months', series: Array.from({ length: 30 }, (_, t) => ({ date: `${2020 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`, value: 42 })) },
		{ name: 'zeros', series: Array.from({ length: 8 }, () => 0) }
	])('a constant series ($name) gives a flat forecast with zero-width intervals', ({ series }) => {
		const result = forecast(series, { horizon: 6 });
		expectWellFormed(result, 6);
		const c = typeof series[0] === 'number' ? series[0] : series[0]!.value;
		for (const p of result.points) expect([p.value, p.lo80, p.hi80, p.lo95, p.hi95]).toEqual([c, c, c, c, c].map((v) => expect.closeTo(v, 9)));
		expect(result.warnings.join(' ')).toMatch(/constant/);
	});

	it('recovers a pure linear trend with Holt', () => {
		const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
		const result = forecast(y, { horizon: 5 });
		expectWellFormed(result, 5);
		expect(result.method).toBe('holt');
		result.points.forEach((p, i) => {
			expect(p.value).toBeCloseTo(5 + 2 * (30 + i), 6);
			expect(p.hi95! - p.lo95!).toBeLessThan(1e-3);
		});
	});

	it('recovers a pure season (the simplest exact method, seasonal naive, wins the tie)', () => {
		const pattern = [3, 9, 4, 7];
		const y = Array.from({ length: 24 }, (_, t) => pattern[t % 4]!);
		const result = forecast(y, { horizon: 8, period: 4 });
		expectWellFormed(result, 8);
		expect(result.method).toBe('seasonal-naive');
		result.points.forEach((p, i) => expect(p.value).toBeCloseTo(pattern[(24 + i) % 4]!, 9));
	});

	it('recovers trend plus season with additive Holt-Winters', () => {
		const season = [-5, 3, 6, -4];
		const y = Array.from({ length: 40 }, (_, t) => 100 + 1.5 * t + season[t % 4]!);
		const result = forecast(y, { horizon: 8, period: 4 });
		expectWellFormed(result, 8);
		expect(result.method).toBe('holt-winters-additive');
		result.points.forEach((p, i) => expect(p.value).toBeCloseTo(100 + 1.5 * (40 + i) + season[(40 + i) % 4]!, 4));
	});

	it.each([
		...[4, 5, 6, 7].map((n) => ({ name: `${n} noisy points`, y: Array.from({ length: n }, (_, t) => 10 + t + (t % 2 ? 3 : -2)) })),
		{ name: '4 points with zeros and negatives', y: [0, -3, 0, 5] },
		{ name: '5 constant points', y: [2, 2, 2, 2, 2] },
		{ name: '7 points with a spike', y: [1, 1, 1, 1000, 1, 1, 1] }
	])('degrades gracefully on a short series: $name', ({ y }) => {
		const result = forecast(y, { horizon: 4, period: 12 });
		expectWellFormed(result, 4);
		expect(result.backtest.skipped['holt-winters-additive']).toBeDefined();
	});

	it('never produces NaN on varied random series', () => {
		const random = lcg(7);
		for (let trial = 0; trial < 6; trial++) {
			const n = 8 + Math.floor(random() * 50);
			const scale = [1e-6, 1, 1e6][trial % 3]!;
			const y = Array.from({ length: n }, (_, t) => scale * ((random() - 0.3) * 10 + (trial % 2 ? t : 0)));
			if (trial === 4) y.fill(0, 0, Math.floor(n / 2));
			const result = forecast(y, { horizon: 7, period: 4, levels: [50, 99] });
			expectWellFormed(result, 7, [50, 99]);
		}
	});

	it('skips multiplicative methods when a value is <= 0, and says so', () => {
		const y = Array.from({ length: 40 }, (_, t) => [0, 5, 9, 4][t % 4]! + t);
		const result = forecast(y, { horizon: 4, period: 4 });
		expectWellFormed(result, 4);
		expect(result.backtest.skipped['holt-winters-multiplicative']).toMatch(/every value > 0/);
		expect(result.method).not.toBe('holt-winters-multiplicative');
	});
});

describe('forecast: choice and explanation', () => {
	const random = lcg(42);
	const y = Array.from({ length: 72 }, (_, t) => 200 + 2 * t + 30 * Math.sin((2 * Math.PI * t) / 12) + 10 * (random() - 0.5));

	it('backtests every candidate and explains the winner', () => {
		const result = forecast(y, { horizon: 12, period: 12 });
		expectWellFormed(result, 12);
		const { backtest } = result;
		expect(backtest.origins).toBe(12);
		expect(backtest.horizon).toBe(12);
		expect(backtest.criterion).toBe('backtest-mase');
		expect(backtest.intervals).toBe('backtest');
		// Plain numbers have no calendar: the yearly methods need dates.
		expect(Object.keys(backtest.errors).sort()).toEqual(METHOD_NAMES.filter((m) => !YEARLY_METHODS.includes(m)).sort());
		expect(backtest.skipped.yearly).toMatch(/dated/);
		const best = Math.min(...Object.values(backtest.errors).map((e) => e!.mase));
		expect(backtest.errors[result.method]!.mase).toBeLessThanOrEqual(best * 1.001 + 1e-12);
		expect(backtest.reason).toContain(result.method);
		for (const share of Object.values(backtest.coverage)) expect(share).toBeGreaterThanOrEqual(0);
		expect(Object.keys(backtest.coverage)).toEqual(['80', '95']);
	});

	it('honours a restricted list of methods', () => {
		const result = forecast(y, { horizon: 3, period: 12, methods: ['ses'] });
		expect(result.method).toBe('ses');
		expect(result.backtest.criterion).toBe('only-candidate');
		expect(Object.keys(result.backtest.errors)).toEqual(['ses']);
	});

	it('chooses by AICc when the series is too short to backtest', () => {
		const result = forecast([3, 5, 4, 6, 5, 7], { horizon: 3 });
		expectWellFormed(result, 3);
		expect(result.backtest.origins).toBe(0);
		expect(result.backtest.criterion).toBe('aicc');
		expect(result.backtest.intervals).toBe('analytic');
		expect(result.backtest.reason).toMatch(/too few for a rolling-origin backtest; lowest AICc/);
		expect(Object.values(result.backtest.errors).every((e) => e!.aicc !== undefined)).toBe(true);
	});
});

describe('forecast: dates', () => {
	it('infers the frequency, fills gaps (reporting them) and continues the dates', () => {
		const rows = Array.from({ length: 30 }, (_, t) => ({ date: `${2022 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`, value: 100 + t }));
		const withGaps = rows.filter((_, t) => t !== 5 && t !== 6);
		const result = forecast([...withGaps].reverse(), { horizon: 3 });
		expectWellFormed(result, 3);
		expect(result.frequency).toBe('month');
		expect(result.period).toBe(12);
		expect(result.warnings.join(' ')).toContain('2 missing months filled by linear interpolation: 2022-06-01, 2022-07-01');
		expect(result.fitted[5]).toMatchObject({ date: '2022-06-01', value: 105 });
		expect(result.points.map((p) => p.date)).toEqual(['2024-07-01', '2024-08-01', '2024-09-01']);
	});

	it.each([
		{ dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'], horizon: 2, want: ['2024-06-30', '2024-07-31'] },
		{ dates: ['2024-12-02', '2024-12-09', '2024-12-16', '2024-12-23', '2024-12-30'], horizon: 2, want: ['2025-01-06', '2025-01-13'] },
		{ dates: ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02'], horizon: 1, want: ['2024-03-03'] }
	])('writes future dates in the same format: $want', ({ dates, horizon, want }) => {
		const result = forecast(dates.map((date, i) => ({ date, value: 10 + (i % 2) })), { horizon });
		expect(result.points.map((p) => p.date)).toEqual(want);
	});
});

describe('forecast: bad input', () => {
	const ok = [1, 2, 3, 4, 5];
	it.each([
		{ name: 'horizon 0', series: ok, options: { horizon: 0 }, message: 'horizon must be a positive integer, saw 0' },
		{ name: 'fractional horizon', series: ok, options: { horizon: 1.5 }, message: 'horizon must be a positive integer' },
		{ name: 'three points', series: [1, 2, 3], options: { horizon: 1 }, message: 'at least 4 observations, saw 3' },
		{ name: 'NaN value', series: [1, 2, Number.NaN, 4], options: { horizon: 1 }, message: 'series[2] must be a finite number' },
		{ name: 'bad date', series: [{ date: '2024-13-01', value: 1 }], options: { horizon: 1 }, message: 'series[0].date must be a YYYY-MM-DD date' },
		{ name: 'duplicate date', series: ['2024-01-01', '2024-02-01', '2024-02-01', '2024-03-01'].map((date) => ({ date, value: 1 })), options: { horizon: 1 }, message: 'duplicate date 2024-02-01' },
		{ name: 'level 100', series: ok, options: { horizon: 1, levels: [80, 100] }, message: 'strictly between 0 and 100, saw 100' },
		{ name: 'period 0', series: ok, options: { horizon: 1, period: 0 }, message: 'period must be a positive integer' },
		{ name: 'unknown method', series: ok, options: { horizon: 1, methods: ['arima'] }, message: 'unknown method "arima"' },
		{ name: 'irregular dates', series: ['2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31'].map((date) => ({ date, value: 1 })), options: { horizon: 1 }, message: 'cannot infer the frequency' }
	])('rejects $name', ({ series, options, message }) => {
		expect(() => forecast(series as never, options as never)).toThrow(ForecastInputError);
		expect(() => forecast(series as never, options as never)).toThrow(message);
	});
});
