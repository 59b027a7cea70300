/**
 * Partner cohorts by join month over the published models: activation within 30/60/90 days and the median
 * days to the first sale per join month, and cumulative revenue by months since joining. Called by the
 * cohort routes.
 */
import type { PartnerCohortMemberRow } from '../../../api/cohorts.ts';
import { partnerCohortActivation, type CohortPartner, type PartnerCohortActivation } from '../../../metrics/cohort-partner-activation.ts';
import { partnerCohortRevenue, type PartnerCohortRevenuePoint, type PartnerMonthRevenue } from '../../../metrics/cohort-partner-revenue.ts';
import type { Database } from '../../db/database.ts';
import type { Filters } from '../params/filters.ts';
import { cohortRange } from './params.ts';
import { partnerCohortMembersQuery, partnerCohortRevenueQuery } from './partner-query.ts';
import type { ColumnSpec } from './column-spec.ts';

export interface PartnerCohortOptions {
	readonly filters: Filters;
	readonly through: string;
}

async function members(db: Database, o: PartnerCohortOptions) {
	const { first, last } = cohortRange(o.filters, 'month', 0);
	const q = partnerCohortMembersQuery(o.filters, first, last, o.through);
	return { first, last, partners: await db.query<CohortPartner & Record<string, never>>(q.sql, q.params) };
}

export const ACTIVATION_COLUMNS: readonly ColumnSpec[] = [
	{ key: 'join_month', type: 'date' },
	{ key: 'partners', type: 'int' },
	{ key: 'partners_with_sale', type: 'int' },
	...[30, 60, 90].flatMap((d): ColumnSpec[] => [
		{ key: `eligible_${d}`, type: 'int' },
		{ key: `activated_${d}`, type: 'int' },
		{ key: `activation_${d}`, type: 'float' }
	]),
	{ key: 'median_days_to_first_sale', type: 'float' }
];

export async function partnerCohorts(db: Database, o: PartnerCohortOptions): Promise<PartnerCohortActivation[]> {
	const { partners } = await members(db, o);
	return partnerCohortActivation(partners, o.through);
}

export const PARTNER_REVENUE_COLUMNS: readonly ColumnSpec[] = [
	{ key: 'join_month', type: 'date' },
	{ key: 'months_since_join', type: 'int' },
	{ key: 'complete', type: 'bool' },
	{ key: 'partners', type: 'int' },
	{ key: 'conversions', type: 'int' },
	{ key: 'revenue', type: 'float' },
	{ key: 'cumulative_revenue', type: 'float' },
	{ key: 'cumulative_revenue_per_partner', type: 'float' }
];

export async function partnerCohortRevenueCurves(db: Database, o: PartnerCohortOptions): Promise<PartnerCohortRevenuePoint[]> {
	const { first, last, partners } = await members(db, o);
	const q = partnerCohortRevenueQuery(o.filters, first, last, o.through);
	const revenue = await db.query<PartnerMonthRevenue & Record<string, never>>(q.sql, q.params);
	return partnerCohortRevenue(partners, revenue, o.through);
}

export const MEMBER_COLUMNS: readonly ColumnSpec[] = [
	{ key: 'partner_id', type: 'string' },
	{ key: 'partner_name', type: 'string' },
	{ key: 'channel', type: 'string' },
	{ key: 'tier', type: 'string' },
	{ key: 'joined_at', type: 'date' },
	{ key: 'join_month', type: 'date' },
	{ key: 'first_sale_date', type: 'date' },
	{ key: 'days_to_first_sale', type: 'int' }
];

/** The partners of the selected join months, with their first sale. */
export async function partnerCohortMembers(db: Database, o: PartnerCohortOptions): Promise<PartnerCohortMemberRow[]> {
	// The query selects the contract's columns (MEMBER_COLUMNS); CohortPartner is the part the maths reads.
	return (await members(db, o)).partners as unknown as PartnerCohortMemberRow[];
}
