/**
 * Which recent weeks still hold pending sales, and what they are projected to settle at: revenue as reported,
 * its pending part and share, and the projected-final value (approved + pending x (1 - the channel's value
 * reversal rate of matured sales), as the forecast projects it). An additive field of the weekly-review, ROI,
 * partners and channels answers, so every page that shows recent weeks can mark the unmatured ones.
 */
import type { Database } from '../../db/database.ts';
import { projectFinal } from '../../../planning/project-final.ts';
import { addDays, type DateRange } from '../params/date-range.ts';
import { dataThrough } from '../shared/data-through.ts';
import type { Filters } from '../params/filters.ts';
import { channelReversalRates, MATURED_AFTER_DAYS, MATURED_WINDOW_DAYS } from './inputs.ts';
import { metricQuery } from '../shared/metric-query.ts';
import { NO_FILTERS } from '../weekly/overview.ts';

import type { PendingWeek } from '../../../ui/pending-week.ts';

export type { PendingWeek };

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);

/**
 * One row per week starting in `range` (under the filters) that holds pending sales, oldest first; weeks
 * without pending sales are left out (nothing to mark). Empty when there is no data.
 */
export async function pendingWeeks(db: Database, options: { filters: Filters; weekStart: number; range: DateRange }): Promise<PendingWeek[]> {
	const through = await dataThrough(db);
	if (!through) return [];
	const matured = { from: addDays(through, -MATURED_AFTER_DAYS - MATURED_WINDOW_DAYS + 1), to: addDays(through, -MATURED_AFTER_DAYS) };
	const base = { grossMargin: 1, weekStart: options.weekStart, lean: true } as const;
	const weekly = metricQuery({ ...base, filters: options.filters, range: options.range, groupBy: ['week', 'channel'] });
	const decided = metricQuery({ ...base, filters: NO_FILTERS(matured), groupBy: ['channel'] });
	const [weekRows, decidedRows] = await Promise.all([db.query(weekly.sql, weekly.params), db.query(decided.sql, decided.params)]);
	const rates = channelReversalRates(decidedRows);
	const applied = new Map(rates.channels.map((c) => [c.channel, c.applied]));
	const projected = projectFinal(
		weekRows.map((r) => ({
			week_start: String(r.week),
			channel: String(r.channel),
			revenue: num(r.revenue),
			approved_revenue: num(r.approved_revenue),
			commission: 0,
			network_fees: 0,
			other_costs: 0,
			pending_commission: 0,
			pending_network_fees: 0
		})),
		(channel) => applied.get(channel) ?? rates.program.applied
	);
	const weeks = new Map<string, { revenue: number; pending: number; projected: number }>();
	for (const p of projected) {
		const w = weeks.get(p.week_start) ?? { revenue: 0, pending: 0, projected: 0 };
		w.revenue += p.revenue;
		w.pending += p.pending_revenue;
		w.projected += p.projected_revenue;
		weeks.set(p.week_start, w);
	}
	return [...weeks]
		.filter(([, w]) => w.pending > 1e-9)
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([week_start, w]) => ({ week_start, revenue: w.revenue, pending_revenue: w.pending, pending_share: w.revenue > 0 ? w.pending / w.revenue : null, projected_revenue: w.projected }));
}
