import { describe, expect, it } from 'vitest';
import { ses } from './ses.ts';

describe('ses', () => {
	it('matches a hand calculation with fixed alpha and level', () => {
		// alpha 0.5, level0 10, y = 12, 8, 11:
		//   t0: prediction 10, error 2, level 11
		//   t1: prediction 11, error -3, level 9.5
		//   t2: prediction 9.5, error 1.5, level 10.25  -> forecast 10.25 for every step
		// SSE = 4 + 9 + 2.25 = 15.25; v_h = 1 + (h - 1) 0.25 = 1, 1.25, 1.5
		const fit = ses([12, 8, 11], { horizon: 3, alpha: 0.5, level0: 10 });
		expect(fit.fitted).toEqual([10, 11, 9.5]);
		expect(fit.forecast).toEqual([10.25, 10.25, 10.25]);
		expect(fit.sse).toBeCloseTo(15.25, 12);
		expect(fit.varianceFactors).toEqual([1, 1.25, 1.5]);
		expect(fit.k).toBe(0);
	});

	it('fits alpha and level to the least-squares optimum (checked by a fine grid search)', () => {
		const y = [30, 21, 29, 31, 40, 48, 53, 47, 37, 39, 31, 29, 17, 9, 20, 24, 27, 35, 41, 38];
		const fit = ses(y, { horizon: 1 });
		let best = Number.POSITIVE_INFINITY;
		for (let a = 0.01; a <= 0.99; a += 0.01) {
			for (let l0 = 15; l0 <= 45; l0 += 0.25) best = Math.min(best, ses(y, { horizon: 1, alpha: a, level0: l0 }).sse);
		}
		expect(fit.sse).toBeLessThanOrEqual(best * (1 + 1e-6));
		expect(fit.params.alpha).toBeGreaterThan(0);
		expect(fit.params.alpha).toBeLessThan(1);
	});

	it('gives a flat forecast with zero error on a constant series', () => {
		const fit = ses([7, 7, 7, 7, 7], { horizon: 4 });
		expect(fit.forecast).toEqual([7, 7, 7, 7]);
		expect(fit.sse).toBeCloseTo(0, 12);
	});
});
