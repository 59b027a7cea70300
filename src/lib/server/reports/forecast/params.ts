/**
 * The forecast endpoints' own query parameters (pure): horizon, target, spend bounds and ROAS floor. A bad
 * value is a ValidationError naming the parameter. The global filters (channel, margin) are parsed by
 * reportContext; the forecast ignores dates and refuses the other dimension filters (refuseFilters).
 */
import { ValidationError } from '../../errors.ts';

export const MAX_HORIZON = 52;
export const DEFAULT_HORIZON = 13;
export const DEFAULT_MIN_MULTIPLE = 0.5;
export const DEFAULT_MAX_MULTIPLE = 2;
/** The forecast always covers every complete week of one or more channels; these filters do not apply. */
export const UNSUPPORTED_FILTERS = ['from', 'to', 'compare', 'partner', 'tier', 'country', 'device'] as const;

export interface BudgetParams {
	readonly horizon: number;
	readonly target: number | null;
	readonly min: number;
	readonly max: number;
	readonly floor: number | null;
}

function numberParam(params: URLSearchParams, name: string, check: (n: number) => boolean, expected: string): number | null {
	const raw = params.get(name);
	if (raw === null) return null;
	const n = raw.trim() === '' ? NaN : Number(raw);
	if (!Number.isFinite(n) || !check(n)) throw new ValidationError(`${name} must be ${expected}, saw "${raw}"`, { parameter: name });
	return n;
}

export function parseHorizon(params: URLSearchParams): number {
	return numberParam(params, 'horizon', (n) => Number.isInteger(n) && n >= 1 && n <= MAX_HORIZON, `a whole number of weeks from 1 to ${MAX_HORIZON}`) ?? DEFAULT_HORIZON;
}

export function parseBudgetParams(params: URLSearchParams): BudgetParams {
	const horizon = parseHorizon(params);
	const target = numberParam(params, 'target', (n) => n > 0, 'the net revenue to reach over the horizon, a number above 0 (e.g. 2500000)');
	const min = numberParam(params, 'min', (n) => n >= 0 && n <= 10, 'a multiple of recent spend from 0 to 10 (e.g. 0.5)') ?? DEFAULT_MIN_MULTIPLE;
	const max = numberParam(params, 'max', (n) => n > 0 && n <= 10, 'a multiple of recent spend above 0 and at most 10 (e.g. 2)') ?? DEFAULT_MAX_MULTIPLE;
	if (min > max) throw new ValidationError(`min (${min}) must not be above max (${max})`, { parameter: 'min' });
	const floor = numberParam(params, 'floor', (n) => n > 0 && n <= 1000, 'a marginal ROAS above 0 (e.g. 3.3)');
	return { horizon, target, min, max, floor };
}

/** A 400 for any filter the forecast cannot honour, naming it. */
export function refuseFilters(params: URLSearchParams): void {
	for (const name of UNSUPPORTED_FILTERS) {
		if (params.has(name)) throw new ValidationError(`${name} does not apply to the forecast: it always uses every complete week of the chosen channels (filter by channel only)`, { parameter: name });
	}
}
