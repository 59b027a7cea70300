/**
 * The cheapest weekly budget per channel that reaches a revenue target, given each channel's response curve
 * and cost bounds. Called by the budget scenarios ("reach target").
 */
import { channelSpend, type BudgetChannel, type ChannelSpend } from './channel-spend.ts';
import { costAtMarginalRoas, costForRevenue, curveRevenue, marginalRoas } from './response-curve.ts';

export type AllocationStatus = 'reached' | 'above-maximum' | 'below-minimum';

export interface Allocation {
	/** reached; above-maximum: the target needs more than every channel at its upper bound brings (all at max);
	 * below-minimum: every channel at its lower bound already brings more (all at min). */
	readonly status: AllocationStatus;
	/** Weekly revenue asked for. */
	readonly target: number;
	readonly rows: readonly ChannelSpend[];
	/** Weekly totals of the allocation. */
	readonly cost: number;
	readonly revenue: number;
	/**
	 * The marginal ROAS every channel not held by a bound is spent down to (the Lagrange multiplier's
	 * inverse); null when the target is out of reach.
	 */
	readonly thresholdRoas: number | null;
	/** Weekly revenue with every channel at its lower / upper bound. */
	readonly minRevenue: number;
	readonly maxRevenue: number;
}

const ITERATIONS = 200;
const TOLERANCE = 1e-9;

/**
 * Minimises total cost subject to sum_i revenue_i(cost_i) = target and min_i <= cost_i <= max_i. With
 * concave curves (b <= 1) the optimum spends every channel not held by a bound down to the same marginal
 * ROAS m (KKT conditions): bisection on log m, each channel's cost at m taken from its curve and clipped to
 * its bounds; total revenue falls as m rises. A linear channel (constant marginal ROAS a) jumps from its
 * lower to its upper bound as m passes a, so the gap left at the end is filled from the channels that
 * jump, best first, on their own curve.
 *
 * Complexity: O(channels x 200).
 *
 * @example
 * // revenue 10 sqrt(C1) and 20 sqrt(C2): equal marginal ROAS means C2 = 4 C1; 50 sqrt(C1) = 500.
 * allocateBudget([{ channel: 'x', curve: { kind: 'power', a: 10, b: 0.5 }, min: 0, max: 1e6 },
 *                 { channel: 'y', curve: { kind: 'power', a: 20, b: 0.5 }, min: 0, max: 1e6 }], 500);
 * // => costs 100 and 400, marginal ROAS 0.5 on both, thresholdRoas 0.5
 */
export function allocateBudget(channels: readonly BudgetChannel[], target: number): Allocation {
	const at = (costs: readonly number[]) => costs.map((c, i) => channelSpend(channels[i]!, c));
	const total = (rows: readonly ChannelSpend[]) => ({ cost: sum(rows.map((r) => r.cost)), revenue: sum(rows.map((r) => r.revenue)) });
	const minRows = at(channels.map((c) => c.min));
	const maxRows = at(channels.map((c) => c.max));
	const minRevenue = total(minRows).revenue;
	const maxRevenue = total(maxRows).revenue;
	const done = (status: AllocationStatus, rows: readonly ChannelSpend[], thresholdRoas: number | null): Allocation => ({
		status,
		target,
		rows,
		...total(rows),
		thresholdRoas,
		minRevenue,
		maxRevenue
	});

	if (target > maxRevenue * (1 + TOLERANCE)) return done('above-maximum', maxRows, null);
	if (target < minRevenue * (1 - TOLERANCE)) return done('below-minimum', minRows, null);
	if (target >= maxRevenue * (1 - TOLERANCE)) return done('reached', maxRows, smallest(maxRows));
	if (target <= minRevenue * (1 + TOLERANCE)) return done('reached', minRows, largest(minRows));

	const costsAt = (m: number) =>
		channels.map((c) => {
			if (c.curve.b >= 1) return c.curve.a > m ? c.max : c.min;
			return clamp(costAtMarginalRoas(c.curve, m) ?? c.min, c.min, c.max);
		});
	const revenueAt = (costs: readonly number[]) => sum(costs.map((cost, i) => curveRevenue(channels[i]!.curve, cost)));

	// Bracket: at mLow every channel is at its upper bound, at mHigh at (about) its lower bound.
	const marginals = channels.flatMap((c) => [marginalRoas(c.curve, c.max), marginalRoas(c.curve, Math.max(c.min, c.max * 1e-9))]).filter((m) => Number.isFinite(m) && m > 0);
	let logLow = Math.log(Math.min(...marginals)) - 1;
	let logHigh = Math.log(Math.max(...marginals)) + 1;
	// A lower bound of 0 on a flat curve (b near 0) can leave much revenue at the first guess: widen until not.
	for (let i = 0; i < 100 && revenueAt(costsAt(Math.exp(logHigh))) >= target; i++) logHigh += 5;
	for (let i = 0; i < ITERATIONS && logHigh - logLow > 1e-13; i++) {
		const mid = (logLow + logHigh) / 2;
		if (revenueAt(costsAt(Math.exp(mid))) >= target) logLow = mid;
		else logHigh = mid;
	}
	const lowCosts = costsAt(Math.exp(logLow));
	const costs = costsAt(Math.exp(logHigh));
	// Fill what is left from the channels that would spend more just below the threshold (linear ones jump).
	let gap = target - revenueAt(costs);
	const jumpers = channels
		.map((c, i) => ({ c, i }))
		.filter(({ i }) => lowCosts[i]! > costs[i]!)
		.sort((x, y) => marginalRoas(y.c.curve, costs[y.i]!) - marginalRoas(x.c.curve, costs[x.i]!));
	for (const { c, i } of jumpers) {
		if (gap <= 0) break;
		const from = curveRevenue(c.curve, costs[i]!);
		const take = Math.min(gap, curveRevenue(c.curve, lowCosts[i]!) - from);
		costs[i] = clamp(costForRevenue(c.curve, from + take), c.min, c.max);
		gap -= take;
	}
	return done('reached', at(costs), Math.exp((logLow + logHigh) / 2));
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}

function sum(values: readonly number[]): number {
	return values.reduce((s, v) => s + v, 0);
}

function smallest(rows: readonly ChannelSpend[]): number | null {
	const m = rows.map((r) => r.marginalRoas).filter((v): v is number => v !== null);
	return m.length ? Math.min(...m) : null;
}

function largest(rows: readonly ChannelSpend[]): number | null {
	const m = rows.map((r) => r.marginalRoas).filter((v): v is number => v !== null);
	return m.length ? Math.max(...m) : null;
}
