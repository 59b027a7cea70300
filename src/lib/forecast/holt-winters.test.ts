import { describe, expect, it } from 'vitest';
import { holtWinters } from './holt-winters.ts';

describe('holtWinters', () => {
	it('starts from exact states on trend + season and matches a hand calculation after a shock', () => {
		// y = 1,3,2,4,3,5 is level 1.25 + 0.5 (t + 1) plus season (-0.75, 0.75): the initial states (season means
		// 2, 3, 4 -> trend 0.5; deviations -0.75 / 0.75) fit it exactly, so t0..t5 have zero error.
		// t6: y = 5, prediction = 4.25 + 0.5 - 0.75 = 4, error 1; with alpha = beta = gamma = 0.5:
		//   level = 0.5 (5 + 0.75) + 0.5 * 4.75 = 5.25; trend = 0.5 * 1 + 0.5 * 0.5 = 0.75
		//   season_0 = 0.5 (5 - 4.75) + 0.5 (-0.75) = -0.25
		// forecast: t7 (season_1 0.75): 5.25 + 0.75 + 0.75 = 6.75; t8 (season_0 -0.25): 5.25 + 1.5 - 0.25 = 6.5
		const fit = holtWinters([1, 3, 2, 4, 3, 5, 5], { horizon: 2, period: 2, seasonal: 'additive', alpha: 0.5, beta: 0.5, gamma: 0.5 });
		expect(fit.fitted.slice(0, 6)).toEqual([1, 3, 2, 4, 3, 5].map((v) => expect.closeTo(v, 12)));
		expect(fit.fitted[6]).toBeCloseTo(4, 12);
		expect(fit.sse).toBeCloseTo(1, 12);
		expect(fit.forecast[0]).toBeCloseTo(6.75, 12);
		expect(fit.forecast[1]).toBeCloseTo(6.5, 12);
	});

	it.each(['additive', 'multiplicative'] as const)('recovers a pure %s season exactly', (seasonal) => {
		const pattern = [10, 14, 8, 12];
		const y = Array.from({ length: 24 }, (_, t) => pattern[t % 4]!);
		const fit = holtWinters(y, { horizon: 8, period: 4, seasonal });
		fit.forecast.forEach((f, i) => expect(f).toBeCloseTo(pattern[(24 + i) % 4]!, 6));
	});

	it('recovers a multiplicative season on a trend', () => {
		const index = [0.8, 1.2, 1.1, 0.9];
		const y = Array.from({ length: 32 }, (_, t) => (100 + 2 * t) * index[t % 4]!);
		const fit = holtWinters(y, { horizon: 4, period: 4, seasonal: 'multiplicative' });
		fit.forecast.forEach((f, i) => expect(f).toBeCloseTo((100 + 2 * (32 + i)) * index[(32 + i) % 4]!, 1));
	});

	it.each([
		{ y: [1, 2, 3, 4, 5, 6, 7, 8, 9], period: 4, message: /at least 10 observations/ },
		{ y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], period: 1, message: /period must be at least 2/ },
		{ y: [0, 2, 3, 4, 5, 6, 7, 8, 9, 10], period: 4, message: /every value > 0/, seasonal: 'multiplicative' as const }
	])('rejects what it cannot fit: $message', ({ y, period, message, seasonal }) => {
		expect(() => holtWinters(y, { horizon: 1, period, seasonal: seasonal ?? 'additive' })).toThrow(message);
	});
});
