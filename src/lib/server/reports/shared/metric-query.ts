/**
 * Builds the bound SQL that computes every dictionary metric over the base fact for a set of filters,
 * grouped by up to two dimensions (pure: text and parameters only; the caller runs it).
 * Used by /api/v1/metrics/summary and /api/v1/metrics/breakdown and by the page-specific reports.
 */
import { aggregateSelect, derivedSelect, metricsOfKind, salesSelect } from '../../../metrics/metric-dictionary.ts';
import { ValidationError } from '../../errors.ts';
import type { DateRange } from '../params/date-range.ts';
import type { Filters } from '../params/filters.ts';

export const GROUP_KEYS = ['date', 'week', 'month', 'partner', 'channel', 'tier', 'device', 'country'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

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
	/** Skip the sale-level (median) and concentration metrics when a caller does not show them: they cost the most. */
	readonly lean?: boolean;
}

/** Expression of a group key over fct_daily (f) or stg_sales joined to stg_partners (s, p). */
function groupExpression(key: GroupKey, source: 'fact' | 'sales'): string {
	const date = source === 'fact' ? 'f.date' : 's.converted_date';
	switch (key) {
		case 'date':
			return `${date}`;
		case 'week':
			return `(${date} - ((dayofweek(${date}) - $week_start + 7) % 7)::integer)`;
		case 'month':
			return `date_trunc('month', ${date})::date`;
		case 'partner':
			return source === 'fact' ? 'f.partner_id' : 's.partner_id';
		case 'channel':
			return source === 'fact' ? 'f.channel' : 'p.channel';
		case 'tier':
			return source === 'fact' ? 'f.tier' : 'p.tier';
		case 'device':
			return source === 'fact' ? 'f.device_type' : 's.device_type';
		case 'country':
			return source === 'fact' ? 'f.country' : "coalesce(s.country, '')";
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

/**
 * The fact a query reads: the rollup over devices and countries (a quarter of the rows) unless the query
 * filters or groups by device or country. Both carry the same figures (sql/tests/reconcile_daily_rollup.sql).
 */
export function factTable(filters: Filters, groupBy: readonly GroupKey[]): 'fct_daily' | 'fct_daily_rollup' {
	const segmented = filters.device.length > 0 || filters.country.length > 0 || groupBy.includes('device') || groupBy.includes('country');
	return segmented ? 'fct_daily' : 'fct_daily_rollup';
}

export function metricQuery(options: MetricQueryOptions): BoundQuery {
	const range = options.range ?? options.filters.range;
	const groupBy = options.groupBy ?? [];
	if (groupBy.length > 2) throw new ValidationError('by takes at most two dimensions', { parameter: 'by' });
	const fact = filterConditions(options.filters, 'fact');
	const sales = filterConditions(options.filters, 'sales');
	const names = groupBy.map((g) => `g_${g}`);
	const factGroups = groupBy.map((g, i) => `${groupExpression(g, 'fact')} as ${names[i]}`);
	const salesGroups = groupBy.map((g, i) => `${groupExpression(g, 'sales')} as ${names[i]}`);
	const partnerOnly = groupBy.includes('partner') ? ['f.partner_id is not null'] : [];
	const join = names.length ? `using (${names.join(', ')})` : 'on true';
	const concentration = metricsOfKind('concentration')[0]!;
	const aggregateKeys = metricsOfKind('aggregate').map((m) => m.key);
	const salesKeys = metricsOfKind('sales').map((m) => m.key);
	const byPartner = groupBy.includes('partner');
	// Concentration is measured within the other groups (e.g. per channel); per partner it means nothing.
	const outer = names.filter((n) => n !== 'g_partner');
	const sql = `
		with base as (
			select f.*${factGroups.length ? `, ${factGroups.join(', ')}` : ''}
			from main.${factTable(options.filters, groupBy)} as f
			where f.date between $from::date and $to::date
			${[...fact.conditions, ...partnerOnly].map((c) => `and ${c}`).join(' ')}
		),
		agg as (
			select ${names.length ? `${names.join(', ')}, ` : ''}${aggregateSelect(options.lean)}
			from base ${names.length ? `group by ${names.join(', ')}` : ''}
		),
		sale_rows as (
			select s.*${salesGroups.length ? `, ${salesGroups.join(', ')}` : ''}
			from main.stg_sales as s
			join main.stg_partners as p using (partner_id)
			where s.converted_date between $from::date and $to::date
			${sales.conditions.map((c) => `and ${c}`).join(' ')}
		),
		sale_agg as (
			select ${names.length ? `${names.join(', ')}, ` : ''}${salesSelect()}
			from sale_rows ${names.length ? `group by ${names.join(', ')}` : ''}
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
			...salesKeys.map((k) => (options.lean ? `null::double as ${k}` : `sale_agg.${k}`)),
			byPartner || options.lean ? `null::double as ${concentration.key}` : `concentration.${concentration.key}`
		].join(', ')}
		from agg
		${options.lean ? '' : `left join sale_agg ${join}`}
		${byPartner || options.lean ? '' : `left join concentration ${outer.length ? `using (${outer.join(', ')})` : 'on true'}`}
		order by ${options.orderBy ? `${options.orderBy} desc nulls last` : names.length ? names.map((_, i) => `${i + 1}`).join(', ') : '1'}
		${options.limit ? `limit ${Math.trunc(options.limit)}` : ''}`;
	return {
		sql,
		params: { from: range.from, to: range.to, gross_margin: options.grossMargin, week_start: options.weekStart, ...fact.params, ...sales.params }
	};
}
