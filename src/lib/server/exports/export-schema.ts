/**
 * The export contract with the user's tracking platform: one folder per table under the data directory,
 * one or many parquet files per folder. Used by the generator (to write), the validator (to check) and the
 * source views (to read). Extra columns in a file are ignored.
 */

export const EXPORT_TABLES = ['clicks', 'sales', 'partners', 'costs', 'fx_rates'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ExportColumn {
	readonly name: string;
	/** DuckDB type the column is read as; a value that cannot be cast to it is an error naming the file. */
	readonly type: string;
	readonly nullable: boolean;
	/** Allowed values for enumerations, checked by the validator. */
	readonly values?: readonly string[];
}

const col = (name: string, type: string, opts: { nullable?: boolean; values?: readonly string[] } = {}): ExportColumn => ({
	name,
	type,
	nullable: opts.nullable ?? false,
	values: opts.values
});

export const DEVICE_TYPES = ['desktop', 'phone', 'tablet', 'other'] as const;
export const SALE_STATUSES = ['pending', 'approved', 'reversed', 'paid'] as const;
export const CUSTOMER_STATUSES = ['new', 'returning'] as const;
export const CHANNELS = ['content', 'coupon', 'cashback', 'influencer', 'email', 'comparison', 'sub_network'] as const;
export const PARTNER_STATUSES = ['active', 'paused', 'terminated'] as const;
export const COST_TYPES = ['bonus', 'placement_fee', 'tenancy', 'platform_fee', 'agency_fee', 'other'] as const;

export const EXPORT_SCHEMA: Readonly<Record<ExportTable, readonly ExportColumn[]>> = {
	clicks: [
		col('click_id', 'VARCHAR'),
		col('clicked_at', 'TIMESTAMPTZ'),
		col('partner_id', 'VARCHAR'),
		col('creative_id', 'VARCHAR', { nullable: true }),
		col('sub_id', 'VARCHAR', { nullable: true }),
		col('landing_page', 'VARCHAR', { nullable: true }),
		col('device_type', 'VARCHAR', { values: DEVICE_TYPES }),
		col('country', 'VARCHAR', { nullable: true }),
		col('ip_hash', 'VARCHAR', { nullable: true }),
		col('is_unique', 'BOOLEAN'),
		col('is_invalid', 'BOOLEAN'),
		col('invalid_reason', 'VARCHAR', { nullable: true })
	],
	sales: [
		col('conversion_id', 'VARCHAR'),
		col('order_id', 'VARCHAR'),
		col('click_id', 'VARCHAR', { nullable: true }),
		col('partner_id', 'VARCHAR'),
		col('converted_at', 'TIMESTAMPTZ'),
		col('validated_at', 'TIMESTAMPTZ', { nullable: true }),
		col('status', 'VARCHAR', { values: SALE_STATUSES }),
		col('reversal_reason', 'VARCHAR', { nullable: true }),
		col('sale_amount', 'DECIMAL(18,2)'),
		col('commission_amount', 'DECIMAL(18,4)'),
		col('network_fee_amount', 'DECIMAL(18,4)'),
		col('currency', 'VARCHAR'),
		col('customer_id', 'VARCHAR'),
		col('customer_status', 'VARCHAR', { values: CUSTOMER_STATUSES }),
		col('coupon_code', 'VARCHAR', { nullable: true }),
		col('device_type', 'VARCHAR', { values: DEVICE_TYPES }),
		col('country', 'VARCHAR', { nullable: true })
	],
	partners: [
		col('partner_id', 'VARCHAR'),
		col('partner_name', 'VARCHAR'),
		col('channel', 'VARCHAR', { values: CHANNELS }),
		col('joined_at', 'DATE'),
		col('status', 'VARCHAR', { values: PARTNER_STATUSES }),
		col('terminated_at', 'DATE', { nullable: true }),
		col('country', 'VARCHAR', { nullable: true }),
		col('manager', 'VARCHAR', { nullable: true }),
		col('commission_plan', 'VARCHAR', { nullable: true }),
		col('tier', 'VARCHAR', { nullable: true })
	],
	costs: [
		col('cost_id', 'VARCHAR'),
		col('period_start', 'DATE'),
		col('period_end', 'DATE'),
		col('partner_id', 'VARCHAR', { nullable: true }),
		col('channel', 'VARCHAR', { nullable: true, values: CHANNELS }),
		col('cost_type', 'VARCHAR', { values: COST_TYPES }),
		col('amount', 'DECIMAL(18,2)'),
		col('currency', 'VARCHAR')
	],
	fx_rates: [col('date', 'DATE'), col('currency', 'VARCHAR'), col('rate_to_base', 'DOUBLE')]
};
