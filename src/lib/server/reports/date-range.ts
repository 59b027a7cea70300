/** Query-string dates -> a validated inclusive range (pure). Bad input is a ValidationError naming the parameter. */
import { ValidationError } from '../errors.ts';

export interface DateRange {
	readonly from: string;
	readonly to: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseIsoDate(value: string, parameter: string): string {
	const d = new Date(`${value}T00:00:00Z`);
	if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
		throw new ValidationError(`${parameter} must be a date as YYYY-MM-DD, saw "${value}"`, { parameter });
	return value;
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function parseDateRange(input: { from?: string | undefined; to?: string | undefined }, fallback: DateRange, maxDays = 3660): DateRange {
	const from = input.from === undefined ? fallback.from : parseIsoDate(input.from, 'from');
	const to = input.to === undefined ? fallback.to : parseIsoDate(input.to, 'to');
	if (from > to) throw new ValidationError(`from (${from}) must not be after to (${to})`, { parameter: 'from' });
	if (daysBetween(from, to) > maxDays) throw new ValidationError(`the range may span at most ${maxDays} days`, { parameter: 'to' });
	return { from, to };
}
