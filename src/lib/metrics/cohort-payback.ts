/**
 * Payback period of a customer cohort (pure): the first period k where the cumulative gross margin per
 * customer reaches the acquisition cost per customer. Called by cohortCurve and the cohort reports.
 */

export interface PaybackPoint {
	/** Periods after the cohort period (0 = the cohort period). */
	readonly offset: number;
	/** LTV at k x gross margin. */
	readonly marginPerCustomer: number;
	/** Acquisition cost per customer of the cohorts observed at k. */
	readonly costPerCustomer: number;
}

/** Tolerance for comparing money computed by different sums (a millionth of a currency unit). */
const EPSILON = 1e-6;

/**
 * The first offset whose cumulative margin per customer is at least the acquisition cost per customer, or
 * null when that never happens in the points given (not yet observed is not "never": the caller says so).
 * Points may come in any order; non-finite values never pay back.
 *
 * @example paybackPeriod([{ offset: 0, marginPerCustomer: 15, costPerCustomer: 30 }, { offset: 1, marginPerCustomer: 33, costPerCustomer: 30 }]) // 1
 * Complexity: O(n log n) for the sort.
 */
export function paybackPeriod(points: readonly PaybackPoint[]): number | null {
	const sorted = [...points].sort((a, b) => a.offset - b.offset);
	for (const p of sorted) {
		if (!Number.isFinite(p.marginPerCustomer) || !Number.isFinite(p.costPerCustomer)) continue;
		if (p.marginPerCustomer >= p.costPerCustomer - EPSILON) return p.offset;
	}
	return null;
}
