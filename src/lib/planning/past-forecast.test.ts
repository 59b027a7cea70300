import { describe, expect, it } from 'vitest';
import { pastForecast } from './past-forecast.ts';

const weekly = (values: readonly number[]) => values.map((value, i) => ({ date: new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10), value }));

describe('pastForecast', () => {
	it('forecasts the held-out weeks from the rest and scores them', () => {
		const series = weekly(Array.from({ length: 40 }, (_, i) => 1000 + 25 * i));
		const past = pastForecast(series, 8)!;
		expect(past.origin).toBe(series[31]!.date);
		expect(past.points.map((p) => p.date)).toEqual(series.slice(32).map((p) => p.date));
		expect(past.points.map((p) => p.actual)).toEqual(series.slice(32).map((p) => p.value));
		// A straight line is forecast (almost) exactly by the trend methods the backtest prefers.
		expect(past.mase).toBeLessThan(0.05);
		expect(past.smape).toBeLessThan(0.5);
		expect(past.coverage95).toBe(1);
	});

	it('scores against the truth, not the forecast: a level shift after the origin shows as error', () => {
		const series = weekly([...Array.from({ length: 30 }, (_, i) => 100 + (i % 3)), ...Array.from({ length: 6 }, () => 150)]);
		const past = pastForecast(series, 6)!;
		expect(past.mae).toBeGreaterThan(40);
		expect(past.mase).toBeGreaterThan(10);
		expect(past.coverage80).toBe(0);
	});

	it('needs 8 points to fit', () => {
		expect(pastForecast(weekly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 3)).toBeNull();
		expect(pastForecast(weekly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 3)).not.toBeNull();
	});
});
