/**
 * The cohort metrics, defined once (the metric dictionary's shape, without SQL): customer cohorts by the period
 * of their first purchase, and partner cohorts by join month. The cohort API adds them to `meta.metrics`, so
 * tooltips and the README read them from here; the computations live in the other `cohort-*.ts` files.
 */
import type { MetricInfo } from './metric-dictionary.ts';

export const COHORT_GRAINS = ['month', 'week'] as const;
export type CohortGrain = (typeof COHORT_GRAINS)[number];

const FIRST_PURCHASE =
	"a customer's first purchase = the earliest converted_at among their sales that were not reversed; the cohort = the period (month, or week starting on the configured weekday) of its UTC day; the acquiring partner and channel = those of that sale";
const PERIOD_K = 'period k = whole periods after the cohort period (k = 0 is the cohort period itself), UTC days of converted_at';
const MONEY = 'money in the base currency at the FX rate of the sale day';
const JOIN = "partners who joined in the month (joined_at, on or after the data's first day)";

export const COHORT_METRICS: readonly MetricInfo[] = [
	{
		key: 'cohort_customers',
		label: 'Cohort customers',
		unit: 'count',
		formula: 'customers whose first purchase fell in the cohort period (through a partner matching the filters)',
		basis: FIRST_PURCHASE,
		description: 'The size of the cohort: new customers acquired in the period.',
		higherIsBetter: true
	},
	{
		key: 'active_customers',
		label: 'Active customers',
		unit: 'count',
		formula: 'customers of the cohort with at least one sale not reversed in period k',
		basis: PERIOD_K,
		description: 'Cohort customers who bought again in the period.',
		higherIsBetter: true
	},
	{
		key: 'retention',
		label: 'Retention',
		unit: 'percent',
		formula: 'customers of the cohort with at least one sale not reversed in period k / cohort customers (k = 0 is 100%)',
		basis: PERIOD_K,
		description: 'Share of the cohort still buying k periods after its first purchase. Several cohorts together: active customers / customers of the cohorts that have reached period k.',
		higherIsBetter: true
	},
	{
		key: 'cumulative_revenue',
		label: 'Cumulative revenue',
		unit: 'money',
		formula: "net revenue (sales not reversed) of the cohort's customers from all their purchases in periods 0 to k",
		basis: `${PERIOD_K}; ${MONEY}`,
		description: 'Everything the cohort has spent so far, through any partner.',
		higherIsBetter: true
	},
	{
		key: 'ltv',
		label: 'LTV (cumulative revenue per customer)',
		unit: 'money',
		formula: "net revenue of the cohort's customers from all their purchases up to period k / cohort customers",
		basis: `${PERIOD_K}; ${MONEY}`,
		description: 'Lifetime value so far: what an average customer of the cohort has spent by period k.',
		higherIsBetter: true
	},
	{
		key: 'ltv_to_date',
		label: 'LTV to date',
		unit: 'money',
		formula: "net revenue of the cohorts' customers from all their purchases up to the data's last day / their customers",
		basis: `each cohort through its latest period; ${MONEY}`,
		description: 'LTV at the latest period each cohort has reached (for one cohort: LTV at its last k).',
		higherIsBetter: true
	},
	{
		key: 'retention_1',
		label: 'Retention, period 1',
		unit: 'percent',
		formula: 'retention in period k = 1, over the cohorts that have reached it',
		basis: PERIOD_K,
		description: 'Share of new customers who bought again in the period after their first.',
		higherIsBetter: true
	},
	{
		key: 'acquisition_cost',
		label: 'Acquisition cost',
		unit: 'money',
		formula:
			"every cost of the cohort period, fully loaded: each acquiring partner's commission, network fees (sales not reversed) and other costs in the period + its share (its new customers / the period's new customers) of the program-level costs and of the costs of partners without new customers in the period",
		basis: `cohort period; the cohorts of a period add up to the program's total cost over its days; ${MONEY}`,
		description: "What it cost to win the cohort: everything the program spent in the cohort period, carried by the customers it won (counting only the first orders' commission made payback 0 everywhere, since a first order's margin exceeds its own commission).",
		higherIsBetter: false
	},
	{
		key: 'acquisition_cost_per_customer',
		label: 'Acquisition cost per customer',
		unit: 'money',
		formula: 'acquisition cost / cohort customers',
		basis: 'cohort period',
		description: 'Customer acquisition cost (CAC) of the cohort.',
		higherIsBetter: false
	},
	{
		key: 'cumulative_margin_per_customer',
		label: 'Cumulative gross margin per customer',
		unit: 'money',
		formula: 'LTV at period k x gross margin',
		basis: 'gross margin from PARTNERSCOPE_GROSS_MARGIN or ?margin=',
		description: 'What an average customer has earned the shop by period k, after the cost of goods.',
		higherIsBetter: true
	},
	{
		key: 'payback_period',
		label: 'Payback period',
		unit: 'count',
		formula: 'the first period k where cumulative gross margin per customer >= acquisition cost per customer (none if never so far)',
		basis: `${PERIOD_K}; periods not yet observed do not count`,
		description: 'How many periods after the first purchase the cohort has earned back what it cost to acquire.',
		higherIsBetter: false
	},
	{
		key: 'cohort_partners',
		label: 'Partners joined',
		unit: 'count',
		formula: JOIN,
		basis: "joined_at; partners who joined before the data's first day are left out (their first months are not observed)",
		description: 'The size of the partner cohort.',
		higherIsBetter: true
	},
	...([30, 60, 90] as const).map(
		(days): MetricInfo => ({
			key: `activation_${days}`,
			label: `Activation within ${days} days`,
			unit: 'percent',
			formula: `partners with a first sale not reversed within ${days} days of joined_at / partners of the cohort whose ${days} days have passed by the data's last day (none if none has)`,
			basis: 'UTC day of converted_at against joined_at',
			description: `Share of newly joined partners who sold within ${days} days.`,
			higherIsBetter: true
		})
	),
	{
		key: 'median_days_to_first_sale',
		label: 'Median days to first sale',
		unit: 'count',
		formula: 'median over the cohort partners who have sold of (UTC day of their first sale not reversed - joined_at), in days',
		basis: 'partners without a sale yet are left out',
		description: 'How fast new partners start selling.',
		higherIsBetter: false
	},
	{
		key: 'partner_cumulative_revenue',
		label: 'Cumulative revenue (partner cohort)',
		unit: 'money',
		formula: "revenue (sales not reversed) of the cohort's partners from joined_at through calendar month k after the join month",
		basis: `months since the join month (0 = the join month); ${MONEY}`,
		description: 'What the partners who joined in the month have sold so far.',
		higherIsBetter: true
	},
	{
		key: 'partner_cumulative_revenue_per_partner',
		label: 'Cumulative revenue per partner',
		unit: 'money',
		formula: 'cumulative revenue of the partner cohort through month k / partners in the cohort',
		basis: 'months since the join month',
		description: 'Average revenue a newly joined partner has brought so far.',
		higherIsBetter: true
	}
];
