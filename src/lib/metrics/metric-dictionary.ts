/**
 * The metric dictionary: every metric defined once (label, formula, unit, basis, description) and the SQL
 * that computes it, used by the report queries, the API's `meta.metrics` and every tooltip.
 * Additive metrics aggregate a column of the daily marts; derived metrics combine additive ones.
 */

export type MetricUnit = 'count' | 'money' | 'ratio';

interface MetricBase {
	readonly key: string;
	readonly label: string;
	readonly unit: MetricUnit;
	/** The formula in words, shown in tooltips and the README. */
	readonly formula: string;
	/** Which date a row counts on, and in which time zone. */
	readonly basis: string;
	readonly description: string;
}

/** Summed from a column of fct_partner_daily / fct_program_daily. */
export interface AdditiveMetric extends MetricBase {
	readonly kind: 'additive';
	readonly column: string;
}

/** Computed from additive metrics after aggregation; `sql` names them, never raw columns. */
export interface DerivedMetric extends MetricBase {
	readonly kind: 'derived';
	readonly sql: string;
	/** Computes the same value in TypeScript (charts, deltas); null where the SQL gives NULL. */
	readonly compute: (m: Readonly<Record<string, number>>) => number | null;
}

export type MetricDefinition = AdditiveMetric | DerivedMetric;

const CLICK_BASIS = 'UTC date of clicked_at';
const SALE_BASIS = 'UTC date of converted_at; money in the base currency at the FX rate of that date';
const COST_BASIS = 'cost rows spread evenly over the days of [period_start, period_end], each day at its FX rate';

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

export const METRICS = [
	{
		kind: 'additive',
		key: 'clicks',
		column: 'valid_clicks',
		label: 'Clicks',
		unit: 'count',
		formula: 'count of clicks where is_invalid = false',
		basis: CLICK_BASIS,
		description: 'Valid clicks: invalid (bot, duplicate, blocked) clicks are excluded.'
	},
	{
		kind: 'additive',
		key: 'conversions',
		column: 'conversions',
		label: 'Conversions',
		unit: 'count',
		formula: 'count of sales whose status is not reversed',
		basis: SALE_BASIS,
		description: 'Pending, approved and paid sales; reversed sales are excluded.'
	},
	{
		kind: 'additive',
		key: 'revenue',
		column: 'revenue',
		label: 'Revenue',
		unit: 'money',
		formula: 'sum of sale_amount x FX rate, sales not reversed',
		basis: SALE_BASIS,
		description: 'Net revenue: the order value of sales that were not reversed.'
	},
	{
		kind: 'additive',
		key: 'commission',
		column: 'commission',
		label: 'Commission',
		unit: 'money',
		formula: 'sum of commission_amount x FX rate, sales not reversed',
		basis: SALE_BASIS,
		description: 'Commission owed to partners on sales that were not reversed.'
	},
	{
		kind: 'additive',
		key: 'network_fees',
		column: 'network_fees',
		label: 'Network fees',
		unit: 'money',
		formula: 'sum of network_fee_amount x FX rate, sales not reversed',
		basis: SALE_BASIS,
		description: "The tracking network's fee on sales that were not reversed."
	},
	{
		kind: 'additive',
		key: 'other_costs',
		column: 'other_costs',
		label: 'Other costs',
		unit: 'money',
		formula: 'sum of cost rows (bonuses, placement fees, tenancies, platform and agency fees) spread by day',
		basis: COST_BASIS,
		description: 'Costs the platform does not carry. Per partner: that partner\'s rows; program totals also include program-level rows.'
	},
	{
		kind: 'derived',
		key: 'cost',
		label: 'Cost',
		unit: 'money',
		sql: 'commission + network_fees + other_costs',
		compute: (m) => m.commission! + m.network_fees! + m.other_costs!,
		formula: 'commission + network fees + other costs',
		basis: 'each part on its own basis',
		description: 'Everything the program pays for the revenue.'
	},
	{
		kind: 'derived',
		key: 'roas',
		label: 'ROAS',
		unit: 'ratio',
		sql: 'revenue / nullif(commission + network_fees + other_costs, 0)',
		compute: (m) => ratio(m.revenue!, m.commission! + m.network_fees! + m.other_costs!),
		formula: 'revenue / cost (none when cost is 0)',
		basis: 'revenue and cost over the same period',
		description: 'Return on ad spend: revenue earned per unit of cost.'
	}
] as const satisfies readonly MetricDefinition[];

export type MetricKey = (typeof METRICS)[number]['key'];

export const METRIC_KEYS: readonly MetricKey[] = METRICS.map((m) => m.key);

export function metric(key: MetricKey): MetricDefinition {
	return METRICS.find((m) => m.key === key)!;
}

/** Select-list expressions: additive metrics as `sum(column)`, for an inner aggregate query. */
export function additiveSelect(): string {
	return METRICS.filter((m): m is Extract<(typeof METRICS)[number], { kind: 'additive' }> => m.kind === 'additive')
		.map((m) => `coalesce(sum(${m.column}), 0) as ${m.key}`)
		.join(', ');
}

/** Select-list expressions for the derived metrics, over the additive ones. */
export function derivedSelect(): string {
	return METRICS.filter((m): m is Extract<(typeof METRICS)[number], { kind: 'derived' }> => m.kind === 'derived')
		.map((m) => `${m.sql} as ${m.key}`)
		.join(', ');
}

/** The dictionary as plain data for the API and tooltips (no functions). */
export function metricCatalog(): { key: string; label: string; unit: MetricUnit; formula: string; basis: string; description: string }[] {
	return METRICS.map(({ key, label, unit, formula, basis, description }) => ({ key, label, unit, formula, basis, description }));
}
