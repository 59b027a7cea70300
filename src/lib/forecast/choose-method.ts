/**
 * Choose the method for one series and size its intervals: rolling-origin backtest of the candidates (AICc
 * when the series is too short), then the winner refitted to the whole series. Called by forecast.
 */
import { aicc } from './aicc.ts';
import { analyticSigmas } from './analytic-sigmas.ts';
import { backtestCoverage } from './backtest-coverage.ts';
import { backtest } from './backtest.ts';
import { fitMethods } from './fit-methods.ts';
import { intervalHalfWidths } from './interval-half-widths.ts';
import { mae } from './mae.ts';
import { maseScale } from './mase-scale.ts';
import { planBacktest } from './plan-backtest.ts';
import { selectMethod } from './select-method.ts';
import { smape } from './smape.ts';
import { methodMinLength } from './method-skip-reason.ts';
import type { BacktestSummary, MethodErrors, MethodName, ModelFit, YearCycle } from './types.ts';

export interface ChooseMethodOptions {
	/** Methods the whole series supports (at least one). */
	readonly candidates: readonly MethodName[];
	readonly horizon: number;
	readonly period: number;
	readonly maxOrigins: number;
	readonly levels: readonly number[];
	/** Methods already ruled out, with the reason; the summary adds those the backtest rules out. */
	readonly skipped: Readonly<Partial<Record<MethodName, string>>>;
	/** The yearly cycle of a dated series (for the yearly methods and the same-season backtest). */
	readonly year?: YearCycle;
}

export interface Choice {
	/** The chosen method fitted to the whole series. */
	readonly fit: ModelFit;
	/** Interval half-widths per level (keyed "80", "95") and step. */
	readonly halfWidths: Record<string, number[]>;
	readonly summary: BacktestSummary;
}

/**
 * Plan a backtest (planBacktest); if one is possible, run it (backtest), pick the lowest mean MASE
 * (selectMethod), refit the winner to all of `y` and size intervals from its backtest errors and its analytic
 * variance (intervalHalfWidths), with a leave-one-origin-out coverage check. Otherwise fit every candidate
 * to all of `y`, pick the lowest AICc and use analytic intervals. The summary lists every candidate's
 * errors (out of sample in a backtest, in sample with AICc) and every skipped method with its reason.
 *
 * Complexity: O(origins * candidates * n * evaluations).
 *
 * @example
 * chooseMethod(y, { candidates: ['naive', 'ses'], horizon: 6, period: 1, maxOrigins: 12, levels: [80], skipped: {} })
 *   .summary.reason; // => 'lowest mean backtest MASE over 12 origins x 6 steps: ses 0.842; then naive 0.910'
 */
export function chooseMethod(y: readonly number[], o: ChooseMethodOptions): Choice {
	const { horizon, period, levels } = o;
	const skipped = { ...o.skipped };
	const year = o.year ? { year: o.year } : {};
	const plan = planBacktest({ n: y.length, horizon, period, methods: o.candidates, maxOrigins: o.maxOrigins, ...(o.year ? { yearPeriod: o.year.period } : {}) });
	if (plan) {
		Object.assign(skipped, plan.excluded);
		const run = backtest(y, { origins: plan.origins, horizon: plan.horizon, period, methods: plan.methods, ...year });
		Object.assign(skipped, run.failed);
		// The same origins a year earlier: this time of year, peaks included. Part of the choice only when
		// every candidate can be fitted there; always part of the intervals when the chosen method can.
		const yp = o.year?.period ?? (period > 1 ? period : 0);
		// With holidays aligned, "a year earlier" is the same holiday week (53 weeks back after Black Friday moves).
		const yearAgo = (t: number) => (o.year?.align ? o.year.align.yearAgo(t) : t - yp);
		const seasonOrigins = yp > 0 ? [...new Set(plan.origins.map(yearAgo))].filter((t) => t >= 4).sort((a, b) => a - b) : [];
		const fitsAt = (m: MethodName, t: number) => t >= Math.max(4, methodMinLength(m, period, o.year?.period));
		const scored = Object.keys(run.scores) as MethodName[];
		const seasonRun =
			seasonOrigins.length >= 3 && scored.every((m) => fitsAt(m, seasonOrigins[0]!))
				? backtest(y, { origins: seasonOrigins, horizon: plan.horizon, period, methods: scored, ...year })
				: undefined;
		const scores = Object.fromEntries(
			scored.map((m) => {
				const season = seasonRun?.scores[m];
				return [m, run.scores[m]!.mase];
			})
		) as Partial<Record<MethodName, number>>;
		if (Object.keys(scores).length > 0) {
			const label = seasonRun
				? `mean backtest MASE over ${plan.origins.length} recent origins and ${seasonOrigins.length} a year earlier x ${plan.horizon} steps`
				: `mean backtest MASE over ${plan.origins.length} origins x ${plan.horizon} steps`;
			// Walk down the ranking in case the winner cannot be fitted to the whole series (never seen, but cheap).
			const remaining = { ...scores };
			while (Object.keys(remaining).length > 0) {
				const selection = selectMethod(remaining, label);
				const full = fitMethods(y, { methods: [selection.chosen], period, horizon, ...year }).fits[selection.chosen];
				if (full) {
					const chosen = selection.chosen;
					let season: BacktestSummary['season'] = null;
					let seasonErrors: (readonly number[])[] = [];
					let seasonForecasts: (readonly number[])[] = [];
					let seasonNote: string;
					const own = seasonOrigins.filter((t) => fitsAt(chosen, t));
					const ownRun = seasonRun?.scores[chosen] ? seasonRun : own.length >= 3 ? backtest(y, { origins: own, horizon: plan.horizon, period, methods: [chosen], ...year }) : undefined;
					if (ownRun?.scores[chosen]) {
						season = { origins: ownRun.origins.length, errors: ownRun.scores[chosen]! };
						seasonErrors = [...ownRun.errors[chosen]!];
						seasonForecasts = [...ownRun.forecasts[chosen]!];
						seasonNote = `backtested at ${ownRun.origins.length} origins one year before the recent ones (this time of year): MASE ${season.errors.mase.toFixed(3)}`;
					} else if (yp > 0) {
						seasonNote = `the same time of year cannot be backtested: ${chosen} needs ${Math.max(4, methodMinLength(chosen, period, o.year?.period))} observations before an origin a year back, the history holds ${Math.max(0, plan.origins[0]! - yp)}`;
					} else {
						seasonNote = 'no yearly cycle: nothing to backtest a year earlier';
					}
					const errors = [...run.errors[chosen]!, ...seasonErrors];
					const forecasts = [...run.forecasts[chosen]!, ...seasonForecasts];
					const positive = y.every((v) => v > 0);
					return {
						fit: full,
						halfWidths: intervalHalfWidths({
							levels,
							forecast: full.forecast,
							analytic: { sigmas: analyticSigmas(full), df: residualDf(full) },
							backtest: { errors, forecasts, positive },
							varianceFactors: full.varianceFactors
						}),
						summary: {
							origins: plan.origins.length,
							horizon: plan.horizon,
							errors: run.scores,
							skipped,
							chosen,
							criterion: o.candidates.length === 1 ? 'only-candidate' : 'backtest-mase',
							reason: o.candidates.length === 1 ? `the only candidate: ${chosen}` : selection.reason,
							intervals: 'backtest',
							coverage: backtestCoverage(errors, forecasts, positive, levels),
							season,
							seasonNote
						}
					};
				}
				skipped[selection.chosen] = 'backtested but failed to fit the whole series';
				delete remaining[selection.chosen];
			}
		}
	}

	// Too short to backtest: compare in-sample fits by AICc.
	const { fits, failed } = fitMethods(y, { methods: o.candidates, period, horizon, ...year });
	Object.assign(skipped, failed);
	const errors: Partial<Record<MethodName, MethodErrors>> = {};
	const criteria: Partial<Record<MethodName, number>> = {};
	const scale = maseScale(y, period);
	for (const [method, fit] of Object.entries(fits) as [MethodName, ModelFit][]) {
		const actual = y.slice(fit.fittedFrom);
		const fitted = fit.fitted.slice(fit.fittedFrom);
		const value = aicc(fit.sse, actual.length, fit.k);
		if (!Number.isFinite(value)) {
			skipped[method] = `too many parameters (${fit.k}) for ${actual.length} residuals to compute AICc`;
			continue;
		}
		criteria[method] = value;
		errors[method] = { mase: mae(actual, fitted) / scale, smape: smape(actual, fitted), mae: mae(actual, fitted), aicc: value };
	}
	let method: MethodName = 'naive';
	let reason = 'no candidate could be scored: naive';
	if (Object.keys(criteria).length > 0) {
		const selection = selectMethod(criteria, 'AICc (in-sample)');
		method = selection.chosen;
		reason = `${y.length} observations are too few for a rolling-origin backtest; ${selection.reason}`;
	}
	const fit = fits[method] ?? fitMethods(y, { methods: ['naive'], period, horizon }).fits.naive!;
	return {
		fit,
		halfWidths: intervalHalfWidths({
			levels,
			forecast: fit.forecast,
			analytic: { sigmas: analyticSigmas(fit), df: residualDf(fit) },
			varianceFactors: fit.varianceFactors
		}),
		summary: {
			origins: 0,
			horizon,
			errors,
			skipped,
			chosen: fit.method,
			criterion: o.candidates.length === 1 ? 'only-candidate' : 'aicc',
			reason: o.candidates.length === 1 ? `the only candidate: ${fit.method}` : reason,
			intervals: 'analytic',
			coverage: {},
			season: null,
			seasonNote: 'too short for a backtest'
		}
	};
}

/** Residual degrees of freedom behind the analytic sigma (at least 1). */
export function residualDf(fit: ModelFit): number {
	return Math.max(1, fit.fitted.length - fit.fittedFrom - fit.k);
}
