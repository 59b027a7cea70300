/**
 * The cohorts' contract between the API and the pages: the row and answer types of the five cohort resources
 * (checked in the Hono handlers with `satisfies`), their URLs and the functions the Cohorts page fetches them with.
 */
import type { ReportMeta } from '../server/api/report-context.ts';
import type { DateRange } from '../server/reports/params/date-range.ts';
import { getJson } from '../ui/api-client.ts';
import type { PartnerCohortActivation } from '../metrics/cohort-partner-activation.ts';

export const COHORT_PATHS = {
	customers: '/api/v1/cohorts/customers',
	customerSummary: '/api/v1/cohorts/customers/summary',
	partners: '/api/v1/cohorts/partners',
	partnerRevenue: '/api/v1/cohorts/partners/revenue',
	partnerMembers: '/api/v1/cohorts/partners/members'
} as const;
export type CohortResource = keyof typeof COHORT_PATHS;

/** One group (the triangle: one cohort) at period k: retention, LTV, acquisition cost and payback so far. */
export type CustomerCohortCurveRow = {
	readonly group: string;
	readonly group_label: string;
	readonly cohort_start: string | null;
	readonly cohort_end: string | null;
	readonly period_offset: number;
	readonly period_start: string | null;
	readonly period_end: string | null;
	readonly complete: boolean;
	readonly cohorts: number;
	readonly customers: number;
	readonly active_customers: number;
	readonly retention: number | null;
	readonly revenue: number;
	readonly cumulative_revenue: number;
	readonly ltv: number | null;
	readonly acquisition_cost_per_customer: number | null;
	readonly cumulative_margin_per_customer: number | null;
	readonly paid_back: boolean | null;
};

/** One group of cohorts: size, fully loaded acquisition cost, retention in period 1, LTV and payback to date. */
export type CustomerCohortSummaryRow = {
	readonly group: string;
	readonly group_label: string;
	readonly first_cohort: string;
	readonly last_cohort: string;
	readonly last_cohort_end: string;
	readonly cohorts: number;
	readonly customers: number;
	readonly commission: number;
	readonly network_fees: number;
	readonly other_costs: number;
	readonly acquisition_cost: number;
	readonly acquisition_cost_per_customer: number | null;
	readonly retention_1: number | null;
	readonly ltv_to_date: number | null;
	readonly cumulative_margin_per_customer_to_date: number | null;
	readonly last_offset: number | null;
	readonly payback_period: number | null;
};

/** One join month of partners: activation within 30, 60 and 90 days and the median days to a first sale. */
export type PartnerCohortRow = PartnerCohortActivation;

export type PartnerCohortRevenueRow = {
	readonly join_month: string;
	readonly months_since_join: number;
	readonly complete: boolean;
	readonly partners: number;
	readonly conversions: number;
	readonly revenue: number;
	readonly cumulative_revenue: number;
	readonly cumulative_revenue_per_partner: number | null;
};

export type PartnerCohortMemberRow = {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
	readonly tier: string | null;
	readonly joined_at: string;
	readonly join_month: string;
	readonly first_sale_date: string | null;
	readonly days_to_first_sale: number | null;
};

/** The meta block of every cohort answer: the report meta (cohort metrics included) and the cohorts' range. */
export type CohortMeta = ReportMeta & { readonly range: DateRange; readonly grain?: 'month' | 'week'; readonly by?: string };

export interface CohortAnswer<Row> {
	readonly rows: readonly Row[];
	readonly meta: CohortMeta;
}

export interface CohortRows {
	customers: CustomerCohortCurveRow;
	customerSummary: CustomerCohortSummaryRow;
	partners: PartnerCohortRow;
	partnerRevenue: PartnerCohortRevenueRow;
	partnerMembers: PartnerCohortMemberRow;
}

/** A cohort resource's URL for the given query (the page's filters plus grain, by and margin). */
export function cohortUrl(resource: CohortResource, params: URLSearchParams): string {
	const query = params.toString();
	return query ? `${COHORT_PATHS[resource]}?${query}` : COHORT_PATHS[resource];
}

/** GET one cohort resource; `signal` aborts it when a newer load starts. */
export function fetchCohorts<R extends CohortResource>(resource: R, params: URLSearchParams, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<CohortAnswer<CohortRows[R]>> {
	return getJson<CohortAnswer<CohortRows[R]>>(COHORT_PATHS[resource], params, fetcher, signal);
}
