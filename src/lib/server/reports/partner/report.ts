/**
 * The partner report: one row per partner with activity in [from, to], every metric from the dictionary,
 * money in the base currency. Reads the published marts only. Called by GET /api/v1/reports/partners.
 */
import type { Database } from '../../db/database.ts';
import { metric, type AggregateMetric, type DerivedMetric } from '../../../metrics/metric-dictionary.ts';
import type { DateRange } from '../params/date-range.ts';

/** Limits the report to these partners and channels (a user's scope); empty lists limit nothing. */
export interface PartnerReportScope {
	readonly partner: readonly string[];
	readonly channel: readonly string[];
}

export interface PartnerReportRow {
	readonly partner_id: string;
	readonly partner_name: string | null;
	readonly channel: string | null;
	readonly clicks: number;
	readonly conversions: number;
	readonly revenue: number;
	readonly commission: number;
	readonly network_fees: number;
	readonly other_costs: number;
	readonly cost: number;
	readonly roas: number | null;
	readonly [key: string]: unknown;
}

const AGGREGATES = ['clicks', 'conversions', 'revenue', 'commission', 'network_fees', 'other_costs'] as const;
const DERIVED = ['cost', 'roas'] as const;

/** The report as a bound query, so the API can return it as JSON rows or stream it as Arrow. */
export function partnerReportQuery(range: DateRange, scope: PartnerReportScope = { partner: [], channel: [] }): { sql: string; params: Record<string, string> } {
	const limits = [
		scope.partner.length ? 'list_contains($partners::json::varchar[], a.partner_id)' : '',
		scope.channel.length ? 'list_contains($channels::json::varchar[], p.channel)' : ''
	].filter(Boolean);
	return {
		sql: `with agg as (
			select partner_id, ${AGGREGATES.map((k) => `${(metric(k) as AggregateMetric).sql} as ${k}`).join(', ')}
			from main.fct_partner_daily
			where date between $from::date and $to::date
			group by partner_id
		)
		select a.partner_id, p.partner_name, p.channel,
			a.clicks, a.conversions, a.revenue, a.commission, a.network_fees, a.other_costs,
			${DERIVED.map((k) => `${(metric(k) as DerivedMetric).sql} as ${k}`).join(', ')}
		from agg as a
		left join main.stg_partners as p using (partner_id)
		where (a.clicks <> 0 or a.conversions <> 0 or a.revenue <> 0 or a.commission <> 0 or a.network_fees <> 0 or a.other_costs <> 0)
		${limits.map((l) => `and ${l}`).join(' ')}
		order by a.revenue desc, a.partner_id`,
		params: {
			from: range.from,
			to: range.to,
			...(scope.partner.length ? { partners: JSON.stringify(scope.partner) } : {}),
			...(scope.channel.length ? { channels: JSON.stringify(scope.channel) } : {})
		}
	};
}

export async function partnerReport(db: Database, range: DateRange, scope?: PartnerReportScope): Promise<PartnerReportRow[]> {
	const { sql, params } = partnerReportQuery(range, scope);
	return (await db.query(sql, params)) as unknown as PartnerReportRow[];
}
