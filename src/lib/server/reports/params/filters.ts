/**
 * The report parameters from the query string (pure): the global filters every report takes (date range,
 * comparison period, dimension filters) and the weekly review's `week` and `manager`. Unknown parameters and
 * bad values are ValidationErrors naming the parameter. The same names are used in page URLs, so a link
 * reproduces the view.
 */
import { CHANNELS, DEVICE_TYPES } from '../../exports/export-schema.ts';
import { ValidationError } from '../../errors.ts';
import { addDays, daysBetween, parseDateRange, parseIsoDate, type DateRange } from './date-range.ts';

export const COMPARISONS = ['previous', 'year', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface Filters {
	readonly range: DateRange;
	readonly compare: Comparison;
	readonly channel: readonly string[];
	readonly partner: readonly string[];
	readonly tier: readonly string[];
	readonly country: readonly string[];
	readonly device: readonly string[];
}

export const FILTER_PARAMS = ['from', 'to', 'compare', 'channel', 'partner', 'tier', 'country', 'device'] as const;

const LIST_LIMIT = 200;

/** An id or name from the URL: at most 100 characters, no control characters. */
function isIdLike(value: string): boolean {
	return value.length <= 100 && !/[\u0000-\u001f]/.test(value);
}

function list(params: URLSearchParams, name: string, check: (value: string) => boolean, expected: string): string[] {
	const values = params
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
	if (values.length > LIST_LIMIT) throw new ValidationError(`${name} takes at most ${LIST_LIMIT} values`, { parameter: name });
	for (const v of values) if (!check(v)) throw new ValidationError(`${name} must be ${expected}, saw "${v}"`, { parameter: name });
	return [...new Set(values)];
}

/**
 * Parses the filters; `extra` names the endpoint's own parameters (allowed, not parsed here).
 * `defaultRange` applies when from/to are absent.
 */
export function parseFilters(params: URLSearchParams, defaultRange: DateRange, extra: readonly string[] = []): Filters {
	for (const name of new Set(params.keys())) {
		if (!(FILTER_PARAMS as readonly string[]).includes(name) && !extra.includes(name))
			throw new ValidationError(`unknown parameter "${name}"; this endpoint takes ${[...FILTER_PARAMS, ...extra].join(', ')}`, { parameter: name });
	}
	const range = parseDateRange({ from: params.get('from') ?? undefined, to: params.get('to') ?? undefined }, defaultRange);
	const compare = (params.get('compare') ?? 'previous') as Comparison;
	if (!COMPARISONS.includes(compare)) throw new ValidationError(`compare must be one of ${COMPARISONS.join(', ')}, saw "${compare}"`, { parameter: 'compare' });
	return {
		range,
		compare,
		channel: list(params, 'channel', (v) => (CHANNELS as readonly string[]).includes(v) || v === 'program', `one of ${CHANNELS.join(', ')}, program`),
		partner: list(params, 'partner', isIdLike, 'a partner id'),
		tier: list(params, 'tier', isIdLike, 'a tier name'),
		country: list(params, 'country', (v) => /^[A-Z]{2}$/.test(v), 'an ISO-2 country code such as DE'),
		device: list(params, 'device', (v) => (DEVICE_TYPES as readonly string[]).includes(v), `one of ${DEVICE_TYPES.join(', ')}`)
	};
}

/** The period the current range is compared with, or null for compare=none. */
export function comparisonRange(range: DateRange, compare: Comparison): DateRange | null {
	if (compare === 'none') return null;
	if (compare === 'year') return { from: addDays(range.from, -364), to: addDays(range.to, -364) }; // 52 weeks: same weekdays
	const days = daysBetween(range.from, range.to);
	return { from: addDays(range.from, -days), to: addDays(range.to, -days) };
}

/** Whether any dimension filter is set (costs cannot follow device or country filters). */
export function hasSegmentFilter(filters: Filters): boolean {
	return filters.device.length > 0 || filters.country.length > 0;
}

/** The filters back as query-string pairs, for links and for the comparison period. */
export function filtersToParams(filters: Filters): URLSearchParams {
	const p = new URLSearchParams({ from: filters.range.from, to: filters.range.to, compare: filters.compare });
	for (const key of ['channel', 'partner', 'tier', 'country', 'device'] as const) if (filters[key].length) p.set(key, filters[key].join(','));
	return p;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** How far back a week may be asked for: 520 weeks (ten years). */
export const MAX_WEEKS_BACK = 520;

/**
 * The weekly review's `week`: the first day of a reporting week as YYYY-MM-DD, on the configured week start,
 * not after the last complete week and at most MAX_WEEKS_BACK weeks before it; absent -> null (the last
 * complete week applies).
 */
export function parseWeek(raw: string | undefined, options: { weekStart: number; lastComplete: DateRange }): DateRange | null {
	if (raw === undefined || raw === '') return null;
	const from = parseIsoDate(raw, 'week');
	const dow = new Date(`${from}T00:00:00Z`).getUTCDay();
	if (dow !== options.weekStart)
		throw new ValidationError(`week must be the first day of a reporting week (a ${WEEKDAYS[options.weekStart]}), saw "${raw}" (a ${WEEKDAYS[dow]})`, { parameter: 'week' });
	if (from > options.lastComplete.from)
		throw new ValidationError(`week must not be after the last complete week (${options.lastComplete.from}), saw "${raw}"`, { parameter: 'week' });
	const earliest = addDays(options.lastComplete.from, -7 * MAX_WEEKS_BACK);
	if (from < earliest) throw new ValidationError(`week must be on or after ${earliest} (${MAX_WEEKS_BACK} weeks back), saw "${raw}"`, { parameter: 'week' });
	return { from, to: addDays(from, 6) };
}

/** The weekly review's `manager`: limits its calls to one manager's partners (free text, bounded); absent -> null. */
export function parseManager(raw: string | undefined): string | null {
	if (raw === undefined || raw === '') return null;
	if (!isIdLike(raw)) throw new ValidationError(`manager must be a manager's name of at most 100 characters, saw "${raw.slice(0, 100)}"`, { parameter: 'manager' });
	return raw;
}
