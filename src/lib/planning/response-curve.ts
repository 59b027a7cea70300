/**
 * A channel's response curve, revenue = a x cost^b per week (0 < b <= 1: diminishing returns; b = 1 is a
 * straight line through the origin, i.e. a constant ROAS of a), and the maths the budget solver needs:
 * revenue at a cost, marginal ROAS, and the inverses. Used by allocate-budget, spend-to-floor and the
 * budget report.
 */

export interface ResponseCurve {
	/** 'power': fitted on weekly (cost, revenue) pairs; 'linear': through the trailing ROAS (b = 1). */
	readonly kind: 'power' | 'linear';
	readonly a: number;
	readonly b: number;
}

/**
 * Revenue per week at a weekly cost: a x cost^b (0 for cost <= 0).
 *
 * Complexity: O(1).
 *
 * @example
 * curveRevenue({ kind: 'power', a: 10, b: 0.5 }, 400); // => 200
 */
export function curveRevenue(curve: ResponseCurve, cost: number): number {
	if (!(cost > 0)) return 0;
	return curve.a * cost ** curve.b;
}

/**
 * Marginal ROAS dR/dC = a x b x cost^(b - 1): the revenue the next unit of cost brings. For b < 1 it falls
 * as cost grows (Infinity at cost 0); for b = 1 it is a everywhere.
 *
 * Complexity: O(1).
 *
 * @example
 * marginalRoas({ kind: 'power', a: 10, b: 0.5 }, 400); // => 0.25
 */
export function marginalRoas(curve: ResponseCurve, cost: number): number {
	if (curve.b === 1) return curve.a;
	if (!(cost > 0)) return Infinity;
	return curve.a * curve.b * cost ** (curve.b - 1);
}

/**
 * The weekly cost at which the marginal ROAS equals `m` (b < 1), computed in logs so that b close to 1 does
 * not overflow: cost = (m / (a b))^(1 / (b - 1)). Undefined for a linear curve (its marginal ROAS never
 * changes) or a non-positive m.
 *
 * Complexity: O(1).
 *
 * @example
 * costAtMarginalRoas({ kind: 'power', a: 10, b: 0.5 }, 0.25); // => 400
 */
export function costAtMarginalRoas(curve: ResponseCurve, m: number): number | undefined {
	if (curve.b >= 1 || !(m > 0)) return undefined;
	const log = (Math.log(m) - Math.log(curve.a * curve.b)) / (curve.b - 1);
	return Math.exp(Math.min(log, 700));
}

/**
 * The weekly cost that brings `revenue`: (revenue / a)^(1 / b) (0 for revenue <= 0; Infinity when a <= 0:
 * the channel brings no revenue at any cost).
 *
 * Complexity: O(1).
 *
 * @example
 * costForRevenue({ kind: 'power', a: 10, b: 0.5 }, 200); // => 400
 */
export function costForRevenue(curve: ResponseCurve, revenue: number): number {
	if (!(revenue > 0)) return 0;
	if (!(curve.a > 0)) return Infinity;
	return Math.exp(Math.min((Math.log(revenue) - Math.log(curve.a)) / curve.b, 700));
}
