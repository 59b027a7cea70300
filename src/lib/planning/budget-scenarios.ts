/**
 * The budget scenarios side by side: hold (recent weekly spend per channel continued), reach the target
 * (allocateBudget) and ROAS floor (spendToFloor), each per channel per week and in total over the horizon,
 * with fixed costs outside the channels added to the totals. Called by the budget report.
 */
import { allocateBudget, type AllocationStatus } from './allocate-budget.ts';
import { channelSpend, type BudgetChannel, type ChannelSpend } from './channel-spend.ts';
import { spendToFloor } from './spend-to-floor.ts';

export interface ScenarioChannel extends BudgetChannel {
	/** The baseline weekly cost: what "hold" keeps spending. */
	readonly recent: number;
}

export interface ScenarioInput {
	readonly channels: readonly ScenarioChannel[];
	/** Weekly revenue to reach (the horizon's target / horizon). */
	readonly targetWeekly: number;
	/** Marginal ROAS the floor scenario spends down to. */
	readonly floor: number;
	readonly horizon: number;
	/** Weekly cost outside the channels (program-level fees), held as it is in every scenario. */
	readonly fixedCost: number;
	/** Weekly revenue no spend moves (a channel with revenue but no cost), held in every scenario; default 0. */
	readonly fixedRevenue?: number;
	readonly grossMargin: number;
}

export interface ScenarioRow extends ChannelSpend {
	/** Marginal ROAS below break-even (1 / gross margin): the last unit of spend loses money. */
	readonly belowBreakEven: boolean;
}

export interface ScenarioTotals {
	/** Channel costs + fixed cost. */
	readonly cost: number;
	readonly revenue: number;
	readonly roas: number | null;
	/** revenue x gross margin - cost. */
	readonly netContribution: number;
}

export const SCENARIO_KEYS = ['hold', 'target', 'floor'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export interface Scenario {
	readonly key: ScenarioKey;
	readonly label: string;
	readonly description: string;
	/** Weekly figures per channel. */
	readonly rows: readonly ScenarioRow[];
	readonly weekly: ScenarioTotals;
	/** weekly x horizon. */
	readonly total: ScenarioTotals;
	/** For "target": whether the curves and bounds can reach it. */
	readonly status?: AllocationStatus;
	/** For "target": the marginal ROAS the free channels are spent down to. */
	readonly thresholdRoas?: number | null;
	/** For "target": weekly revenue with every channel at its lower / upper bound. */
	readonly reachable?: { readonly min: number; readonly max: number };
}

/**
 * Builds the three scenarios. Break-even marginal ROAS is 1 / grossMargin: below it a unit of spend returns
 * less gross margin than it costs; rows below it are flagged.
 *
 * Complexity: O(channels x 200) (the allocation's bisection).
 *
 * @example
 * budgetScenarios({ channels, targetWeekly: 50_000, floor: 1 / 0.3, horizon: 13, fixedCost: 400, grossMargin: 0.3 })
 *   .map((s) => [s.key, s.total.revenue]); // => [['hold', 561_000], ['target', 650_000], ['floor', 702_000]]
 */
export function budgetScenarios(input: ScenarioInput): Scenario[] {
	const breakEven = 1 / input.grossMargin;
	const rows = (spend: readonly ChannelSpend[]): ScenarioRow[] => spend.map((r) => ({ ...r, belowBreakEven: r.marginalRoas !== null && r.marginalRoas < breakEven }));
	const totals = (spend: readonly ChannelSpend[], factor: number): ScenarioTotals => {
		const cost = (spend.reduce((s, r) => s + r.cost, 0) + input.fixedCost) * factor;
		const revenue = (spend.reduce((s, r) => s + r.revenue, 0) + (input.fixedRevenue ?? 0)) * factor;
		return { cost, revenue, roas: cost > 0 ? revenue / cost : null, netContribution: revenue * input.grossMargin - cost };
	};
	const scenario = (key: ScenarioKey, label: string, description: string, spend: readonly ChannelSpend[], extra: Partial<Scenario> = {}): Scenario => ({
		key,
		label,
		description,
		rows: rows(spend),
		weekly: totals(spend, 1),
		total: totals(spend, input.horizon),
		...extra
	});

	const hold = input.channels.map((c) => channelSpend(c, c.recent));
	const allocation = allocateBudget(input.channels, Math.max(0, input.targetWeekly - (input.fixedRevenue ?? 0)));
	const floor = spendToFloor(input.channels, input.floor);
	return [
		scenario('hold', 'Hold budget', 'Every channel keeps its baseline weekly spend: the baseline forecast.', hold),
		scenario('target', 'Reach target', 'The cheapest spend per channel that reaches the target: equal marginal ROAS across channels, within the bounds.', allocation.rows, {
			status: allocation.status,
			thresholdRoas: allocation.thresholdRoas,
			reachable: { min: allocation.minRevenue + (input.fixedRevenue ?? 0), max: allocation.maxRevenue + (input.fixedRevenue ?? 0) }
		}),
		scenario('floor', 'ROAS floor', `Every channel spends until its marginal ROAS falls to ${input.floor.toFixed(2)}, within the bounds.`, floor)
	];
}
