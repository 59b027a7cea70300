/**
 * Which dashboard metrics and pages a plan will change (pure): a metric changes when a column it reads
 * changed in the data diff of its model (for columns the diff cannot total, such as flags, when the model's
 * rows or definition changed), then every metric computed from a changed one; a page changes when a model it
 * reads changes data. Used by the workspace's plan (server) and shown by the editor.
 */
import type { MetricInputs } from './metric-inputs.ts';
import type { PageModels } from './page-models.ts';

/** The part of a model's data diff this needs (structurally the engine's ModelDataDiff). */
export interface DiffSummary {
	readonly name: string;
	readonly change: string;
	readonly rowsBefore: number;
	readonly rowsAfter: number;
	readonly keysAdded: number | null;
	readonly keysRemoved: number | null;
	readonly columns: readonly { readonly column: string; readonly before: number | null; readonly after: number | null; readonly changedKeys: number | null }[];
	readonly columnsAdded: readonly string[];
	readonly columnsRemoved: readonly string[];
}

export interface ChangeImpact {
	readonly metrics: readonly { readonly key: string; readonly label: string; readonly because: string }[];
	readonly pages: readonly { readonly href: string; readonly label: string; readonly because: readonly string[] }[];
}

export function columnMoved(c: DiffSummary['columns'][number]): boolean {
	if (c.changedKeys !== null) return c.changedKeys > 0;
	if (c.before === null || c.after === null) return c.before !== c.after;
	return Math.abs(c.after - c.before) > 1e-9 * Math.max(1, Math.abs(c.before), Math.abs(c.after));
}

export function changeImpact(diffs: readonly DiffSummary[], metrics: readonly MetricInputs[], pages: readonly PageModels[]): ChangeImpact {
	const byModel = new Map(diffs.map((d) => [d.name, d]));
	const rowsMoved = (d: DiffSummary) => d.rowsBefore !== d.rowsAfter || (d.keysAdded ?? 0) > 0 || (d.keysRemoved ?? 0) > 0;
	const changedData = new Set(diffs.filter((d) => rowsMoved(d) || d.columns.some(columnMoved) || d.columnsAdded.length + d.columnsRemoved.length > 0 || d.change === 'changed').map((d) => d.name));

	const changed = new Map<string, string>();
	for (const m of metrics) {
		for (const input of m.models) {
			const d = byModel.get(input.model);
			if (!d) continue;
			const measured = new Map(d.columns.map((c) => [c.column, c]));
			const moved = input.columns.filter((c) => (measured.has(c) ? columnMoved(measured.get(c)!) : d.columnsAdded.includes(c) || d.columnsRemoved.includes(c)));
			const unmeasured = input.columns.filter((c) => !measured.has(c));
			if (moved.length > 0) changed.set(m.key, `${input.model}.${moved.join(', ')} changed`);
			else if (unmeasured.length > 0 && (rowsMoved(d) || d.change === 'changed')) changed.set(m.key, `${input.model} changed (reads ${unmeasured.join(', ')})`);
			if (changed.has(m.key)) break;
		}
	}
	// Derived metrics follow their inputs; repeat until nothing new (they may build on each other).
	for (let grew = true; grew; ) {
		grew = false;
		for (const m of metrics) {
			if (changed.has(m.key)) continue;
			const from = m.metrics.filter((k) => changed.has(k));
			if (from.length > 0) {
				changed.set(m.key, `computed from ${from.join(', ')}`);
				grew = true;
			}
		}
	}
	return {
		metrics: metrics.filter((m) => changed.has(m.key)).map((m) => ({ key: m.key, label: m.label, because: changed.get(m.key)! })),
		pages: pages.flatMap((p) => {
			const because = p.models.filter((m) => changedData.has(m));
			return because.length > 0 ? [{ href: p.href, label: p.label, because }] : [];
		})
	};
}
