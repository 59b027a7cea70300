import { describe, expect, it } from 'vitest';
import { costAtMarginalRoas, costForRevenue, curveRevenue, marginalRoas, type ResponseCurve } from './response-curve.ts';

const sqrt: ResponseCurve = { kind: 'power', a: 10, b: 0.5 };
const line: ResponseCurve = { kind: 'linear', a: 4, b: 1 };

describe('curveRevenue', () => {
	it.each([
		[sqrt, 400, 200],
		[sqrt, 0, 0],
		[sqrt, -5, 0],
		[line, 250, 1000]
	])('revenue of %o at cost %d is %d', (curve, cost, revenue) => {
		expect(curveRevenue(curve, cost)).toBeCloseTo(revenue, 10);
	});
});

describe('marginalRoas', () => {
	it('is a b C^(b-1) on a power curve and a on a line', () => {
		expect(marginalRoas(sqrt, 400)).toBeCloseTo(0.25, 12);
		expect(marginalRoas(sqrt, 100)).toBeCloseTo(0.5, 12);
		expect(marginalRoas(line, 1e6)).toBe(4);
	});
	it('is unbounded at cost 0 on a power curve', () => {
		expect(marginalRoas(sqrt, 0)).toBe(Infinity);
	});
});

describe('costAtMarginalRoas', () => {
	it('inverts marginalRoas, also for b close to 1', () => {
		expect(costAtMarginalRoas(sqrt, 0.25)).toBeCloseTo(400, 8);
		const nearlyLinear: ResponseCurve = { kind: 'power', a: 12, b: 0.985 };
		const cost = costAtMarginalRoas(nearlyLinear, marginalRoas(nearlyLinear, 5000))!;
		expect(cost / 5000).toBeCloseTo(1, 8);
	});
	it('is undefined on a line and for a non-positive marginal ROAS', () => {
		expect(costAtMarginalRoas(line, 2)).toBeUndefined();
		expect(costAtMarginalRoas(sqrt, 0)).toBeUndefined();
	});
});

describe('costForRevenue', () => {
	it('inverts curveRevenue', () => {
		expect(costForRevenue(sqrt, 200)).toBeCloseTo(400, 8);
		expect(costForRevenue(line, 1000)).toBeCloseTo(250, 8);
		expect(costForRevenue(sqrt, 0)).toBe(0);
	});
	it('is Infinity when the curve brings nothing', () => {
		expect(costForRevenue({ kind: 'linear', a: 0, b: 1 }, 10)).toBe(Infinity);
	});
});
