/**
 * Everything one digest shows, computed through the same report functions as the API (weeklyReview, roiReport)
 * for a given week and the subscriber's scope, plus the logged revenue alerts of that week in scope. Called by
 * DigestService for scheduled sends, previews and send-now.
 */
import type { AlertRecord } from '../alerts/alert-record.ts';
import { ValidationError } from '../errors.ts';
import { addDays, type DateRange } from '../reports/params/date-range.ts';
import { dataThrough } from '../reports/shared/data-through.ts';
import type { Filters } from '../reports/params/filters.ts';
import { roiReport, type RoiReport } from '../reports/roi/report.ts';
import { lastCompleteWeekOf, NO_FILTERS } from '../reports/weekly/overview.ts';
import { weeklyReview, type WeeklyReview } from '../reports/weekly/review.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
// The same narrowing every API answer gets (sign-in's), so a digest is exactly what the user sees on the pages.
import { scopedFilters } from '../auth/scope-partners.ts';
import type { DigestReport } from './subscription.ts';
import type { UserScope } from './user-scope.ts';

export interface DigestContent {
	readonly user: string;
	readonly report: DigestReport;
	readonly week: DateRange;
	readonly currency: string;
	readonly dataThrough: string;
	readonly publishId: number | null;
	/** The report filters after the scope narrowed them (what the links carry). */
	readonly filters: Filters;
	readonly review: WeeklyReview;
	/** The ROI report over the 13 weeks ending with the week (the roi report, or when a PDF is attached). */
	readonly roi: RoiReport | null;
	readonly alerts: readonly AlertRecord[];
}

/** The week to report: `week` (its first day, checked) or the last complete week of the data. */
export function digestWeek(week: string | undefined, through: string, weekStart: number): DateRange {
	if (!week) return lastCompleteWeekOf(through, weekStart);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(week) || Number.isNaN(Date.parse(`${week}T00:00:00Z`))) throw new ValidationError(`week must be a date YYYY-MM-DD, saw "${week}"`, { parameter: 'week' });
	if (new Date(`${week}T00:00:00Z`).getUTCDay() !== weekStart) throw new ValidationError(`week must be the first day of a reporting week (weekday ${weekStart}, 0 = Sunday), saw ${week}`, { parameter: 'week' });
	if (addDays(week, 6) > through) throw new ValidationError(`the week of ${week} is not complete in the published data (data through ${through})`, { parameter: 'week' });
	return { from: week, to: addDays(week, 6) };
}

export async function digestContent(
	warehouse: Warehouse,
	o: { user: string; report: DigestReport; scope: UserScope; week?: string; withRoi?: boolean; alerts?: readonly AlertRecord[] }
): Promise<DigestContent> {
	const state = await warehouse.requirePublished();
	const through = await dataThrough(warehouse.db);
	if (!through) throw new ValidationError('the published data has no days yet', { parameter: 'week' });
	const { weekStart, grossMargin, baseCurrency } = warehouse.config;
	const week = digestWeek(o.week, through, weekStart);
	const filters = await scopedFilters(warehouse.db, { ...NO_FILTERS(week), compare: 'previous' }, o.scope);
	const roiRange = { from: addDays(week.from, -7 * 12), to: week.to };
	const [review, roi] = await Promise.all([
		weeklyReview(warehouse.db, { filters, weekStart, grossMargin, week }),
		o.report === 'roi' || o.withRoi ? roiReport(warehouse.db, { filters: { ...filters, range: roiRange }, grossMargin, weekStart }) : Promise.resolve(null)
	]);
	return { user: o.user, report: o.report, week, currency: baseCurrency, dataThrough: through, publishId: state.publishId, filters, review, roi, alerts: o.alerts ?? [] };
}
