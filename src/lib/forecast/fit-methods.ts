/**
 * Fit several methods to one series in one pass, sharing the seasonal adjustment and the SES / Holt / damped
 * fits that comb averages. Called by backtest (once per origin) and by forecast (on the whole series).
 */
import { combineFits } from './combine-fits.ts';
import { holtWinters } from './holt-winters.ts';
import { holt } from './holt.ts';
import { reseasonalise } from './reseasonalise.ts';
import { seasonalAdjustment, type SeasonalAdjustment } from './seasonal-adjustment.ts';
import { seasonalNaive } from './seasonal-naive.ts';
import { ses } from './ses.ts';
import { theta } from './theta.ts';
import { seasonalNaiveYoy } from './seasonal-naive-yoy.ts';
import type { MethodName, ModelFit, YearCycle } from './types.ts';
import { yearlyProfile } from './yearly-profile.ts';

export interface FitMethodsResult {
	readonly fits: Partial<Record<MethodName, ModelFit>>;
	/** Methods that threw or produced non-finite numbers, with the reason. */
	readonly failed: Partial<Record<MethodName, string>>;
	readonly adjustment: SeasonalAdjustment['type'];
}

const ADJUSTED: readonly MethodName[] = ['ses', 'theta', 'holt', 'damped', 'comb'];

/**
 * Fit each of `methods` (the caller has already dropped those the series cannot support). SES, Holt, damped,
 * theta and comb work on seasonally adjusted data when the M4 test finds a season, and are re-seasonalised.
 * A fit with any non-finite fitted value, forecast or SSE is reported in `failed`, never returned.
 *
 * Complexity: O(methods * n * evaluations).
 *
 * @example
 * fitMethods(y, { methods: ['ses', 'comb'], period: 12, horizon: 6 }).fits.comb?.forecast;
 */
export function fitMethods(
	y: readonly number[],
	options: { readonly methods: readonly MethodName[]; readonly period: number; readonly horizon: number; readonly year?: YearCycle }
): FitMethodsResult {
	const year = options.year;
	const { period, horizon } = options;
	const wanted = new Set(options.methods);
	const needsAdjustment = ADJUSTED.some((m) => wanted.has(m));
	const adjustment = needsAdjustment && period > 1 ? seasonalAdjustment(y, period) : ({ type: 'none', adjusted: y } as const);
	const x = adjustment.adjusted;
	const fits: Partial<Record<MethodName, ModelFit>> = {};
	const failed: Partial<Record<MethodName, string>> = {};
	const raw: Partial<Record<MethodName, ModelFit>> = {};

	const attempt = (method: MethodName, fit: () => ModelFit) => {
		try {
			return fit();
		} catch (error) {
			failed[method] = error instanceof Error ? error.message : String(error);
			return undefined;
		}
	};
	const adjustedFit = (method: 'ses' | 'holt' | 'damped' | 'theta'): ModelFit | undefined => {
		if (!(method in raw)) {
			const fit = attempt(method, () => {
				if (method === 'ses') return ses(x, { horizon });
				if (method === 'holt') return holt(x, { horizon });
				if (method === 'damped') return holt(x, { horizon, damped: true });
				return theta(x, { horizon });
			});
			if (fit) raw[method] = fit;
		}
		return raw[method];
	};

	for (const method of options.methods) {
		let fit: ModelFit | undefined;
		switch (method) {
			case 'naive':
				fit = attempt(method, () => seasonalNaive(y, { horizon, period: 1 }));
				break;
			case 'seasonal-naive':
				fit = attempt(method, () => seasonalNaive(y, { horizon, period, ...(year?.align ? { align: year.align } : {}) }));
				break;
			case 'ses':
			case 'holt':
			case 'damped':
			case 'theta': {
				const a = adjustedFit(method);
				fit = a && reseasonalise(a, y, adjustment);
				break;
			}
			case 'comb': {
				const parts = [adjustedFit('ses'), adjustedFit('holt'), adjustedFit('damped')];
				if (parts.every((p): p is ModelFit => p !== undefined)) fit = reseasonalise(combineFits('comb', x, parts), y, adjustment);
				else failed.comb = 'a component (SES, Holt or damped) failed';
				break;
			}
			case 'seasonal-naive-yoy':
				fit = attempt(method, () => {
					if (!year) throw new RangeError('needs a yearly cycle');
					return seasonalNaiveYoy(y, { horizon, yearPeriod: year.period, ...(year.align ? { align: year.align } : {}) });
				});
				break;
			case 'yearly':
				fit = attempt(method, () => {
					if (!year) throw new RangeError('needs a yearly cycle');
					return yearlyProfile(y, { horizon, yearPeriod: year.period, cycle: year.cycle, ...(year.week ? { weekPeriod: year.week } : {}), ...(year.align ? { align: year.align } : {}) });
				});
				break;
			case 'holt-winters-additive':
			case 'holt-winters-multiplicative': {
				const seasonal = method === 'holt-winters-additive' ? 'additive' : 'multiplicative';
				fit = attempt(method, () => holtWinters(y, { horizon, period, seasonal }));
				break;
			}
		}
		if (!fit) continue;
		if (isFinite(fit)) fits[method] = fit;
		else failed[method] = 'produced non-finite values';
	}
	// A component fitted only for comb is not a failure of the requested methods.
	for (const m of ['ses', 'holt', 'damped'] as const) if (!wanted.has(m)) delete failed[m];
	return { fits, failed, adjustment: adjustment.type };
}

function isFinite(fit: ModelFit): boolean {
	return (
		Number.isFinite(fit.sse) &&
		fit.forecast.every(Number.isFinite) &&
		fit.fitted.every(Number.isFinite) &&
		fit.varianceFactors.every(Number.isFinite)
	);
}
