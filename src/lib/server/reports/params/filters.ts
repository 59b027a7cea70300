/**
 * The global filters every report takes from the query string (pure): date range, comparison period and the
 * dimension filters. Unknown parameters and bad values are ValidationErrors naming the parameter. The same
 * names are used in page URLs, so a link reproduces the view.
 */
import { CHANNELS, DEVICE_TYPES } from '../../exports/export-schema.ts';
import { ValidationError } from '../../errors.ts';
import { addDays, daysBetween, parseDateRange, type DateRange } from './date-range.ts';

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
	const idLike = (v: string) => v.length <= 100 && !/[\u0000-\u001f]/.test(v);
	return {
		range,
		compare,
		channel: list(params, 'channel', (v) => (CHANNELS as readonly string[]).includes(v) || v === 'program', `one of ${CHANNELS.join(', ')}, program`),
		partner: list(params, 'partner', idLike, 'a partner id'),
		tier: list(params, 'tier', idLike, 'a tier name'),
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
