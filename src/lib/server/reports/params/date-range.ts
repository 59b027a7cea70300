/**
 * Query-string dates -> a validated inclusive range (pure), and the only date arithmetic reports use. Every
 * date is kept inside SUPPORTED_DATES (1900-01-01 to 2199-12-31): a parameter outside it is a ValidationError
 * naming the parameter, and arithmetic that would leave it throws instead of building a string such as
 * "-000001-12-31" that compares below every date and turns a `d <= to` loop into one that never ends.
 */
import { AppError, ValidationError } from '../../errors.ts';

export interface DateRange {
	readonly from: string;
	readonly to: string;
}

/** The dates the API accepts and computes with (inclusive). */
export const SUPPORTED_DATES = { from: '1900-01-01', to: '2199-12-31' } as const;

/** Arithmetic can step this far past SUPPORTED_DATES (comparison periods, sparkline history) and still format as YYYY-MM-DD. */
const ARITHMETIC_DATES = { from: '1800-01-01', to: '2299-12-31' } as const;

/** The most periods one date loop may produce (days over ten years, with room): a bound no request can lift. */
export const MAX_PERIODS = 4_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date computed from the data or the request left the range the server computes with. */
export class DateOutOfRangeError extends AppError {
	override name = 'DateOutOfRangeError';
	constructor(detail: string) {
		super(422, 'Date out of range', { detail });
	}
}

export function parseIsoDate(value: string, parameter: string): string {
	const d = new Date(`${value}T00:00:00Z`);
	if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
		throw new ValidationError(`${parameter} must be a date as YYYY-MM-DD, saw "${value.slice(0, 40)}"`, { parameter });
	if (value < SUPPORTED_DATES.from || value > SUPPORTED_DATES.to)
		throw new ValidationError(`${parameter} must be between ${SUPPORTED_DATES.from} and ${SUPPORTED_DATES.to}, saw "${value}"`, { parameter });
	return value;
}

/** `date` moved by `days`; throws DateOutOfRangeError rather than leave 1800-01-01..2299-12-31. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	const out = Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
	if (!ISO_DATE.test(out) || out < ARITHMETIC_DATES.from || out > ARITHMETIC_DATES.to)
		throw new DateOutOfRangeError(`${date} plus ${days} days leaves the supported dates ${SUPPORTED_DATES.from} to ${SUPPORTED_DATES.to}`);
	return out;
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Every `stepDays`-th date from `first` while it is not after `last`: the one loop over dates. Bounded by
 * MAX_PERIODS, so a bad bound is an error, never a frozen event loop.
 * @example datesEvery('2026-01-01', '2026-01-15', 7) -> ['2026-01-01', '2026-01-08', '2026-01-15'] (O(n))
 */
export function datesEvery(first: string, last: string, stepDays: number): string[] {
	if (!(stepDays >= 1) || !ISO_DATE.test(first) || !ISO_DATE.test(last)) throw new DateOutOfRangeError(`cannot step from "${first}" to "${last}" by ${stepDays} days`);
	const out: string[] = [];
	for (let d = first; d <= last; d = addDays(d, stepDays)) {
		if (out.length >= MAX_PERIODS) throw new DateOutOfRangeError(`${first} to ${last} spans more than ${MAX_PERIODS} periods of ${stepDays} days`);
		out.push(d);
	}
	return out;
}

export function parseDateRange(input: { from?: string | undefined; to?: string | undefined }, fallback: DateRange, maxDays = 3660): DateRange {
	const from = input.from === undefined ? fallback.from : parseIsoDate(input.from, 'from');
	const to = input.to === undefined ? fallback.to : parseIsoDate(input.to, 'to');
	if (from > to) throw new ValidationError(`from (${from}) must not be after to (${to})`, { parameter: 'from' });
	if (daysBetween(from, to) > maxDays) throw new ValidationError(`the range may span at most ${maxDays} days`, { parameter: 'to' });
	return { from, to };
}
