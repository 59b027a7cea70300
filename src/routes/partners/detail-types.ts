/** Shapes of GET /api/v1/partners/:id and /api/v1/channels/:channel as the pages receive them (mirrors server/reports/partner/sections.ts). */
import type { ReportMeta } from '$lib/ui/metric-types';

export type Row = Record<string, number | string | null>;

export interface DetailSections {
	range: { from: string; to: string };
	comparisonRange: { from: string; to: string } | null;
	current: Row | null;
	comparison: Row | null;
	trend: { grain: 'date' | 'week'; rows: Row[] };
	funnel: { metric: string; value: number; rateFromPrevious: number | null; rateFromFirst: number | null }[];
	conversionLag: { buckets: { key: string; label: string; min_seconds: number; max_seconds: number | null; conversions: number }[]; withoutClick: number };
	reversals: { reason: string; conversions: number; revenue: number }[];
	customers: { customer_status: string; conversions: number; revenue: number }[];
	costs: { component: string; kind: 'sales' | 'other'; amount: number }[];
	cohorts: { cohort_month: string; customers: number; repeat_customers: number; repeat_rate: number; orders: number; revenue: number; revenue_per_customer: number }[];
	meta: ReportMeta;
}

export const DETAIL_TILES = ['revenue', 'cost', 'roas', 'clicks', 'conversions', 'conversion_rate', 'aov', 'reversal_rate'] as const;

/** "placement_fee" -> "Placement fee". */
export function humanize(key: string): string {
	const text = key.replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The ⓘ text of a section that is not a single dictionary metric: what it shows, then the models and the data's freshness. */
export function sectionInfo(meta: ReportMeta, text: string): string {
	const versions = Object.entries(meta.modelVersions)
		.map(([name, v]) => `${name}@${v.slice(0, 8)}`)
		.join(', ');
	return `${text} Models: ${versions} (publish #${meta.publishId}). Data through ${meta.dataThrough}.`;
}
