/**
 * What-if grid for the forecast: revenue, cost, ROAS and net contribution when conversion rate, order value,
 * reversal rate or commission rate move by a share (e.g. -20%, -10%, +10%, +20%), one at a time, everything
 * else held. Called by the budget report.
 */

export const SENSITIVITY_FACTORS = ['conversion_rate', 'order_value', 'reversal_rate', 'commission_rate'] as const;
export type SensitivityFactor = (typeof SENSITIVITY_FACTORS)[number];

export interface SensitivityBase {
	/** Net revenue (after reversals) over the period. */
	readonly revenue: number;
	readonly commission: number;
	readonly networkFees: number;
	/** Costs that do not move with sales (placement fees, tenancies, program fees). */
	readonly otherCosts: number;
	/** Share of decided sale value that is reversed (0..1). */
	readonly reversalRate: number;
	readonly grossMargin: number;
}

export interface SensitivityOutcome {
	readonly revenue: number;
	readonly cost: number;
	readonly roas: number | null;
	readonly netContribution: number;
}

export interface SensitivityCell extends SensitivityOutcome {
	readonly factor: SensitivityFactor;
	/** Relative change of the factor, e.g. -0.1. */
	readonly change: number;
	/** Relative change of revenue and ROAS against the base (null when the base is 0). */
	readonly revenueChange: number | null;
	readonly roasChange: number | null;
}

/** The arithmetic, in words, for the page and the API's assumptions. */
export const SENSITIVITY_RULES: Readonly<Record<SensitivityFactor, string>> = {
	conversion_rate: 'conversion rate x (1 + d): revenue, commission and network fees x (1 + d) (revenue = clicks x conversion rate x order value x (1 - reversal rate)); other costs unchanged',
	order_value: 'order value x (1 + d): revenue, commission and network fees x (1 + d) (both are shares of the sale value); other costs unchanged',
	reversal_rate: 'reversal rate r x (1 + d): revenue, commission and network fees x (1 - r (1 + d)) / (1 - r) (reversed sales earn and cost nothing); other costs unchanged',
	commission_rate: 'commission rate x (1 + d): commission x (1 + d); revenue, network fees and other costs unchanged'
};

function outcome(base: SensitivityBase, multipliers: { readonly sales: number; readonly commission: number }): SensitivityOutcome {
	const revenue = base.revenue * multipliers.sales;
	const cost = base.commission * multipliers.sales * multipliers.commission + base.networkFees * multipliers.sales + base.otherCosts;
	return { revenue, cost, roas: cost > 0 ? revenue / cost : null, netContribution: revenue * base.grossMargin - cost };
}

/**
 * The base outcome and one cell per factor and change. The reversal rate is capped at 1 (everything reversed).
 *
 * Complexity: O(factors x changes).
 *
 * @example
 * sensitivityGrid({ revenue: 1000, commission: 100, networkFees: 30, otherCosts: 70, reversalRate: 0.1, grossMargin: 0.3 }, [0.1])
 *   .cells.find((c) => c.factor === 'reversal_rate'); // revenue 1000 x (1 - 0.11) / 0.9 = 988.9
 */
export function sensitivityGrid(base: SensitivityBase, changes: readonly number[] = [-0.2, -0.1, 0.1, 0.2]): { base: SensitivityOutcome; cells: SensitivityCell[] } {
	const reference = outcome(base, { sales: 1, commission: 1 });
	const relative = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b));
	const cells: SensitivityCell[] = [];
	for (const factor of SENSITIVITY_FACTORS) {
		for (const change of changes) {
			let multipliers = { sales: 1, commission: 1 };
			if (factor === 'conversion_rate' || factor === 'order_value') multipliers = { sales: 1 + change, commission: 1 };
			else if (factor === 'commission_rate') multipliers = { sales: 1, commission: 1 + change };
			else if (base.reversalRate < 1) multipliers = { sales: (1 - Math.min(1, base.reversalRate * (1 + change))) / (1 - base.reversalRate), commission: 1 };
			const o = outcome(base, multipliers);
			cells.push({ factor, change, ...o, revenueChange: relative(o.revenue, reference.revenue), roasChange: relative(o.roas, reference.roas) });
		}
	}
	return { base: reference, cells };
}
