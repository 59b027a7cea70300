/**
 * Reports over the published models: /reports/partners (a date range, one row per active partner) and
 * /reports/overview (last complete week vs the week before, plus weekly totals).
 */
import { Hono } from 'hono';
import { ValidationError } from '../../errors.ts';
import { parseDateRange, addDays } from '../../reports/params/date-range.ts';
import { dataThrough } from '../../reports/shared/data-through.ts';
import { partnerReportQuery } from '../../reports/partner/report.ts';
import { lastCompleteWeekOf, NO_FILTERS, weeklyOverview } from '../../reports/weekly/overview.ts';
import { scopedFilters } from '../../auth/scope-partners.ts';
import { weeklyReview } from '../../reports/weekly/review.ts';
import { roiReport } from '../../reports/roi/report.ts';
import { pendingWeeks } from '../../reports/forecast/pending-weeks.ts';
import { parseManager, parseWeek } from '../../reports/params/filters.ts';
import { METRIC_QUERY_MODELS } from '../../reports/shared/metric-query.ts';
import type { WeeklyReviewAnswer } from '../../../api/weekly-review.ts';
import type { RoiReportAnswer } from '../../../api/roi-report.ts';
import { callerScope, reportContext } from '../report-context.ts';
import { metricCatalog } from '../../../metrics/metric-dictionary.ts';
import { respondTable } from '../respond.ts';
import type { ApiEnv } from '../create-api.ts';
import { onlyParams } from '../only-params.ts';

export const reportRoutes = new Hono<ApiEnv>()
	.get('/partners', async (c) => {
		onlyParams(c, ['from', 'to', 'format']);
		const { warehouse } = c.get('deps');
		const state = await warehouse.requirePublished();
		const through = (await dataThrough(warehouse.db)) ?? new Date().toISOString().slice(0, 10);
		const range = parseDateRange({ from: c.req.query('from'), to: c.req.query('to') }, { from: addDays(through, -27), to: through });
		return respondTable(
			c,
			warehouse.db,
			partnerReportQuery(range, await scopedFilters(warehouse.db, NO_FILTERS(range), callerScope(c))),
			{ from: range.from, to: range.to, currency: warehouse.config.baseCurrency, publishId: state.publishId, dataThrough: through, metrics: metricCatalog() },
			`partners_${range.from}_${range.to}`
		);
	})
	.get('/overview', async (c) => {
		onlyParams(c, ['weeks']);
		const weeksRaw = c.req.query('weeks') ?? '26';
		const weeks = Number(weeksRaw);
		if (!Number.isInteger(weeks) || weeks < 2 || weeks > 260) throw new ValidationError(`weeks must be a whole number from 2 to 260, saw "${weeksRaw}"`, { parameter: 'weeks' });
		const { warehouse } = c.get('deps');
		const state = await warehouse.requirePublished();
		// The overview picks its own weeks (the range here is replaced); the scope's partners and channels stay.
		const filters = await scopedFilters(warehouse.db, NO_FILTERS({ from: '1970-01-01', to: '1970-01-01' }), callerScope(c));
		const overview = await weeklyOverview(warehouse.db, { weeks, weekStart: warehouse.config.weekStart, grossMargin: warehouse.config.grossMargin, filters });
		return c.json({ ...overview, meta: { currency: warehouse.config.baseCurrency, publishId: state.publishId, publishedAt: state.publishedAt, metrics: metricCatalog() } });
	})
	.get('/weekly-review', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['week', 'manager'], models: [...METRIC_QUERY_MODELS, 'stg_sales'] });
		const week = parseWeek(c.req.query('week'), { weekStart: ctx.meta.weekStart, lastComplete: lastCompleteWeekOf(ctx.dataThrough, ctx.meta.weekStart) });
		const manager = parseManager(c.req.query('manager'));
		const review = await weeklyReview(ctx.warehouse.db, { filters: ctx.filters, weekStart: ctx.meta.weekStart, grossMargin: ctx.meta.grossMargin, week, manager });
		// Weeks of the trend still holding pending sales, with their projected-final revenue (issue 8).
		const pending = review.lastWeek && review.weekly.length ? await pendingWeeks(ctx.warehouse.db, { filters: ctx.filters, weekStart: ctx.meta.weekStart, range: { from: review.weekly[0]!.week_start, to: review.lastWeek.to } }) : [];
		return c.json({ ...review, pendingWeeks: pending, meta: ctx.meta } satisfies WeeklyReviewAnswer);
	})
	.get('/roi', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['margin', 'top'], defaultRange: roiDefaultRange });
		const topRaw = c.req.query('top') ?? '10';
		const top = Number(topRaw);
		if (!Number.isInteger(top) || top < 1 || top > 100) throw new ValidationError(`top must be a whole number from 1 to 100, saw "${topRaw}"`, { parameter: 'top' });
		const report = await roiReport(ctx.warehouse.db, { filters: ctx.filters, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart, topPartners: top });
		const pending = await pendingWeeks(ctx.warehouse.db, { filters: ctx.filters, weekStart: ctx.meta.weekStart, range: ctx.filters.range });
		return c.json({ ...report, pendingWeeks: pending, meta: ctx.meta } satisfies RoiReportAnswer);
	});

/** The ROI report looks at the last 13 complete weeks (a quarter) unless told otherwise. */
function roiDefaultRange(through: string) {
	const week = lastCompleteWeekOf(through, 1);
	return { from: addDays(week.from, -7 * 12), to: week.to };
}
