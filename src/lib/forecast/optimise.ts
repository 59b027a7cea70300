/**
 * A small bounded Nelder-Mead minimiser. The smoothing methods (ses, holt, holt-winters, theta) call it to
 * pick the parameters that minimise their in-sample one-step squared error.
 */

export interface OptimiseOptions {
	/** Lower bound of each coordinate. */
	readonly lower: readonly number[];
	/** Upper bound of each coordinate (>= lower). */
	readonly upper: readonly number[];
	/** Stop after this many evaluations of `f` (default 200 per dimension + 100). */
	readonly maxEvaluations?: number;
	/** Stop when the simplex's values differ by less than this, relatively (default 1e-10). */
	readonly tolerance?: number;
	/** Restarts from the best point, which un-sticks a collapsed simplex (default 1). */
	readonly restarts?: number;
}

export interface OptimiseResult {
	readonly x: number[];
	readonly value: number;
	readonly evaluations: number;
}

/**
 * Minimise `f` over the box [lower, upper] by Nelder-Mead. The search runs in coordinates scaled to the unit
 * cube, so parameters of very different sizes (a weight in [0, 1], a level around 10^5) are searched alike;
 * points leaving the box are clamped back onto it. Non-finite values of `f` count as +Infinity, so a caller
 * can reject a region by returning NaN or Infinity.
 *
 * Complexity: O(maxEvaluations * (cost of f + d)) time, O(d^2) memory for d dimensions.
 *
 * @example
 * optimise(([x]) => (x - 2) ** 2, [0], { lower: [-10], upper: [10] }).x; // => [≈2]
 * optimise(([x]) => x, [5], { lower: [1], upper: [10] }).x; // => [1] (the bound)
 */
export function optimise(
	f: (x: readonly number[]) => number,
	x0: readonly number[],
	options: OptimiseOptions
): OptimiseResult {
	const d = x0.length;
	const { lower, upper } = options;
	if (lower.length !== d || upper.length !== d) throw new RangeError('optimise: bounds must have one entry per coordinate');
	const span = lower.map((lo, i) => Math.max(upper[i]! - lo, 0));
	const toX = (u: readonly number[]) => u.map((ui, i) => lower[i]! + span[i]! * clamp01(ui));
	let evaluations = 0;
	const maxEvaluations = options.maxEvaluations ?? 200 * d + 100;
	const tolerance = options.tolerance ?? 1e-10;
	const g = (u: number[]): number => {
		evaluations++;
		const v = f(toX(u));
		return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
	};
	let best = x0.map((xi, i) => (span[i]! > 0 ? clamp01((xi - lower[i]!) / span[i]!) : 0));
	let bestValue = g(best);
	if (d === 0) return { x: toX(best), value: bestValue, evaluations };

	for (let attempt = 0; attempt <= (options.restarts ?? 1); attempt++) {
		const run = nelderMead(g, best, () => evaluations < maxEvaluations, tolerance);
		if (run.value <= bestValue) {
			best = run.u;
			bestValue = run.value;
		}
		if (evaluations >= maxEvaluations) break;
	}
	return { x: toX(best), value: bestValue, evaluations };
}

function clamp01(u: number): number {
	return u < 0 ? 0 : u > 1 ? 1 : u;
}

/** One Nelder-Mead run in the unit cube with the standard coefficients (reflect 1, expand 2, contract 1/2, shrink 1/2). */
function nelderMead(
	g: (u: number[]) => number,
	start: readonly number[],
	budgetLeft: () => boolean,
	tolerance: number
): { u: number[]; value: number } {
	const d = start.length;
	const simplex: number[][] = [start.map(clamp01)];
	for (let i = 0; i < d; i++) {
		const p = simplex[0]!.slice();
		// Step a tenth of the box; step inwards when the start sits on the upper face.
		p[i] = p[i]! + 0.1 <= 1 ? p[i]! + 0.1 : p[i]! - 0.1;
		simplex.push(p);
	}
	let values = simplex.map(g);
	const move = (from: readonly number[], to: readonly number[], t: number) => from.map((a, i) => clamp01(a + t * (to[i]! - a)));

	while (budgetLeft()) {
		const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
		const s = order.map((i) => simplex[i]!);
		const v = order.map((i) => values[i]!);
		simplex.splice(0, simplex.length, ...s);
		values = v;
		const lo = values[0]!;
		const hi = values[d]!;
		let size = 0;
		for (let j = 1; j <= d; j++) for (let i = 0; i < d; i++) size = Math.max(size, Math.abs(simplex[j]![i]! - simplex[0]![i]!));
		if ((Number.isFinite(hi) && Math.abs(hi - lo) <= tolerance * (Math.abs(lo) + 1e-12)) || size < 1e-9) break;

		const centroid = new Array<number>(d).fill(0);
		for (let j = 0; j < d; j++) for (let i = 0; i < d; i++) centroid[i] = centroid[i]! + simplex[j]![i]! / d;
		const worst = simplex[d]!;
		const reflected = move(centroid, worst, -1);
		const fr = g(reflected);
		if (fr < lo) {
			const expanded = move(centroid, worst, -2);
			const fe = g(expanded);
			if (fe < fr) [simplex[d], values[d]] = [expanded, fe];
			else [simplex[d], values[d]] = [reflected, fr];
		} else if (fr < values[d - 1]!) {
			[simplex[d], values[d]] = [reflected, fr];
		} else {
			const outside = fr < hi;
			const contracted = move(centroid, outside ? reflected : worst, 0.5);
			const fc = g(contracted);
			if (fc < (outside ? fr : hi)) {
				[simplex[d], values[d]] = [contracted, fc];
			} else {
				for (let j = 1; j <= d; j++) {
					simplex[j] = move(simplex[0]!, simplex[j]!, 0.5);
					values[j] = g(simplex[j]!);
				}
			}
		}
	}
	let bi = 0;
	for (let j = 1; j < values.length; j++) if (values[j]! < values[bi]!) bi = j;
	return { u: simplex[bi]!, value: values[bi]! };
}
