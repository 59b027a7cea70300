import { describe, expect, it } from 'vitest';
import { fitPowerCurve } from './fit-power-curve.ts';

/** Deterministic standard normal draws (LCG + Box-Muller), so the noisy case never flakes. */
function normals(n: number, seed = 42): number[] {
	let s = seed;
	const u = () => ((s = (s * 1664525 + 1013904223) % 2 ** 32) + 0.5) / 2 ** 32;
	return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('fitPowerCurve', () => {
	it('recovers a and b exactly from points on a known curve', () => {
		const points = Array.from({ length: 30 }, (_, i) => {
			const cost = 200 + 150 * i;
			return { cost, revenue: 35 * cost ** 0.72 };
		});
		const fit = fitPowerCurve(points)!;
		expect(fit.a).toBeCloseTo(35, 8);
		expect(fit.b).toBeCloseTo(0.72, 10);
		expect(fit.r2).toBeCloseTo(1, 12);
		expect(fit.n).toBe(30);
		expect(fit.costRange).toEqual([200, 200 + 150 * 29]);
	});

	it('recovers them within their standard error from noisy weekly points (5% multiplicative noise)', () => {
		const noise = normals(52);
		const points = noise.map((z, i) => {
			const cost = 1000 * Math.exp(Math.sin(i / 3) * 0.6 + i / 60);
			return { cost, revenue: 35 * cost ** 0.72 * Math.exp(0.05 * z) };
		});
		const fit = fitPowerCurve(points)!;
		expect(Math.abs(fit.b - 0.72)).toBeLessThan(3 * fit.bStdError);
		expect(Math.abs(fit.b - 0.72)).toBeLessThan(0.05);
		expect(fit.a / 35).toBeGreaterThan(0.7);
		expect(fit.a / 35).toBeLessThan(1.4);
		expect(fit.r2).toBeGreaterThan(0.9);
	});

	it('ignores weeks without cost or revenue', () => {
		const fit = fitPowerCurve([
			{ cost: 100, revenue: 100 },
			{ cost: 0, revenue: 50 },
			{ cost: 400, revenue: 0 },
			{ cost: 400, revenue: 200 },
			{ cost: 900, revenue: 300 }
		])!;
		expect(fit.n).toBe(3);
		expect(fit.a).toBeCloseTo(10, 10);
		expect(fit.b).toBeCloseTo(0.5, 10);
	});

	it('gives null when b is not identified', () => {
		expect(fitPowerCurve([{ cost: 100, revenue: 10 }])).toBeNull();
		expect(fitPowerCurve([{ cost: 100, revenue: 10 }, { cost: 100, revenue: 12 }, { cost: 100, revenue: 9 }])).toBeNull();
		expect(fitPowerCurve([])).toBeNull();
	});
});
