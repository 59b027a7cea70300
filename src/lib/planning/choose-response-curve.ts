/**
 * A channel's response curve for the budget solver: the fitted power curve when the weekly pairs support
 * one with diminishing returns, otherwise a straight line through the trailing ROAS, with the reason.
 * Called by the budget report once per channel.
 */
import { fitPowerCurve, type CostRevenue, type PowerFit } from './fit-power-curve.ts';
import type { ResponseCurve } from './response-curve.ts';

export interface CurveChoice {
	readonly curve: ResponseCurve;
	/** The power fit when one was possible (also when it was rejected, to show why). */
	readonly fit: PowerFit | null;
	/** Why the linear fallback was used; null when the power curve was. */
	readonly fallbackReason: string | null;
}

export interface ChooseCurveOptions {
	/** Revenue / cost over the trailing weeks: the slope of the linear fallback. */
	readonly trailingRoas: number | null;
	/** Fewest usable weeks for a power fit (default 8). */
	readonly minWeeks?: number;
	/** Least share of the variance of ln(revenue) the fit must explain (default 0.3); below it cost says little about revenue. */
	readonly minR2?: number;
}

/**
 * Fits revenue = a x cost^b on the pairs (fitPowerCurve) and keeps it when at least `minWeeks` pairs have
 * cost and revenue above 0, 0 < b <= 1 and the fit explains at least `minR2` of the variance (on logs).
 * Otherwise: revenue = trailingRoas x cost (b = 1), flagged with the reason (too few weeks, b outside
 * (0, 1], no variation in cost, a fit that explains too little). A missing or non-positive trailing
 * ROAS gives a = 0 (the channel brings nothing for its cost).
 *
 * Complexity: O(n).
 *
 * @example
 * chooseResponseCurve(weeks, { trailingRoas: 8.1 });
 * // => { curve: { kind: 'linear', a: 8.1, b: 1 }, fit: { b: 1.03, ... }, fallbackReason: 'b = 1.03 > 1: ...' }
 */
export function chooseResponseCurve(points: readonly CostRevenue[], options: ChooseCurveOptions): CurveChoice {
	const minWeeks = options.minWeeks ?? 8;
	const minR2 = options.minR2 ?? 0.3;
	const fit = fitPowerCurve(points);
	const linear = (reason: string): CurveChoice => ({
		curve: { kind: 'linear', a: options.trailingRoas !== null && options.trailingRoas > 0 ? options.trailingRoas : 0, b: 1 },
		fit,
		fallbackReason: reason
	});
	if (!fit) return linear('fewer than 2 weeks with both cost and revenue, or no variation in cost: no curve can be fitted');
	if (fit.n < minWeeks) return linear(`only ${fit.n} weeks with both cost and revenue (at least ${minWeeks} needed for a curve)`);
	if (!Number.isFinite(fit.a) || !Number.isFinite(fit.b)) return linear('the fit did not converge to finite parameters');
	if (fit.b > 1) return linear(`b = ${fit.b.toFixed(3)} > 1: revenue grew at least in step with cost, no diminishing returns observed`);
	if (fit.b <= 0) return linear(`b = ${fit.b.toFixed(3)} <= 0: revenue did not rise with cost in these weeks`);
	if (fit.r2 < minR2) return linear(`the curve explains only ${Math.round(fit.r2 * 100)}% of the weekly variation in revenue (at least ${Math.round(minR2 * 100)}% needed)`);
	return { curve: { kind: 'power', a: fit.a, b: fit.b }, fit, fallbackReason: null };
}
