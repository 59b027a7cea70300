/**
 * A BuildPlan without its parsed models: the JSON-safe value the API returns, the CLI prints and a remote
 * CLI receives. Pure. Called by run-build.
 */
import type { BuildPlan, Change, NodeKind, PlanProblem } from './plan-build.ts';

export interface PlanSummaryNode {
	readonly name: string;
	readonly kind: NodeKind;
	readonly version: string;
	readonly previousVersion: string | null;
	readonly change: Change;
	readonly parents: readonly string[];
	readonly because: readonly string[];
}

export interface PlanSummary {
	/** The publish the plan compares against (null before the first publish). */
	readonly basePublishId: number | null;
	readonly nodes: readonly PlanSummaryNode[];
	readonly removed: readonly string[];
	readonly problems: readonly PlanProblem[];
	/** The data tests differ from the ones the current publish passed, so they run even if no model changed. */
	readonly dataTestsChanged: boolean;
	/** No model changed, none was removed and the data tests are the same. */
	readonly upToDate: boolean;
}

export function summarizePlan(plan: BuildPlan, basePublishId: number | null, dataTestsChanged: boolean): PlanSummary {
	return {
		basePublishId,
		nodes: plan.nodes.map((n) => ({ name: n.name, kind: n.kind, version: n.version, previousVersion: n.previousVersion, change: n.change, parents: n.parents, because: n.because })),
		removed: plan.removed,
		problems: plan.problems,
		dataTestsChanged,
		upToDate: plan.upToDate && !dataTestsChanged
	};
}
