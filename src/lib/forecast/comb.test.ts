import { describe, expect, it } from 'vitest';
import { comb } from './comb.ts';
import { combineFits } from './combine-fits.ts';
import { holt } from './holt.ts';
import { ses } from './ses.ts';

describe('combineFits', () => {
	it('averages forecasts, fitted values and variance factors and recomputes the SSE', () => {
		const y = [1, 2, 3];
		const a = ses(y, { horizon: 2, alpha: 0.5, level0: 1 });
		const b = holt(y, { horizon: 2, alpha: 0.5, beta: 0.5, level0: 0, trend0: 1 });
		const c = combineFits('comb', y, [a, b]);
		c.forecast.forEach((f, i) => expect(f).toBeCloseTo((a.forecast[i]! + b.forecast[i]!) / 2, 12));
		c.fitted.forEach((f, i) => expect(f).toBeCloseTo((a.fitted[i]! + b.fitted[i]!) / 2, 12));
		expect(c.sse).toBeCloseTo(y.reduce((s, v, i) => s + (v - c.fitted[i]!) ** 2, 0), 12);
		expect(c.params['ses.alpha']).toBe(0.5);
	});
});

describe('comb', () => {
	it('is the mean of SES, Holt and damped Holt on a non-seasonal series', () => {
		const y = [10, 12, 11, 13, 12, 14, 13, 15, 16, 15];
		const fit = comb(y, { horizon: 3 });
		const parts = [ses(y, { horizon: 3 }), holt(y, { horizon: 3 }), holt(y, { horizon: 3, damped: true })];
		fit.forecast.forEach((f, i) => expect(f).toBeCloseTo(parts.reduce((s, p) => s + p.forecast[i]!, 0) / 3, 9));
	});

	it('re-seasonalises on a seasonal series', () => {
		const index = [0.8, 1.2, 1.0];
		const y = Array.from({ length: 30 }, (_, t) => 100 * index[t % 3]!);
		const fit = comb(y, { horizon: 3, period: 3 });
		fit.forecast.forEach((f, i) => expect(f).toBeCloseTo(100 * index[(30 + i) % 3]!, 4));
	});
});
