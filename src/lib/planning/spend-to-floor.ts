/**
 * The "ROAS floor" scenario: every channel spends until the next unit of cost would bring less than
 * `floor` in revenue (marginal ROAS = floor), within its bounds. Called by budget-scenarios.
 */
import { channelSpend, type BudgetChannel, type ChannelSpend } from './channel-spend.ts';
import { costAtMarginalRoas } from './response-curve.ts';

/**
 * Per channel: on a power curve the cost where marginal ROAS equals `floor`, clipped to [min, max]; on a
 * linear curve (constant marginal ROAS a) the upper bound when a >= floor, else the lower bound.
 *
 * Complexity: O(channels).
 *
 * @example
 * spendToFloor([{ channel: 'x', curve: { kind: 'power', a: 10, b: 0.5 }, min: 0, max: 1000 }], 0.25);
 * // => [{ channel: 'x', cost: 400, revenue: 200, marginalRoas: 0.25, ... }]
 */
export function spendToFloor(channels: readonly BudgetChannel[], floor: number): ChannelSpend[] {
	return channels.map((c) => {
		const cost = c.curve.b >= 1 ? (c.curve.a >= floor ? c.max : c.min) : Math.min(c.max, Math.max(c.min, costAtMarginalRoas(c.curve, floor) ?? c.min));
		return channelSpend(c, cost);
	});
}
