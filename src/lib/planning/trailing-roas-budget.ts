/**
 * The simple answer to "what budget reaches the target": scale each channel's recent revenue up to its share
 * of the target and divide by its trailing ROAS (no diminishing returns). Shown beside the curve-based
 * allocation by the budget report.
 */

export interface TrailingChannel {
	readonly channel: string;
	/** Revenue and cost per week over the trailing weeks. */
	readonly revenue: number;
	readonly cost: number;
}

export interface TrailingBudgetRow {
	readonly channel: string;
	/** The channel's share of the target (its share of trailing revenue), per week. */
	readonly revenue: number;
	/** revenue / trailing ROAS, per week (null when the channel has no cost, so no ROAS). */
	readonly cost: number | null;
	readonly roas: number | null;
}

/**
 * Per channel: revenue_i = target x revenue share_i, cost_i = revenue_i / ROAS_i where ROAS_i = trailing
 * revenue / trailing cost. Every channel keeps its revenue share and its ROAS.
 *
 * Complexity: O(channels).
 *
 * @example
 * trailingRoasBudget([{ channel: 'a', revenue: 300, cost: 100 }, { channel: 'b', revenue: 100, cost: 50 }], 800);
 * // => [{ channel: 'a', revenue: 600, cost: 200, roas: 3 }, { channel: 'b', revenue: 200, cost: 100, roas: 2 }]
 */
export function trailingRoasBudget(channels: readonly TrailingChannel[], targetWeekly: number): TrailingBudgetRow[] {
	const total = channels.reduce((s, c) => s + Math.max(0, c.revenue), 0);
	return channels.map((c) => {
		const revenue = total > 0 ? (targetWeekly * Math.max(0, c.revenue)) / total : 0;
		const roas = c.cost > 0 ? c.revenue / c.cost : null;
		return { channel: c.channel, revenue, cost: roas !== null && roas > 0 ? revenue / roas : revenue === 0 ? 0 : null, roas };
	});
}
