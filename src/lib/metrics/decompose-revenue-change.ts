/**
 * Splits a change in net revenue between two periods into the effects of clicks, conversion rate, order
 * value and reversals (pure). Net revenue factors exactly as
 *   revenue = clicks x (gross conversions / clicks) x (gross revenue / gross conversions) x (revenue / gross revenue)
 * and the effects add up to the change exactly: LMDI (logarithmic mean Divisia index) when every factor is
 * positive in both periods, otherwise sequential substitution in the order above.
 *
 * @example
 * // clicks +10%, everything else equal: the whole change is the clicks effect
 * decomposeRevenueChange({ clicks: 100, gross_conversions: 5, gross_revenue: 500, revenue: 450 },
 *                        { clicks: 110, gross_conversions: 5.5, gross_revenue: 550, revenue: 495 })
 * // -> { change: 45, effects: { clicks: 45, conversion_rate: 0, order_value: 0, reversals: 0 }, method: 'lmdi' }
 * Complexity: O(1).
 */

export interface RevenueInputs {
	readonly clicks: number;
	readonly gross_conversions: number;
	readonly gross_revenue: number;
	readonly revenue: number;
}

export const EFFECTS = ['clicks', 'conversion_rate', 'order_value', 'reversals'] as const;
export type Effect = (typeof EFFECTS)[number];

export interface RevenueChange {
	readonly before: number;
	readonly after: number;
	readonly change: number;
	readonly effects: Readonly<Record<Effect, number>>;
	readonly method: 'lmdi' | 'sequential' | 'none';
}

function factors(x: RevenueInputs): [number, number, number, number] {
	const safe = (a: number, b: number) => (b === 0 ? 0 : a / b);
	return [x.clicks, safe(x.gross_conversions, x.clicks), safe(x.gross_revenue, x.gross_conversions), safe(x.revenue, x.gross_revenue)];
}

/** Logarithmic mean of two positive numbers. */
export function logMean(a: number, b: number): number {
	return Math.abs(a - b) < 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1) ? a : (a - b) / (Math.log(a) - Math.log(b));
}

export function decomposeRevenueChange(before: RevenueInputs, after: RevenueInputs): RevenueChange {
	const change = after.revenue - before.revenue;
	const zero = { clicks: 0, conversion_rate: 0, order_value: 0, reversals: 0 };
	const f0 = factors(before);
	const f1 = factors(after);
	const product = (f: number[]) => f.reduce((a, b) => a * b, 1);
	// Revenue without clicks (coupon-only sales) does not factor through clicks: nothing to split.
	if (Math.abs(product(f0) - before.revenue) > 1e-6 * Math.max(1, Math.abs(before.revenue)) || Math.abs(product(f1) - after.revenue) > 1e-6 * Math.max(1, Math.abs(after.revenue))) {
		return { before: before.revenue, after: after.revenue, change, effects: zero, method: 'none' };
	}
	if ([...f0, ...f1].every((v) => v > 0)) {
		const weight = logMean(after.revenue, before.revenue);
		const effects = Object.fromEntries(EFFECTS.map((e, i) => [e, weight * Math.log(f1[i]! / f0[i]!)])) as Record<Effect, number>;
		return { before: before.revenue, after: after.revenue, change, effects, method: 'lmdi' };
	}
	const effects = { ...zero };
	const current = [...f0];
	EFFECTS.forEach((e, i) => {
		const was = product(current);
		current[i] = f1[i]!;
		effects[e] = product(current) - was;
	});
	return { before: before.revenue, after: after.revenue, change, effects, method: 'sequential' };
}
