/**
 * What every report route needs: the published state (503 when none), the data's last day, the parsed
 * filters (400 on bad ones) and the meta block every answer carries (currency, publish, model versions,
 * freshness, metric definitions) for tooltips.
 */
import type { Context } from 'hono';
import { metricCatalog } from '../../metrics/metric-dictionary.ts';
import { ValidationError } from '../errors.ts';
import type { PublishedState } from '../models/catalog.ts';
import { addDays, type DateRange } from '../reports/params/date-range.ts';
import { dataThrough } from '../reports/shared/data-through.ts';
import { METRIC_QUERY_MODELS } from '../reports/shared/metric-query.ts';
import { hasSegmentFilter, parseFilters, type Filters } from '../reports/params/filters.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { scopedFilters } from '../auth/scope-partners.ts';
import { UNRESTRICTED, type UserScope } from '../auth/user-scope.ts';
import type { ApiEnv } from './create-api.ts';

export interface ReportContext {
	readonly warehouse: Warehouse;
	readonly state: PublishedState;
	readonly dataThrough: string;
	/** The parsed filters narrowed to the caller's scope (auth/narrow-filters.ts): every query reads these. */
	readonly filters: Filters;
	/** The caller's scope, for routes that must also refuse one item outside it (404). */
	readonly scope: UserScope;
	readonly meta: ReportMeta;
}

/** The signed-in caller's scope (unrestricted for public routes and when sign-in is off). */
export function callerScope(c: Context<ApiEnv>): UserScope {
	return c.get('caller')?.user?.scope ?? UNRESTRICTED;
}

export interface ReportMeta {
	readonly currency: string;
	readonly publishId: number | null;
	readonly publishedAt: string | null;
	readonly dataThrough: string;
	readonly grossMargin: number;
	readonly weekStart: number;
	/** Versions of the models the answer reads, e.g. { fct_daily: "3f2a…" }. */
	readonly modelVersions: Readonly<Record<string, string>>;
	readonly notes: readonly string[];
	readonly metrics: ReturnType<typeof metricCatalog>;
}

/** Default range of a report: the last 28 days of data. */
export function defaultRange(through: string): DateRange {
	return { from: addDays(through, -27), to: through };
}

export async function reportContext(
	c: Context<ApiEnv>,
	options: { extraParams?: readonly string[]; models?: readonly string[]; defaultRange?: (through: string) => DateRange } = {}
): Promise<ReportContext> {
	const { warehouse } = c.get('deps');
	const state = await warehouse.requirePublished();
	const through = (await dataThrough(warehouse.db)) ?? new Date().toISOString().slice(0, 10);
	const url = new URL(c.req.url);
	const scope = callerScope(c);
	const filters = await scopedFilters(warehouse.db, parseFilters(url.searchParams, (options.defaultRange ?? defaultRange)(through), options.extraParams ?? []), scope);
	const models = options.models ?? METRIC_QUERY_MODELS;
	const notes = hasSegmentFilter(filters) ? ['Other costs are not split by device or country, so they are left out while a device or country filter is set.'] : [];
	const grossMargin = marginParam(url.searchParams) ?? warehouse.config.grossMargin;
	return {
		warehouse,
		state,
		dataThrough: through,
		filters,
		scope,
		meta: {
			currency: warehouse.config.baseCurrency,
			publishId: state.publishId,
			publishedAt: state.publishedAt,
			dataThrough: through,
			grossMargin,
			weekStart: warehouse.config.weekStart,
			modelVersions: Object.fromEntries(models.map((m) => [m, state.models.get(m)?.version ?? 'unpublished'])),
			notes,
			metrics: metricCatalog()
		}
	};
}

/** ?margin= overrides the configured gross margin for ROI (a share above 0, at most 1). */
function marginParam(params: URLSearchParams): number | null {
	const raw = params.get('margin');
	if (raw === null) return null;
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0 || n > 1) throw new ValidationError(`margin must be a share above 0 and at most 1 (e.g. 0.35), saw "${raw}"`, { parameter: 'margin' });
	return n;
}
