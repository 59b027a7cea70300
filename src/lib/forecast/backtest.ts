/**
 * Rolling-origin evaluation: refit every candidate on each prefix of the series and score its forecasts of
 * the following points. Called by forecast to choose a method and to size its prediction intervals.
 */
import { fitMethods } from './fit-methods.ts';
import { mae } from './mae.ts';
import { maseScale } from './mase-scale.ts';
import { smape } from './smape.ts';
import type { MethodErrors, MethodName, YearCycle } from './types.ts';

export interface BacktestRun {
	readonly origins: readonly number[];
	readonly horizon: number;
	/** Per method, per origin, per step: actual minus forecast. Only methods that fitted at every origin. */
	readonly errors: Readonly<Partial<Record<MethodName, readonly (readonly number[])[]>>>;
	/** Per method, per origin, per step: the forecast itself (for errors relative to it). */
	readonly forecasts: Readonly<Partial<Record<MethodName, readonly (readonly number[])[]>>>;
	/** Per method: MASE, sMAPE and MAE averaged over origins (each origin's MASE scaled by its own training). */
	readonly scores: Readonly<Partial<Record<MethodName, MethodErrors>>>;
	/** Methods dropped because a fit failed at some origin. */
	readonly failed: Readonly<Partial<Record<MethodName, string>>>;
}

/**
 * For each origin o (a training length), fit `methods` to y[0..o) and forecast y[o..o+horizon).
 *
 * Complexity: O(origins * methods * n * evaluations).
 *
 * @example
 * backtest(y, { origins: [20, 21, 22], horizon: 3, period: 1, methods: ['naive', 'ses'] }).scores.ses?.mase;
 */
export function backtest(
	y: readonly number[],
	options: { readonly origins: readonly number[]; readonly horizon: number; readonly period: number; readonly methods: readonly MethodName[]; readonly year?: YearCycle }
): BacktestRun {
	const { origins, horizon, period } = options;
	const errors: Partial<Record<MethodName, number[][]>> = {};
	const forecasts: Partial<Record<MethodName, number[][]>> = {};
	const sums: Partial<Record<MethodName, { mase: number; smape: number; mae: number }>> = {};
	const failed: Partial<Record<MethodName, string>> = {};
	let methods = [...options.methods];
	for (const origin of origins) {
		const train = y.slice(0, origin);
		const actual = y.slice(origin, origin + horizon);
		const scale = maseScale(train, period);
		const { fits, failed: f } = fitMethods(train, { methods, period, horizon, ...(options.year ? { year: options.year } : {}) });
		for (const method of methods) {
			const fit = fits[method];
			if (!fit) {
				failed[method] = `failed at origin ${origin}: ${f[method] ?? 'no fit'}`;
				delete errors[method];
				delete forecasts[method];
				delete sums[method];
				continue;
			}
			const forecast = fit.forecast.slice(0, actual.length);
			(errors[method] ??= []).push(actual.map((a, i) => a - forecast[i]!));
			(forecasts[method] ??= []).push(forecast);
			const s = (sums[method] ??= { mase: 0, smape: 0, mae: 0 });
			const e = mae(actual, forecast);
			s.mae += e;
			s.mase += e / scale;
			s.smape += smape(actual, forecast);
		}
		methods = methods.filter((m) => !(m in failed));
	}
	const scores: Partial<Record<MethodName, MethodErrors>> = {};
	for (const method of methods) {
		const s = sums[method];
		if (s) scores[method] = { mase: s.mase / origins.length, smape: s.smape / origins.length, mae: s.mae / origins.length };
	}
	return { origins, horizon, errors, forecasts, scores, failed };
}
