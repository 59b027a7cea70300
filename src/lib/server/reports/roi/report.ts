/**
 * The executives' ROI report: ROAS, ROI, cost of sale and net contribution in total, by channel and for the
 * top partners over a period and its comparison period, the weekly trend, and top-partner concentration.
 * Reads the published models only; every figure comes from the metric dictionary via metricQuery.
 */
import type { Database, Row } from '../../db/database.ts';
import { comparisonRange, type Filters } from '../params/filters.ts';
import { metricQuery } from '../shared/metric-query.ts';
import type { DateRange } from '../params/date-range.ts';

export interface RoiReport {
	readonly range: DateRange;
	readonly comparisonRange: DateRange | null;
	readonly total: { readonly current: Row | null; readonly comparison: Row | null };
	readonly channels: readonly { readonly channel: string; readonly current: Row; readonly comparison: Row | null }[];
	readonly topPartners: readonly { readonly partner_id: string; readonly partner_name: string; readonly channel: string; readonly current: Row; readonly comparison: Row | null }[];
	readonly weekly: readonly Row[];
	/** Partners by revenue, largest first, with their cumulative share of revenue (the concentration curve). */
	readonly concentration: readonly { readonly rank: number; readonly partner_id: string; readonly partner_name: string; readonly revenue: number; readonly cumulative_share: number }[];
}

export async function roiReport(db: Database, o: { filters: Filters; grossMargin: number; weekStart: number; topPartners?: number }): Promise<RoiReport> {
	const base = { filters: o.filters, grossMargin: o.grossMargin, weekStart: o.weekStart };
	const previous = comparisonRange(o.filters.range, o.filters.compare);
	const run = async (q: { sql: string; params: Record<string, string | number> }) => db.query(q.sql, q.params);
	const none = async () => [] as Row[];
	const [total, totalPrev, channels, channelsPrev, partners, partnersPrev, weekly, names] = await Promise.all([
		run(metricQuery(base)),
		previous ? run(metricQuery({ ...base, range: previous })) : none(),
		run(metricQuery({ ...base, groupBy: ['channel'], orderBy: 'revenue', lean: true })),
		previous ? run(metricQuery({ ...base, range: previous, groupBy: ['channel'], lean: true })) : none(),
		run(metricQuery({ ...base, groupBy: ['partner'], orderBy: 'revenue', lean: true })),
		previous ? run(metricQuery({ ...base, range: previous, groupBy: ['partner'], lean: true })) : none(),
		run(metricQuery({ ...base, groupBy: ['week'], lean: true })),
		db.query<{ partner_id: string; partner_name: string; channel: string }>('select partner_id, partner_name, channel from main.stg_partners')
	]);
	const nameOf = new Map(names.map((n) => [n.partner_id, n]));
	const byKey = (rows: Row[], key: string) => new Map(rows.map((r) => [String(r[key]), r]));
	const channelPrev = byKey(channelsPrev, 'channel');
	const partnerPrev = byKey(partnersPrev, 'partner');
	const totalRevenue = partners.reduce((s, p) => s + Math.max(0, Number(p.revenue ?? 0)), 0);
	let cumulative = 0;
	const concentration = partners
		.filter((p) => Number(p.revenue ?? 0) > 0)
		.map((p, i) => {
			cumulative += Number(p.revenue);
			const id = String(p.partner);
			return { rank: i + 1, partner_id: id, partner_name: nameOf.get(id)?.partner_name ?? id, revenue: Number(p.revenue), cumulative_share: totalRevenue ? cumulative / totalRevenue : 0 };
		});
	return {
		range: o.filters.range,
		comparisonRange: previous,
		total: { current: total[0] ?? null, comparison: totalPrev[0] ?? null },
		channels: channels.map((c) => ({ channel: String(c.channel), current: c, comparison: channelPrev.get(String(c.channel)) ?? null })),
		topPartners: partners.slice(0, o.topPartners ?? 10).map((p) => {
			const id = String(p.partner);
			return { partner_id: id, partner_name: nameOf.get(id)?.partner_name ?? id, channel: nameOf.get(id)?.channel ?? '', current: p, comparison: partnerPrev.get(id) ?? null };
		}),
		weekly,
		concentration
	};
}
