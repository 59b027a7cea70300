/**
 * Least-squares fit of revenue = a x cost^b on logs: ln R = ln a + b ln C. Called by chooseResponseCurve
 * with a channel's weekly (cost, revenue) pairs.
 */

export interface CostRevenue {
	readonly cost: number;
	readonly revenue: number;
}

export interface PowerFit {
	readonly a: number;
	readonly b: number;
	/** Pairs used (both cost and revenue > 0). */
	readonly n: number;
	/** Share of the variance of ln R explained (1 when every point lies on the curve). */
	readonly r2: number;
	/** Standard error of b (NaN with fewer than 3 pairs). */
	readonly bStdError: number;
	/** Smallest and largest cost among the pairs used. */
	readonly costRange: readonly [number, number];
}

/**
 * Ordinary least squares of ln(revenue) on ln(cost) over the pairs where both are positive. The error is
 * taken as multiplicative (log-normal), which suits weekly money figures whose noise grows with their size.
 * Returns null when fewer than 2 usable pairs remain or every cost is the same (b is not identified).
 *
 * Complexity: O(n).
 *
 * @example
 * fitPowerCurve([{ cost: 100, revenue: 100 }, { cost: 400, revenue: 200 }, { cost: 900, revenue: 300 }]);
 * // => { a: 10, b: 0.5, n: 3, r2: 1, bStdError: 0, costRange: [100, 900] }
 */
export function fitPowerCurve(points: readonly CostRevenue[]): PowerFit | null {
	const usable = points.filter((p) => p.cost > 0 && p.revenue > 0 && Number.isFinite(p.cost) && Number.isFinite(p.revenue));
	const n = usable.length;
	if (n < 2) return null;
	const x = usable.map((p) => Math.log(p.cost));
	const y = usable.map((p) => Math.log(p.revenue));
	const mx = x.reduce((s, v) => s + v, 0) / n;
	const my = y.reduce((s, v) => s + v, 0) / n;
	let sxx = 0;
	let sxy = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxx += (x[i]! - mx) ** 2;
		sxy += (x[i]! - mx) * (y[i]! - my);
		syy += (y[i]! - my) ** 2;
	}
	// Costs equal to within rounding: the slope is not identified.
	if (sxx <= 1e-12 * Math.max(1, mx * mx) * n) return null;
	const b = sxy / sxx;
	const lnA = my - b * mx;
	const sse = Math.max(0, syy - b * sxy);
	const r2 = syy > 0 ? 1 - sse / syy : 1;
	const bStdError = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN;
	const costs = usable.map((p) => p.cost);
	return { a: Math.exp(lnA), b, n, r2, bStdError, costRange: [Math.min(...costs), Math.max(...costs)] };
}
