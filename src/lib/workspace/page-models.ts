/**
 * Which published models each dashboard page reads (through its report queries in src/lib/server/reports),
 * for the lineage graph and for "which pages will change" in a plan. Kept by hand beside the reports; a
 * test checks every name against the model files and the report modules.
 */

export interface PageModels {
	readonly href: string;
	readonly label: string;
	readonly models: readonly string[];
}

/** Every report built on the metric query reads these (reports/shared/metric-query.ts, data-through.ts). */
const METRIC_QUERY = ['fct_daily', 'fct_daily_rollup', 'fct_conversion_lag_daily', 'fct_conversion_lag_daily_rollup', 'fct_program_daily'];

export const PAGE_MODELS: readonly PageModels[] = [
	{ href: '/', label: 'Weekly review', models: [...METRIC_QUERY, 'fct_partner_daily', 'stg_sales', 'stg_partners'] },
	{ href: '/roi', label: 'ROI report', models: [...METRIC_QUERY, 'stg_partners'] },
	{ href: '/partners', label: 'Partners', models: [...METRIC_QUERY, 'stg_sales', 'stg_partners', 'stg_costs_daily', 'dim_customers'] },
	{ href: '/channels', label: 'Channels', models: [...METRIC_QUERY, 'stg_sales', 'stg_partners'] },
	{ href: '/cohorts', label: 'Cohorts', models: ['fct_customer_cohorts', 'fct_cohort_acquisition_costs', 'fct_partner_cohort_members', 'fct_partner_cohort_revenue', 'stg_partners', 'fct_program_daily'] },
	{ href: '/quality', label: 'Quality & fraud', models: ['fct_quality_daily', 'stg_partners', 'stg_sales', 'fct_program_daily'] },
	{ href: '/forecast', label: 'Forecast', models: ['fct_program_daily', 'stg_partners', 'stg_sales'] }
];
