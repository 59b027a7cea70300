import { describe, expect, it } from 'vitest';
import { dampedHolt } from './damped-holt.ts';
import { holt } from './holt.ts';

describe('holt', () => {
	it('matches a hand calculation with fixed parameters', () => {
		// alpha = beta = 0.5, level0 10, trend0 1, y = 12, 13, 15:
		//   t0: prediction 11,      level 0.5*12 + 0.5*11 = 11.5,          trend 0.5*1.5 + 0.5*1 = 1.25
		//   t1: prediction 12.75,   level 0.5*13 + 0.5*12.75 = 12.875,     trend 0.5*1.375 + 0.5*1.25 = 1.3125
		//   t2: prediction 14.1875, level 0.5*15 + 0.5*14.1875 = 14.59375, trend 0.5*1.71875 + 0.5*1.3125 = 1.515625
		// forecast: 14.59375 + 1.515625 h = 16.109375, 17.625
		// SSE = 1 + 0.0625 + 0.8125^2 = 1.72265625; v: 1, 1 + (0.5*1.5)^2 = 1.5625, + (0.5*2)^2 = 2.5625
		const fit = holt([12, 13, 15], { horizon: 3, alpha: 0.5, beta: 0.5, level0: 10, trend0: 1 });
		expect(fit.fitted).toEqual([11, 12.75, 14.1875]);
		expect(fit.forecast[0]).toBeCloseTo(16.109375, 12);
		expect(fit.forecast[1]).toBeCloseTo(17.625, 12);
		expect(fit.sse).toBeCloseTo(1.72265625, 12);
		expect(fit.varianceFactors).toEqual([1, 1.5625, 2.5625]);
	});

	it('recovers a straight line exactly', () => {
		const y = Array.from({ length: 20 }, (_, t) => 5 + 2.5 * t);
		const fit = holt(y, { horizon: 4 });
		fit.forecast.forEach((f, i) => expect(f).toBeCloseTo(5 + 2.5 * (20 + i), 6));
		expect(fit.sse).toBeLessThan(1e-12);
	});

	it('fits a noisy trend better than its starting values', () => {
		const y = [3, 6, 5, 9, 11, 10, 14, 16, 15, 19, 22, 21];
		const fit = holt(y, { horizon: 3 });
		const start = holt(y, { horizon: 3, alpha: 0.5, beta: 0.1 });
		expect(fit.sse).toBeLessThanOrEqual(start.sse);
		expect(fit.forecast[2]!).toBeGreaterThan(fit.forecast[0]!);
	});
});

describe('dampedHolt', () => {
	it('matches a hand calculation: the trend fades by phi per step', () => {
		// alpha = beta = 1: level = last value (16), trend = last step (2); forecast 16 + 2 (0.9, 1.71, 2.439)
		const fit = dampedHolt([10, 12, 14, 16], { horizon: 3, phi: 0.9, alpha: 1, beta: 1, level0: 8, trend0: 2 });
		expect(fit.method).toBe('damped');
		expect(fit.forecast[0]).toBeCloseTo(17.8, 12);
		expect(fit.forecast[1]).toBeCloseTo(19.42, 12);
		expect(fit.forecast[2]).toBeCloseTo(20.878, 12);
	});

	it('keeps phi inside [0.8, 0.98] when fitting it', () => {
		const fit = dampedHolt([1, 4, 6, 7, 8, 8.5, 8.8, 9, 9.1, 9.15], { horizon: 5 });
		expect(fit.params.phi).toBeGreaterThanOrEqual(0.8);
		expect(fit.params.phi).toBeLessThanOrEqual(0.98);
		expect(fit.forecast.every(Number.isFinite)).toBe(true);
	});
});
