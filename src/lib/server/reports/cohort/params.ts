/**
 * The cohort reports' own parameters (pure): the cohort period, the grouping, the default cohort range, the
 * range's first cohort and the filters cohorts cannot take. Bad values are ValidationErrors naming the
 * parameter. Called by the cohort routes.
 */
import { COHORT_GRAINS, type CohortGrain } from '../../../metrics/cohort-definitions.ts';
import { ValidationError } from '../../errors.ts';
import { addDays, type DateRange } from '../params/date-range.ts';
import type { Filters } from '../params/filters.ts';

export const COHORT_GROUPS = ['cohort', 'channel', 'partner', 'tier', 'all'] as const;
export type CohortGroup = (typeof COHORT_GROUPS)[number];

/** At most this many cohorts in one answer (120 months = 10 years; 120 weeks ~ 2.3 years). */
export const MAX_COHORTS = 120;

/** Cohorts follow the acquiring partner: first-sale country and device are not cohort dimensions. */
const UNSUPPORTED = ['compare', 'country', 'device'] as const;

export function parseCohortGrain(raw: string | undefined): CohortGrain {
	if (raw === undefined) return 'month';
	if (!(COHORT_GRAINS as readonly string[]).includes(raw)) throw new ValidationError(`grain must be one of ${COHORT_GRAINS.join(', ')}, saw "${raw}"`, { parameter: 'grain' });
	return raw as CohortGrain;
}

export function parseCohortGroup(raw: string | undefined, fallback: CohortGroup): CohortGroup {
	if (raw === undefined) return fallback;
	if (!(COHORT_GROUPS as readonly string[]).includes(raw)) throw new ValidationError(`by must be one of ${COHORT_GROUPS.join(', ')}, saw "${raw}"`, { parameter: 'by' });
	return raw as CohortGroup;
}

/** Refuses the global filters that do not apply to cohorts (they would silently change nothing). */
export function refuseUnsupportedFilters(params: URLSearchParams): void {
	for (const name of UNSUPPORTED) {
		if (params.has(name))
			throw new ValidationError(`${name} does not apply to cohorts: they are filtered by the acquiring partner (channel, partner, tier) and the first-purchase dates (from, to)`, {
				parameter: name
			});
	}
}

/** The first day of the period (month, or week starting on `weekStart`: 0 = Sunday) holding `date`. */
export function periodStartOf(date: string, period: CohortGrain, weekStart: number): string {
	if (period === 'month') return `${date.slice(0, 7)}-01`;
	const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
	return addDays(date, -((dow - weekStart + 7) % 7));
}

/** Default customer cohorts: the 12 months, or 16 weeks, up to the data's last day. */
export function defaultCohortRange(through: string, period: CohortGrain, weekStart: number): DateRange {
	if (period === 'week') return { from: addDays(periodStartOf(through, 'week', weekStart), -7 * 15), to: through };
	return { from: monthsBefore(through, 11), to: through };
}

/** Default partner cohorts: the join months of the last 24 months. */
export function defaultPartnerCohortRange(through: string): DateRange {
	return { from: monthsBefore(through, 23), to: through };
}

function monthsBefore(date: string, months: number): string {
	const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The cohorts a range selects: every cohort whose period overlaps [from, to]; at most MAX_COHORTS. */
export function cohortRange(filters: Filters, period: CohortGrain, weekStart: number): { first: string; last: string } {
	const first = periodStartOf(filters.range.from, period, weekStart);
	const last = periodStartOf(filters.range.to, period, weekStart);
	const count =
		period === 'month'
			? (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1
			: Math.round((Date.parse(last) - Date.parse(first)) / (7 * 86_400_000)) + 1;
	if (count > MAX_COHORTS) throw new ValidationError(`from..to spans ${count} ${period}s; a cohort report takes at most ${MAX_COHORTS} cohorts`, { parameter: 'from' });
	return { first, last };
}
