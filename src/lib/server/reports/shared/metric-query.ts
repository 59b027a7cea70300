/**
 * Builds the bound SQL that computes every dictionary metric over the base fact (and the median over the
 * conversion-lag histogram) for a set of filters, grouped by up to two dimensions (pure: text and parameters
 * only; the caller runs it).
 * Used by /api/v1/metrics/summary and /api/v1/metrics/breakdown and by the page-specific reports.
 */
import { aggregateSelect, derivedSelect, histogramSelect, metricsOfKind } from '../../../metrics/metric-dictionary.ts';
import { ValidationError } from '../../errors.ts';
import type { DateRange } from '../params/date-range.ts';
import type { Filters } from '../params/filters.ts';

export const GROUP_KEYS = ['date', 'week', 'month', 'partner', 'channel', 'tier', 'device', 'country'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/** The models metricQuery reads (for an answer's provenance): the facts and the conversion-lag histograms. */
export const METRIC_QUERY_MODELS: readonly string[] = ['fct_daily', 'fct_daily_rollup', 'fct_conversion_lag_daily', 'fct_conversion_lag_daily_rollup'];

export interface BoundQuery {
	readonly sql: string;
	readonly params: Record<string, string | number>;
}

export interface MetricQueryOptions {
	readonly filters: Filters;
	/** Overrides filters.range (e.g. for the comparison period). */
	readonly range?: DateRange;
	readonly groupBy?: readonly GroupKey[];
	readonly grossMargin: number;
	/** 0 = Sunday ... 6 = Saturday. */
	readonly weekStart: number;
	/** Sort by this metric, descending (default: the first group key ascending). */
	readonly orderBy?: string;
	readonly limit?: number;
	/** Skip the histogram (median) and concentration metrics when a caller does not show them: they cost the most. */
	readonly lean?: boolean;
}

/** Expression of a group key over a daily fact (f): fct_daily, its rollup, or the conversion-lag histograms. */
function groupExpression(key: GroupKey): string {
	switch (key) {
		case 'date':
			return 'f.date';
		case 'week':
			return '(f.date - ((dayofweek(f.date) - $week_start + 7) % 7)::integer)';
		case 'month':
			return "date_trunc('month', f.date)::date";
		case 'partner':
			return 'f.partner_id';
		case 'channel':
			return 'f.channel';
		case 'tier':
			return 'f.tier';
		case 'device':
			return 'f.device_type';
		case 'country':
			return 'f.country';
	}
}

/** WHERE conditions for the dimension filters, with their bound parameters (lists travel as JSON). */
export function filterConditions(filters: Filters, source: 'fact' | 'sales'): { conditions: string[]; params: Record<string, string> } {
	const conditions: string[] = [];
	const params: Record<string, string> = {};
	const column = {
		channel: source === 'fact' ? 'f.channel' : 'p.channel',
		partner: source === 'fact' ? 'f.partner_id' : 's.partner_id',
		tier: source === 'fact' ? 'f.tier' : 'p.tier',
		country: source === 'fact' ? 'f.country' : "coalesce(s.country, '')",
		device: source === 'fact' ? 'f.device_type' : 's.device_type'
	};
	for (const key of ['channel', 'partner', 'tier', 'country', 'device'] as const) {
		if (filters[key].length === 0) continue;
		conditions.push(`list_contains($f_${key}::json::varchar[], ${column[key]})`);
		params[`f_${key}`] = JSON.stringify(filters[key]);
	}
	return { conditions, params };
}

/** Does the query filter or group by device or country (then only the unrolled facts can answer it)? */
function segmented(filters: Filters, groupBy: readonly GroupKey[]): boolean {
	return filters.device.length > 0 || filters.country.length > 0 || groupBy.includes('device') || groupBy.includes('country');
}

/**
 * The fact a query reads: the rollup over devices and countries (a quarter of the rows) unless the query
 * filters or groups by device or country. Both carry the same figures (sql/tests/reconcile_daily_rollup.sql).
 */
export function factTable(filters: Filters, groupBy: readonly GroupKey[]): 'fct_daily' | 'fct_daily_rollup' {
	return segmented(filters, groupBy) ? 'fct_daily' : 'fct_daily_rollup';
}

/** The conversion-lag histogram a query reads, chosen like the fact: the same buckets, rolled up or not. */
export function lagHistogramTable(filters: Filters, groupBy: readonly GroupKey[]): 'fct_conversion_lag_daily' | 'fct_conversion_lag_daily_rollup' {
	return segmented(filters, groupBy) ? 'fct_conversion_lag_daily' : 'fct_conversion_lag_daily_rollup';
}

export function metricQuery(options: MetricQueryOptions): BoundQuery {
	const range = options.range ?? options.filters.range;
	const groupBy = options.groupBy ?? [];
	if (groupBy.length > 2) throw new ValidationError('by takes at most two dimensions', { parameter: 'by' });
	const fact = filterConditions(options.filters, 'fact');
	const names = groupBy.map((g) => `g_${g}`);
	const factGroups = groupBy.map((g, i) => `${groupExpression(g)} as ${names[i]}`);
	const partnerOnly = groupBy.includes('partner') ? ['f.partner_id is not null'] : [];
	const where = `where f.date between $from::date and $to::date ${[...fact.conditions, ...partnerOnly].map((c) => `and ${c}`).join(' ')}`;
	const join = names.length ? `using (${names.join(', ')})` : 'on true';
	const concentration = metricsOfKind('concentration')[0]!;
	const aggregateKeys = metricsOfKind('aggregate').map((m) => m.key);
	const histogramKeys = metricsOfKind('histogram').map((m) => m.key);
	const byPartner = groupBy.includes('partner');
	// Concentration is measured within the other groups (e.g. per channel); per partner it means nothing.
	const outer = names.filter((n) => n !== 'g_partner');
	const partition = names.length ? `partition by ${names.join(', ')}` : '';
	const sql = `
		with base as (
			select f.*${factGroups.length ? `, ${factGroups.join(', ')}` : ''}
			from main.${factTable(options.filters, groupBy)} as f
			${where}
		),
		agg as (
			select ${names.length ? `${names.join(', ')}, ` : ''}${aggregateSelect(options.lean)}
			from base ${names.length ? `group by ${names.join(', ')}` : ''}
		),
		lag_buckets as (
			select ${factGroups.map((g) => `${g}, `).join('')}f.bucket, any_value(f.seconds) as seconds, sum(f.conversions) as conversions
			from main.${lagHistogramTable(options.filters, groupBy)} as f
			${where}
			group by ${[...names, 'f.bucket'].join(', ')}
		),
		lag_cumulative as (
			select *,
				sum(conversions) over (${partition} order by bucket rows between unbounded preceding and current row) as cumulative,
				sum(conversions) over (${partition}) as total
			from lag_buckets
		),
		lag_agg as (
			select ${names.length ? `${names.join(', ')}, ` : ''}${histogramSelect()}
			from lag_cumulative ${names.length ? `group by ${names.join(', ')}` : ''}
		),
		partner_revenue as (
			select ${outer.map((n) => `${n}, `).join('')}partner_id, sum(revenue) as revenue
			from base where partner_id is not null
			group by all
		),
		ranked as (
			select *, row_number() over (${outer.length ? `partition by ${outer.join(', ')}` : ''} order by revenue desc, partner_id) as rank
			from partner_revenue
		),
		concentration as (
			select ${outer.map((n) => `${n}, `).join('')}
				sum(revenue) filter (where rank <= ${concentration.topN}) / nullif(sum(revenue), 0) as ${concentration.key}
			from ranked ${outer.length ? `group by ${outer.join(', ')}` : ''}
		)
		select ${[
			...names.map((n, i) => `agg.${n} as ${groupBy[i]}`),
			...aggregateKeys.map((k) => `agg.${k}`),
			derivedSelect(),
			...histogramKeys.map((k) => (options.lean ? `null::double as ${k}` : `lag_agg.${k}`)),
			byPartner || options.lean ? `null::double as ${concentration.key}` : `concentration.${concentration.key}`
		].join(', ')}
		from agg
		${options.lean ? '' : `left join lag_agg ${join}`}
		${byPartner || options.lean ? '' : `left join concentration ${outer.length ? `using (${outer.join(', ')})` : 'on true'}`}
		order by ${options.orderBy ? `${options.orderBy} desc nulls last` : names.length ? names.map((_, i) => `${i + 1}`).join(', ') : '1'}
		${options.limit ? `limit ${Math.trunc(options.limit)}` : ''}`;
	return {
		sql,
		params: { from: range.from, to: range.to, gross_margin: options.grossMargin, week_start: options.weekStart, ...fact.params }
	};
}
