/** Helpers of the partner and channel pages' sections: the tiles they show, labels and the (i) texts. */
import type { ReportMeta } from '$lib/ui/metric-types';

/** The answers' types live in the contract (src/lib/api/detail.ts), shared with the API. */
export type { DetailRow as Row, DetailSectionsAnswer as DetailSections } from '$lib/api/detail';

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
