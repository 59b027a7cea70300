/**
 * The metric dictionary: every metric defined once (label, formula, unit, basis, description) with the SQL
 * that computes it, used by the report queries, the API's `meta.metrics`, every tooltip and the README.
 * Kinds: `aggregate` metrics aggregate rows of the base fact fct_daily; `derived` ones combine aggregates
 * after aggregation (and are also computable in TypeScript); `histogram` ones aggregate the buckets of the
 * click-to-conversion histogram (fct_conversion_lag_daily); `concentration` needs the per-partner split first.
 */

export type MetricUnit = 'count' | 'money' | 'ratio' | 'percent' | 'seconds';

interface MetricBase {
	readonly key: string;
	readonly label: string;
	readonly unit: MetricUnit;
	/** The formula in words, shown in tooltips and the README. */
	readonly formula: string;
	/** Which date a row counts on, and in which time zone. */
	readonly basis: string;
	readonly description: string;
	/** For deltas and colours: does a rise mean good news? */
	readonly higherIsBetter: boolean;
}

export interface AggregateMetric extends MetricBase {
	readonly kind: 'aggregate';
	/** Aggregate over fct_daily rows, NULL-safe. */
	readonly sql: string;
	/** Costs far more than a sum (distinct counts); left out of lean queries such as trend series. */
	readonly expensive?: boolean;
}

export interface DerivedMetric extends MetricBase {
	readonly kind: 'derived';
	/** Expression over aggregate metric keys (and $gross_margin). */
	readonly sql: string;
	readonly compute: (m: Readonly<Record<string, number | null>>, ctx: MetricContext) => number | null;
}

export interface HistogramMetric extends MetricBase {
	readonly kind: 'histogram';
	/**
	 * Aggregate over one group's buckets of the conversion-lag histogram, one row per bucket with `seconds` (the
	 * bucket's value, rising with the bucket), `conversions`, `cumulative` (conversions in this bucket and the
	 * ones below it) and `total` (the group's conversions).
	 */
	readonly sql: string;
}

export interface ConcentrationMetric extends MetricBase {
	readonly kind: 'concentration';
	readonly topN: number;
}

export type MetricDefinition = AggregateMetric | DerivedMetric | HistogramMetric | ConcentrationMetric;

export interface MetricContext {
	/** Share of revenue kept as gross margin, for ROI and net contribution. */
	readonly grossMargin: number;
}

const CLICK_BASIS = 'UTC date of clicked_at';
const SALE_BASIS = 'UTC date of converted_at; money in the base currency at the FX rate of that date';
const COST_BASIS = 'cost rows spread evenly over the days of [period_start, period_end], each day at its FX rate';
const VALIDATED = 'validated sales (approved, paid or reversed; pending sales are not decided yet)';

const div = (a: number | null | undefined, b: number | null | undefined): number | null =>
	a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
const num = (v: number | null | undefined) => v ?? 0;
const cost = (m: Readonly<Record<string, number | null>>) => num(m.commission) + num(m.network_fees) + num(m.other_costs);
const sum = (column: string) => `coalesce(sum(${column}), 0)`;

function aggregate(key: string, column: string, label: string, unit: MetricUnit, formula: string, basis: string, description: string, higherIsBetter = true): AggregateMetric {
	return { kind: 'aggregate', key, sql: sum(column), label, unit, formula, basis, description, higherIsBetter };
}

export const METRICS: readonly MetricDefinition[] = [
	aggregate('gross_clicks', 'gross_clicks', 'Gross clicks', 'count', 'count of all clicks', CLICK_BASIS, 'Every tracked click, valid or not.'),
	aggregate('clicks', 'valid_clicks', 'Clicks', 'count', 'count of clicks where is_invalid = false', CLICK_BASIS, 'Valid clicks: invalid (bot, duplicate, blocked) clicks are excluded.'),
	aggregate('unique_clicks', 'unique_clicks', 'Unique clicks', 'count', 'count of valid clicks where is_unique = true', CLICK_BASIS, 'Valid clicks the platform marked as the first from a visitor.'),
	aggregate('invalid_clicks', 'invalid_clicks', 'Invalid clicks', 'count', 'count of clicks where is_invalid = true', CLICK_BASIS, 'Clicks the platform rejected (bots, duplicates, blocked sources).', false),
	aggregate('conversions', 'conversions', 'Conversions', 'count', 'count of sales whose status is not reversed', SALE_BASIS, 'Pending, approved and paid sales; reversed sales are excluded.'),
	aggregate('gross_conversions', 'gross_conversions', 'Gross conversions', 'count', 'count of all sales, reversed included', SALE_BASIS, 'Every tracked sale in its latest state.'),
	aggregate('reversed_conversions', 'reversed_conversions', 'Reversed conversions', 'count', "count of sales whose status is reversed", SALE_BASIS, 'Sales cancelled, returned or rejected after tracking.', false),
	aggregate('validated_conversions', 'validated_conversions', 'Validated conversions', 'count', 'count of sales whose status is not pending', SALE_BASIS, 'Sales the advertiser has decided on.'),
	aggregate('approved_conversions', 'approved_conversions', 'Approved conversions', 'count', 'count of sales whose status is approved or paid', SALE_BASIS, 'Sales the advertiser has confirmed (approved, or approved and paid out).'),
	aggregate('revenue', 'revenue', 'Revenue', 'money', 'sum of sale_amount x FX rate, sales not reversed', SALE_BASIS, 'Net revenue: the order value of sales that were not reversed.'),
	aggregate('gross_revenue', 'gross_revenue', 'Gross revenue', 'money', 'sum of sale_amount x FX rate, all sales', SALE_BASIS, 'Order value before reversals.'),
	aggregate('approved_revenue', 'approved_revenue', 'Approved revenue', 'money', 'sum of sale_amount x FX rate, sales approved or paid', SALE_BASIS, 'Order value already confirmed by the advertiser.'),
	aggregate('reversed_revenue', 'reversed_revenue', 'Reversed revenue', 'money', 'sum of sale_amount x FX rate, reversed sales', SALE_BASIS, 'Order value lost to reversals.', false),
	aggregate('commission', 'commission', 'Commission', 'money', 'sum of commission_amount x FX rate, sales not reversed', SALE_BASIS, 'Commission owed to partners on sales that were not reversed.', false),
	aggregate('network_fees', 'network_fees', 'Network fees', 'money', 'sum of network_fee_amount x FX rate, sales not reversed', SALE_BASIS, "The tracking network's fee on sales that were not reversed.", false),
	aggregate(
		'other_costs',
		'other_costs',
		'Other costs',
		'money',
		'sum of cost rows (bonuses, placement fees, tenancies, platform and agency fees) spread by day',
		COST_BASIS,
		"Costs the platform does not carry. Per partner: that partner's rows; totals also include program-level rows. Not split by device or country: a device or country filter leaves them out.",
		false
	),
	aggregate('new_customer_conversions', 'new_customer_conversions', 'New-customer conversions', 'count', "count of sales not reversed whose customer_status is new", SALE_BASIS, 'Conversions from first-time customers.'),
	{
		kind: 'aggregate',
		key: 'active_partners',
		sql: 'count(distinct partner_id) filter (where valid_clicks > 0 or conversions > 0)',
		expensive: true,
		label: 'Active partners',
		unit: 'count',
		formula: 'partners with at least one valid click or conversion',
		basis: 'in the period',
		description: 'Partners that sent traffic or sales.',
		higherIsBetter: true
	},
	{
		kind: 'aggregate',
		key: 'productive_partners',
		sql: 'count(distinct partner_id) filter (where conversions > 0)',
		expensive: true,
		label: 'Productive partners',
		unit: 'count',
		formula: 'partners with at least one conversion (not reversed)',
		basis: 'in the period',
		description: 'Partners that drove at least one sale.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'cost',
		sql: 'commission + network_fees + other_costs',
		compute: (m) => cost(m),
		label: 'Total cost',
		unit: 'money',
		formula: 'commission + network fees + other costs',
		basis: 'each part on its own basis',
		description: 'Everything the program pays for the revenue.',
		higherIsBetter: false
	},
	{
		kind: 'derived',
		key: 'roas',
		sql: 'revenue / nullif(commission + network_fees + other_costs, 0)',
		compute: (m) => div(m.revenue, cost(m)),
		label: 'ROAS',
		unit: 'ratio',
		formula: 'revenue / total cost (none when cost is 0)',
		basis: 'revenue and cost over the same period',
		description: 'Return on ad spend: revenue earned per unit of cost.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'cost_of_sale',
		sql: '(commission + network_fees + other_costs) / nullif(revenue, 0)',
		compute: (m) => div(cost(m), m.revenue),
		label: 'Cost of sale',
		unit: 'percent',
		formula: 'total cost / revenue',
		basis: 'revenue and cost over the same period',
		description: 'Share of revenue spent to earn it (the inverse of ROAS).',
		higherIsBetter: false
	},
	{
		kind: 'derived',
		key: 'roi',
		sql: '(revenue * $gross_margin - (commission + network_fees + other_costs)) / nullif(commission + network_fees + other_costs, 0)',
		compute: (m, ctx) => div(num(m.revenue) * ctx.grossMargin - cost(m), cost(m)),
		label: 'ROI',
		unit: 'percent',
		formula: '(revenue x gross margin - total cost) / total cost',
		basis: 'revenue and cost over the same period; gross margin from PARTNERSCOPE_GROSS_MARGIN or ?margin=',
		description: 'Profit the program returns per unit of cost, after the cost of goods.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'net_contribution',
		sql: 'revenue * $gross_margin - (commission + network_fees + other_costs)',
		compute: (m, ctx) => num(m.revenue) * ctx.grossMargin - cost(m),
		label: 'Net contribution',
		unit: 'money',
		formula: 'revenue x gross margin - total cost',
		basis: 'revenue and cost over the same period',
		description: 'What the program adds to profit after its costs.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'conversion_rate',
		sql: 'conversions / nullif(clicks, 0)',
		compute: (m) => div(m.conversions, m.clicks),
		label: 'Conversion rate',
		unit: 'percent',
		formula: 'conversions / valid clicks',
		basis: 'conversions and clicks over the same period, each on its own date',
		description: 'Sales per valid click. Click-less (coupon) sales count in conversions too.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'aov',
		sql: 'revenue / nullif(conversions, 0)',
		compute: (m) => div(m.revenue, m.conversions),
		label: 'AOV',
		unit: 'money',
		formula: 'revenue / conversions',
		basis: SALE_BASIS,
		description: 'Average order value of sales not reversed.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'epc',
		sql: 'commission / nullif(clicks, 0)',
		compute: (m) => div(m.commission, m.clicks),
		label: 'EPC',
		unit: 'money',
		formula: 'commission / valid clicks',
		basis: 'commission and clicks over the same period',
		description: "Earnings per click: what a partner earns per valid click it sends.",
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'cpa',
		sql: '(commission + network_fees + other_costs) / nullif(conversions, 0)',
		compute: (m) => div(cost(m), m.conversions),
		label: 'CPA',
		unit: 'money',
		formula: 'total cost / conversions',
		basis: 'cost and conversions over the same period',
		description: 'Cost per acquisition.',
		higherIsBetter: false
	},
	{
		kind: 'derived',
		key: 'reversal_rate',
		sql: 'reversed_conversions / nullif(validated_conversions, 0)',
		compute: (m) => div(m.reversed_conversions, m.validated_conversions),
		label: 'Reversal rate',
		unit: 'percent',
		formula: `reversed sales / ${VALIDATED}`,
		basis: SALE_BASIS,
		description: 'Share of decided sales that were reversed (by count).',
		higherIsBetter: false
	},
	{
		kind: 'derived',
		key: 'reversal_rate_value',
		sql: 'reversed_revenue / nullif(approved_revenue + reversed_revenue, 0)',
		compute: (m) => div(m.reversed_revenue, num(m.approved_revenue) + num(m.reversed_revenue)),
		label: 'Reversal rate (value)',
		unit: 'percent',
		formula: 'reversed revenue / (approved + reversed revenue)',
		basis: SALE_BASIS,
		description: 'Share of decided order value that was reversed.',
		higherIsBetter: false
	},
	{
		kind: 'derived',
		key: 'new_customer_rate',
		sql: 'new_customer_conversions / nullif(conversions, 0)',
		compute: (m) => div(m.new_customer_conversions, m.conversions),
		label: 'New-customer rate',
		unit: 'percent',
		formula: 'new-customer conversions / conversions',
		basis: SALE_BASIS,
		description: 'Share of sales from first-time customers.',
		higherIsBetter: true
	},
	{
		kind: 'derived',
		key: 'invalid_click_share',
		sql: 'invalid_clicks / nullif(gross_clicks, 0)',
		compute: (m) => div(m.invalid_clicks, m.gross_clicks),
		label: 'Invalid-click share',
		unit: 'percent',
		formula: 'invalid clicks / gross clicks',
		basis: CLICK_BASIS,
		description: 'Share of clicks the platform rejected.',
		higherIsBetter: false
	},
	{
		kind: 'histogram',
		key: 'median_seconds_to_convert',
		// The interpolated median, as DuckDB's median() and R's median(): the value at rank (n + 1) / 2 for an odd
		// count n, the mean of the values at ranks n / 2 and n / 2 + 1 for an even one. The value at rank k is the
		// value of the first bucket whose cumulative count reaches k; each is within 1% of the time it stands
		// for, so their mean is within 1% of the exact median too. No buckets: NULL.
		sql: '(min(seconds) filter (where cumulative >= (total + 1) // 2) + min(seconds) filter (where cumulative >= total // 2 + 1)) / 2',
		label: 'Click-to-conversion time (median)',
		unit: 'seconds',
		formula: 'median of converted_at - clicked_at over sales not reversed that have a click (mean of the middle two for an even count), within 1%: read from a log-scaled histogram of the times',
		basis: SALE_BASIS,
		description: 'How long visitors take from the click to the order. Computed from per-day histograms whose buckets are 2% wide, so it is within 1% of the exact median.',
		higherIsBetter: true
	},
	{
		kind: 'concentration',
		key: 'top5_revenue_share',
		topN: 5,
		label: 'Top-5 partner revenue share',
		unit: 'percent',
		formula: 'revenue of the 5 largest partners / revenue',
		basis: SALE_BASIS,
		description: 'How much of the revenue depends on the five largest partners.',
		higherIsBetter: false
	}
];

export type MetricKey = string;

const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));

export function metric(key: MetricKey): MetricDefinition {
	const m = BY_KEY.get(key);
	if (!m) throw new Error(`unknown metric ${key}`);
	return m;
}

export function isMetricKey(key: string): boolean {
	return BY_KEY.has(key);
}

export const METRIC_KEYS: readonly MetricKey[] = METRICS.map((m) => m.key);

export function metricsOfKind<K extends MetricDefinition['kind']>(kind: K): Extract<MetricDefinition, { kind: K }>[] {
	return METRICS.filter((m): m is Extract<MetricDefinition, { kind: K }> => m.kind === kind);
}

/** Select-list of every aggregate metric, for a query over fct_daily rows; `lean` leaves the expensive ones NULL. */
export function aggregateSelect(lean = false): string {
	return metricsOfKind('aggregate')
		.map((m) => `${lean && m.expensive ? 'null::bigint' : m.sql} as ${m.key}`)
		.join(', ');
}

/** Select-list of every derived metric, over the aggregate ones (binds $gross_margin). */
export function derivedSelect(): string {
	return metricsOfKind('derived')
		.map((m) => `${m.sql} as ${m.key}`)
		.join(', ');
}

/** Select-list of the histogram metrics, over one group's bucket rows (see HistogramMetric.sql). */
export function histogramSelect(): string {
	return metricsOfKind('histogram')
		.map((m) => `${m.sql} as ${m.key}`)
		.join(', ');
}

/** Fills in the derived metrics of a row of aggregates, in TypeScript (e.g. after adding rows up). */
export function computeDerived(aggregates: Readonly<Record<string, number | null>>, ctx: MetricContext): Record<string, number | null> {
	const out: Record<string, number | null> = { ...aggregates };
	for (const m of metricsOfKind('derived')) out[m.key] = m.compute(out, ctx);
	return out;
}

export interface MetricInfo {
	readonly key: string;
	readonly label: string;
	readonly unit: MetricUnit;
	readonly formula: string;
	readonly basis: string;
	readonly description: string;
	readonly higherIsBetter: boolean;
}

/** The dictionary as plain data for the API and tooltips (no functions, no SQL). */
export function metricCatalog(): MetricInfo[] {
	return METRICS.map(({ key, label, unit, formula, basis, description, higherIsBetter }) => ({ key, label, unit, formula, basis, description, higherIsBetter }));
}
