import { describe, expect, it } from 'vitest';
import { comb } from './comb.ts';
import { fitMethods } from './fit-methods.ts';
import { METHOD_NAMES } from './types.ts';

describe('fitMethods', () => {
	const y = Array.from({ length: 40 }, (_, t) => 50 + t + [5, -3, 2, -4][t % 4]! + ((t * 37) % 7) - 3);

	it('fits every method with finite output', () => {
		const { fits, failed } = fitMethods(y, { methods: METHOD_NAMES, period: 4, horizon: 6, year: { period: 4, cycle: 4 } });
		expect(failed).toEqual({});
		for (const method of METHOD_NAMES) {
			const fit = fits[method]!;
			expect(fit.method).toBe(method);
			expect(fit.forecast).toHaveLength(6);
			expect(fit.fitted).toHaveLength(40);
			expect([...fit.forecast, ...fit.fitted, fit.sse, ...fit.varianceFactors].every(Number.isFinite)).toBe(true);
		}
	});

	it('builds comb from the shared fits exactly as comb() does', () => {
		const shared = fitMethods(y, { methods: ['comb'], period: 4, horizon: 4 }).fits.comb!;
		const alone = comb(y, { horizon: 4, period: 4 });
		shared.forecast.forEach((f, i) => expect(f).toBeCloseTo(alone.forecast[i]!, 9));
	});

	it('reports a method that cannot fit instead of throwing', () => {
		const { fits, failed } = fitMethods([0, 1, 2, 3, 0, 1, 2, 3, 0, 1], { methods: ['holt-winters-multiplicative', 'naive'], period: 4, horizon: 2 });
		expect(fits.naive).toBeDefined();
		expect(failed['holt-winters-multiplicative']).toMatch(/> 0/);
	});
});
