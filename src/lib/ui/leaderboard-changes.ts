/**
 * Comparison columns for a leaderboard (pure): each row gains `<metric>_previous` and `<metric>_change` (points
 * for rates and shares, relative otherwise) from the comparison period's row with the same key, and the
 * matching table columns. Used by the partner and channel leaderboards.
 */
import { change } from '$lib/format';
import type { Column } from './DataTable.svelte';
import { metricInfo, metricTooltip, type ReportMeta } from './metric-types';

type Row = Record<string, unknown>;

export function withChanges<R extends Row>(rows: readonly R[], previous: readonly Row[], key: string, metrics: readonly string[], meta: ReportMeta): (R & Row)[] {
	const before = new Map(previous.map((r) => [String(r[key]), r]));
	return rows.map((r) => {
		const p = before.get(String(r[key]));
		const out: Row = { ...r };
		for (const k of metrics) {
			const unit = metricInfo(meta, k)?.unit ?? 'count';
			const prev = (p?.[k] as number | null | undefined) ?? null;
			out[`${k}_previous`] = prev;
			out[`${k}_change`] = change(r[k] as number | null, prev, unit);
		}
		return out as R & Row;
	});
}

/** For each metric: its value in the comparison period and its change, as sortable columns. */
export function changeColumns(meta: ReportMeta, metrics: readonly string[]): Column[] {
	return metrics.flatMap((k) => {
		const m = metricInfo(meta, k);
		if (!m) return [];
		return [
			{ key: `${k}_previous`, label: `${m.label} before`, unit: m.unit, title: `${m.label} in the comparison period. ${metricTooltip(meta, k)}` },
			{
				key: `${k}_change`,
				label: `Δ ${m.label}`,
				unit: m.unit,
				kind: 'change' as const,
				higherIsBetter: m.higherIsBetter,
				title: `Change of ${m.label} from the comparison period${m.unit === 'percent' ? ', in percentage points' : ', relative'}.`
			}
		];
	});
}
