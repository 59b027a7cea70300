/**
 * The sections of a partner page, for any set of filters: a partner page scopes them to one partner, a
 * channel page to one channel (see detail.ts here and ../channel/detail.ts). Every figure follows the filters
 * exactly as the dictionary metrics do (sales on converted_at, costs on their spread days, device or
 * country filters leave costs out). The query builders are pure; detailSections runs them.
 */
import { computeDerived, metricsOfKind } from '../../../metrics/metric-dictionary.ts';
import type { Database, Row } from '../../db/database.ts';
import { datesEvery, daysBetween, type DateRange } from '../params/date-range.ts';
import { comparisonRange, type Filters } from '../params/filters.ts';
import { filterConditions, metricQuery, type BoundQuery } from '../shared/metric-query.ts';
import { partnerFunnel, type FunnelStep } from './funnel.ts';
import { LAG_BUCKETS, lagBucketSql } from './lag-buckets.ts';
import { weekStartOf } from './sparklines.ts';

export interface SectionOptions {
	readonly filters: Filters;
	readonly grossMargin: number;
	readonly weekStart: number;
}

export interface DetailSections {
	readonly range: DateRange;
	readonly comparisonRange: DateRange | null;
	/** Every metric for the range and for the comparison period (the tiles). */
	readonly current: Row | null;
	readonly comparison: Row | null;
	/** Every metric per day (ranges up to TREND_DAILY_MAX_DAYS) or per reporting week; empty periods are zeros. */
	readonly trend: { readonly grain: 'date' | 'week'; readonly rows: readonly Row[] };
	readonly funnel: readonly FunnelStep[];
	/** Sales not reversed that have a click, by click-to-conversion time; click-less sales counted apart. */
	readonly conversionLag: { readonly buckets: readonly { key: string; label: string; min_seconds: number; max_seconds: number | null; conversions: number }[]; readonly withoutClick: number };
	/** Reversed sales by reason. */
	readonly reversals: readonly Row[];
	/** Sales not reversed by the export's customer_status (new, returning). */
	readonly customers: readonly Row[];
	/** Commission, network fees and each type of other cost; they add up to the cost metric. */
	readonly costs: readonly { component: string; kind: 'sales' | 'other'; amount: number }[];
	/** Customers whose first purchase came through the scope, by month of that purchase (all months, whatever the range). */
	readonly cohorts: readonly Row[];
}

export const TREND_DAILY_MAX_DAYS = 62;

const and = (conditions: readonly string[]) => conditions.map((c) => `and ${c}`).join(' ');

/** Sale rows of the scope in the range, as `s` joined to their partner `p`. */
function saleRows(filters: Filters): BoundQuery {
	const f = filterConditions(filters, 'sales');
	return {
		sql: `from main.stg_sales as s join main.stg_partners as p using (partner_id)
			where s.converted_date between $from::date and $to::date ${and(f.conditions)}`,
		params: { from: filters.range.from, to: filters.range.to, ...f.params }
	};
}

export function conversionLagQuery(filters: Filters): BoundQuery {
	const rows = saleRows(filters);
	return {
		sql: `select ${lagBucketSql('s.seconds_to_convert')} as bucket, count(*) as conversions ${rows.sql} and s.is_counted group by 1`,
		params: rows.params
	};
}

export function reversalsQuery(filters: Filters): BoundQuery {
	const rows = saleRows(filters);
	return {
		sql: `select coalesce(s.reversal_reason, 'unknown') as reason, count(*) as conversions, coalesce(sum(s.sale_amount_base), 0) as revenue
			${rows.sql} and s.status = 'reversed' group by 1 order by conversions desc, reason`,
		params: rows.params
	};
}

export function customersQuery(filters: Filters): BoundQuery {
	const rows = saleRows(filters);
	return {
		sql: `select s.customer_status, count(*) as conversions, coalesce(sum(s.sale_amount_base), 0) as revenue
			${rows.sql} and s.is_counted group by 1 order by 1`,
		params: rows.params
	};
}

/** Other costs by cost_type, on the same rows and with the same channel and tier as fct_daily's cost rows. */
export function otherCostsQuery(filters: Filters): BoundQuery {
	const f = filterConditions(filters, 'fact');
	return {
		sql: `with f as (
				select d.date, d.partner_id, coalesce(p.channel, case when d.partner_id is null then d.channel end, 'program') as channel,
					p.tier, 'unattributed' as device_type, '' as country, d.cost_type, d.amount_base
				from main.stg_costs_daily as d
				left join main.stg_partners as p using (partner_id)
				where d.date between $from::date and $to::date
			)
			select f.cost_type, coalesce(sum(f.amount_base), 0) as amount from f where true ${and(f.conditions)}
			group by 1 order by amount desc, 1`,
		params: { from: filters.range.from, to: filters.range.to, ...f.params }
	};
}

/**
 * Cohorts by first-purchase month from dim_customers (the model the cohort page reads): customers, repeat
 * customers (more than one order not reversed, through any partner), orders and revenue since the first
 * purchase (any partner, first order included). The scope filters apply to the first purchase (its partner,
 * channel, tier, device and country); the date range does not.
 */
export function cohortsQuery(filters: Filters): BoundQuery {
	const f = filterConditions(filters, 'sales');
	return {
		sql: `with s as (
				select c.first_purchase_date, c.orders, c.revenue,
					c.first_partner_id as partner_id, c.first_device_type as device_type, c.first_country as country
				from main.dim_customers as c
			)
			select date_trunc('month', s.first_purchase_date)::date as cohort_month,
				count(*) as customers,
				count(*) filter (where s.orders > 1) as repeat_customers,
				count(*) filter (where s.orders > 1) / count(*) as repeat_rate,
				sum(s.orders) as orders,
				coalesce(sum(s.revenue), 0) as revenue,
				coalesce(sum(s.revenue), 0) / count(*) as revenue_per_customer
			from s join main.stg_partners as p using (partner_id)
			where true ${and(f.conditions)}
			group by 1 order by 1`,
		params: f.params
	};
}

/** The periods of the trend: every day of the range, or every reporting week touching it. */
export function trendPeriods(range: DateRange, weekStart: number): { grain: 'date' | 'week'; periods: string[] } {
	const daily = daysBetween(range.from, range.to) <= TREND_DAILY_MAX_DAYS;
	const periods = datesEvery(daily ? range.from : weekStartOf(range.from, weekStart), range.to, daily ? 1 : 7);
	return { grain: daily ? 'date' : 'week', periods };
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export async function detailSections(db: Database, options: SectionOptions): Promise<DetailSections> {
	const { filters } = options;
	const previous = comparisonRange(filters.range, filters.compare);
	const { grain, periods } = trendPeriods(filters.range, options.weekStart);
	const run = (q: BoundQuery) => db.query(q.sql, q.params);
	const [[current], comparison, trendRows, lagRows, reversals, customerRows, otherCosts, cohorts] = await Promise.all([
		run(metricQuery(options)),
		previous ? run(metricQuery({ ...options, range: previous })) : Promise.resolve([]),
		run(metricQuery({ ...options, groupBy: [grain], lean: true })),
		run(conversionLagQuery(filters)),
		run(reversalsQuery(filters)),
		run(customersQuery(filters)),
		run(otherCostsQuery(filters)),
		run(cohortsQuery(filters))
	]);

	const zero = computeDerived(Object.fromEntries(metricsOfKind('aggregate').map((m) => [m.key, 0])), { grossMargin: options.grossMargin });
	const byPeriod = new Map(trendRows.map((r) => [String(r[grain]), r]));
	const trend = periods.map((p) => ({ ...(byPeriod.get(p) ?? { ...zero, [grain]: p }), [grain]: p }) as Row);

	const lag = new Map(lagRows.map((r) => [r.bucket === null ? null : String(r.bucket), num(r.conversions)]));
	const byStatus = new Map(customerRows.map((r) => [String(r.customer_status), r]));
	const m = current ?? {};
	return {
		range: filters.range,
		comparisonRange: previous,
		current: current ?? null,
		comparison: comparison[0] ?? null,
		trend: { grain, rows: trend },
		funnel: partnerFunnel(m),
		conversionLag: {
			buckets: LAG_BUCKETS.map((b) => ({ key: b.key, label: b.label, min_seconds: b.minSeconds, max_seconds: b.maxSeconds, conversions: lag.get(b.key) ?? 0 })),
			withoutClick: lag.get(null) ?? 0
		},
		reversals,
		customers: ['new', 'returning'].map((status) => ({ customer_status: status, conversions: num(byStatus.get(status)?.conversions), revenue: num(byStatus.get(status)?.revenue) })),
		costs: [
			{ component: 'commission', kind: 'sales' as const, amount: num(m.commission) },
			{ component: 'network_fees', kind: 'sales' as const, amount: num(m.network_fees) },
			...otherCosts.map((r) => ({ component: String(r.cost_type), kind: 'other' as const, amount: num(r.amount) }))
		],
		cohorts
	};
}
