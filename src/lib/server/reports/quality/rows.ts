/**
 * The rows behind a quality signal (pure: bound SQL only; the route runs it): the fast sales with their click
 * time, the day's clicks by hour / sub_id / ip_hash, the invalid clicks, the reversed sales, the click-less
 * coupon sales. The totals' `count` adds up to the signal's count. Called by /api/v1/quality/rows.
 */
import { QUALITY_THRESHOLDS, type QualityThresholds, type SignalKind } from '../../../metrics/quality-thresholds.ts';
import type { Filters } from '../params/filters.ts';
import type { BoundQuery } from '../shared/metric-query.ts';
import { filterConditions } from '../shared/metric-query.ts';
import { qualityScope } from './signals.ts';

export interface RowsPage {
	readonly limit: number;
	readonly offset: number;
}

/** Column names the paged-with-totals query adds to every row (the route strips them). */
export const TOTAL_ROWS_COLUMN = '__total_rows';
export const COUNT_COLUMN = '__count';

export interface QualityRowsQuery {
	/** The page of rows, ordered. */
	readonly rows: BoundQuery;
	/** The same page with the totals on every row (one scan for JSON answers). */
	readonly rowsWithTotals: BoundQuery;
	/** One row: total_rows (rows without paging) and count (what the signal counts: sales or clicks). */
	readonly total: BoundQuery;
}

/** One SELECT (optionally after a WITH) of the unpaged rows, its order and the measure its count sums. */
interface RowsSpec {
	readonly sql: string;
	readonly order: string;
	/** An expression over the rows: 1 per sale, or the click count of a group. */
	readonly measure: string;
	readonly params: Record<string, string | number>;
}

function build(spec: RowsSpec, page: RowsPage): QualityRowsQuery {
	const paged = { ...spec.params, limit: page.limit, offset: page.offset };
	return {
		rows: { sql: `select * from (${spec.sql}) order by ${spec.order} limit $limit offset $offset`, params: paged },
		rowsWithTotals: {
			// Window totals are computed over every row before ORDER BY and LIMIT apply.
			sql: `select *, count(*) over ()::bigint as ${TOTAL_ROWS_COLUMN}, sum(${spec.measure}) over ()::bigint as ${COUNT_COLUMN}
				from (${spec.sql}) order by ${spec.order} limit $limit offset $offset`,
			params: paged
		},
		total: { sql: `select count(*)::bigint as total_rows, coalesce(sum(${spec.measure}), 0)::bigint as count from (${spec.sql})`, params: spec.params }
	};
}

const SALE_COLUMNS = `s.conversion_id, s.order_id, s.partner_id, p.partner_name, s.status,
	s.converted_at, s.sale_amount, s.currency, round(s.sale_amount_base, 2) as sale_amount_base, s.customer_status, s.device_type, s.country`;

/** Sale rows; `day` is the date the range applies to (the conversion day, or the validation day for reversals). */
function salesRows(day: string, where: string, columns: string, order: string, filters: Filters, params: Record<string, string | number>): RowsSpec {
	const scope = filterConditions(qualityScope(filters), 'sales');
	return {
		sql: `select ${columns}
			from main.stg_sales as s
			join main.stg_partners as p using (partner_id)
			where ${day} between $from::date and $to::date and ${where}
			${scope.conditions.map((c) => `and ${c}`).join(' ')}`,
		order,
		measure: '1',
		params: { from: filters.range.from, to: filters.range.to, ...params, ...scope.params }
	};
}

/** Click rows grouped by `groups`; `measure` is the click count the signal counts. */
function clickRows(where: string, groups: string[], order: string, measure: 'valid_clicks' | 'invalid_clicks', filters: Filters): RowsSpec {
	const scope = filterConditions(qualityScope(filters), 'sales');
	// src_clicks (alias s) carries no channel or tier: the partner join supplies them (alias p).
	// converted: the clicks some sale is attributed to (a sale comes on or after its click's day), looked up
	// for the clicks in scope only, so the sales table is probed rather than hashed whole.
	return {
		sql: `with clicks as (
				select s.*
				from main.src_clicks as s
				join main.stg_partners as p using (partner_id)
				where s.clicked_at >= ($from::date::timestamp at time zone 'UTC') and s.clicked_at < (($to::date + 1)::timestamp at time zone 'UTC') and ${where}
				${scope.conditions.map((c) => `and ${c}`).join(' ')}
			),
			converted as (
				select distinct x.click_id from main.stg_sales as x
				where x.converted_date >= $from::date and x.click_id in (select click_id from clicks)
			)
			select ${groups.join(', ')},
				count(*)::bigint as gross_clicks,
				count(*) filter (where not s.is_invalid)::bigint as valid_clicks,
				count(*) filter (where s.is_invalid)::bigint as invalid_clicks,
				count(*) filter (where s.is_unique and not s.is_invalid)::bigint as unique_clicks,
				count(c.click_id)::bigint as converted_clicks
			from clicks as s
			left join converted as c using (click_id)
			group by all`,
		order,
		measure,
		params: { from: filters.range.from, to: filters.range.to, ...scope.params }
	};
}

function rowsSpec(signal: SignalKind, filters: Filters, t: QualityThresholds): RowsSpec {
	switch (signal) {
		case 'fast_conversions':
			return salesRows(
				's.converted_date',
				's.seconds_to_convert < $fast_seconds',
				`${SALE_COLUMNS}, s.click_id, s.clicked_at, s.seconds_to_convert`,
				'seconds_to_convert, converted_at, conversion_id',
				filters,
				{ fast_seconds: t.fastConversionSeconds }
			);
		case 'clickless_coupons':
			return salesRows('s.converted_date', 's.click_id is null and s.coupon_code is not null', `${SALE_COLUMNS}, s.coupon_code`, 'converted_at, conversion_id', filters, {});
		case 'reversal_outlier':
			return salesRows(
				"(s.validated_at at time zone 'UTC')::date",
				"s.status = 'reversed'",
				`${SALE_COLUMNS}, s.validated_at, s.reversal_reason, s.click_id, s.seconds_to_convert`,
				'validated_at, conversion_id',
				filters,
				{}
			);
		case 'click_spike':
			return clickRows(
				'true',
				[
					"(s.clicked_at at time zone 'UTC')::date::varchar as date",
					"hour(s.clicked_at at time zone 'UTC') as hour",
					's.partner_id',
					"coalesce(s.sub_id, '') as sub_id",
					"coalesce(s.ip_hash, '') as ip_hash"
				],
				'valid_clicks desc, date, hour, partner_id, sub_id, ip_hash',
				'valid_clicks',
				filters
			);
		case 'invalid_clicks':
			return clickRows(
				's.is_invalid',
				[
					"(s.clicked_at at time zone 'UTC')::date::varchar as date",
					's.partner_id',
					"coalesce(s.invalid_reason, '') as invalid_reason",
					"coalesce(s.sub_id, '') as sub_id",
					"coalesce(s.ip_hash, '') as ip_hash"
				],
				'invalid_clicks desc, date, partner_id, invalid_reason, sub_id, ip_hash',
				'invalid_clicks',
				filters
			);
	}
}

/** The bound queries for the rows behind `signal` over the filters' range and scope. */
export function qualityRowsQuery(signal: SignalKind, filters: Filters, page: RowsPage, t: QualityThresholds = QUALITY_THRESHOLDS): QualityRowsQuery {
	return build(rowsSpec(signal, filters, t), page);
}
