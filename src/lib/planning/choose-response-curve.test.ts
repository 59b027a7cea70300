import { describe, expect, it } from 'vitest';
import { chooseResponseCurve } from './choose-response-curve.ts';

const weeks = (n: number, b: number) => Array.from({ length: n }, (_, i) => ({ cost: 100 + 40 * i, revenue: 20 * (100 + 40 * i) ** b }));

describe('chooseResponseCurve', () => {
	it('keeps a fitted curve with diminishing returns', () => {
		const choice = chooseResponseCurve(weeks(12, 0.8), { trailingRoas: 5 });
		expect(choice.curve.kind).toBe('power');
		expect(choice.curve.b).toBeCloseTo(0.8, 10);
		expect(choice.fallbackReason).toBeNull();
	});

	it.each([
		['too few weeks', weeks(5, 0.8), /only 5 weeks/],
		['increasing returns', weeks(12, 1.2), /b = 1\.200 > 1/],
		['revenue falling with cost', weeks(12, -0.3), /b = -0\.300 <= 0/],
		['no variation in cost', [{ cost: 50, revenue: 200 }, { cost: 50, revenue: 210 }], /no curve can be fitted/],
		['a fit that explains little', weeks(12, 0.5).map((p, i) => ({ ...p, revenue: p.revenue * (i % 2 ? 3 : 0.33) })), /explains only \d+% .* \(at least 30% needed\)/]
	])('falls back to a line through the trailing ROAS on %s', (_, points, reason) => {
		const choice = chooseResponseCurve(points, { trailingRoas: 4.2 });
		expect(choice.curve).toEqual({ kind: 'linear', a: 4.2, b: 1 });
		expect(choice.fallbackReason).toMatch(reason);
	});

	it('uses a = 0 when there is no trailing ROAS', () => {
		expect(chooseResponseCurve([], { trailingRoas: null }).curve.a).toBe(0);
	});
});
