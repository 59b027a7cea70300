/**
 * The data diff of one model between its published version and a candidate: row counts, the total of every
 * numeric non-grain column (the money and count measures) before and after, and, when the model declares a
 * grain, how many grain keys appeared, disappeared or changed and the keys whose values moved most.
 * Reads two physical tables; nothing is written. Called by run-build for `plan` and `build`.
 */
import type { Database } from '../db/database.ts';
import type { Change, NodeKind } from './plan-build.ts';
import { physicalRef } from './catalog.ts';
import { quoteIdent } from './sql-text.ts';

export const TOP_KEYS = 5;

export interface KeyChange {
	/** The grain key's values, as text, in grain order. */
	readonly key: readonly (string | null)[];
	readonly before: number | null;
	readonly after: number | null;
}

export interface ColumnDiff {
	readonly column: string;
	/** Column totals (as doubles); null when the column is missing on that side or has no values. */
	readonly before: number | null;
	readonly after: number | null;
	/** Grain keys whose value differs (a key that appears or disappears counts when its value is not 0); null without a grain. */
	readonly changedKeys: number | null;
	/** The keys that moved most by |after - before|, at most TOP_KEYS; empty without a grain. */
	readonly top: readonly KeyChange[];
}

export interface ModelDataDiff {
	readonly name: string;
	readonly kind: NodeKind;
	readonly change: Change;
	readonly fromVersion: string;
	readonly toVersion: string;
	readonly grain: readonly string[];
	readonly rowsBefore: number;
	readonly rowsAfter: number;
	/** Grain keys only in the candidate / only in the published version / in both with a changed measure; null without a grain. */
	readonly keysAdded: number | null;
	readonly keysRemoved: number | null;
	readonly keysChanged: number | null;
	readonly columns: readonly ColumnDiff[];
	readonly columnsAdded: readonly string[];
	readonly columnsRemoved: readonly string[];
}

export interface DataDiffTarget {
	readonly name: string;
	readonly kind: NodeKind;
	readonly change: Change;
	readonly fromVersion: string;
	readonly toVersion: string;
	readonly grain: readonly string[];
	/**
	 * Where the two versions can differ at all (an incremental build replaced only these rows; SQL predicate
	 * text built by the caller from quoted identifiers and literals): the key join reads only these rows.
	 * Totals still cover every row.
	 */
	readonly onlyWhere?: string;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/i;

/** Doubles summed in a different order differ in their last bits; smaller differences are not changes. */
const changed = (before: string, after: string) =>
	`abs(coalesce(${after}, 0) - coalesce(${before}, 0)) > 1e-9 * greatest(1, abs(coalesce(${before}, 0)), abs(coalesce(${after}, 0)))`;

function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = a[i] ?? '';
		const y = b[i] ?? '';
		if (x !== y) return x < y ? -1 : 1;
	}
	return 0;
}

export async function readDataDiff(db: Database, target: DataDiffTarget, timeoutMs: number): Promise<ModelDataDiff> {
	const before = physicalRef(target.name, target.fromVersion);
	const after = physicalRef(target.name, target.toVersion);
	const describe = async (relation: string) =>
		new Map((await db.query<{ column_name: string; column_type: string }>(`describe select * from ${relation}`, undefined, { timeoutMs })).map((c) => [c.column_name, c.column_type]));
	const [beforeColumns, afterColumns] = await Promise.all([describe(before), describe(after)]);
	const grain = target.grain.filter((g) => beforeColumns.has(g) && afterColumns.has(g));
	const numeric = (columns: Map<string, string>) => [...columns].filter(([name, type]) => NUMERIC.test(type) && !target.grain.includes(name)).map(([name]) => name);
	const measures = [...new Set([...numeric(afterColumns), ...numeric(beforeColumns)])];

	const totals = async (relation: string, columns: Map<string, string>) => {
		const present = measures.filter((m) => columns.has(m));
		const select = ['count(*)::bigint as "rows"', ...present.map((m, i) => `sum(${quoteIdent(m)})::double as "m${i}"`)].join(', ');
		const [row] = await db.query(`select ${select} from ${relation}`, undefined, { timeoutMs });
		return { rows: Number(row!.rows), total: new Map(present.map((m, i) => [m, row![`m${i}`] as number | null])) };
	};
	const [b, a] = await Promise.all([totals(before, beforeColumns), totals(after, afterColumns)]);

	const shared = measures.filter((m) => beforeColumns.has(m) && afterColumns.has(m));
	let keys: { added: number; removed: number; changed: number } | null = null;
	const perColumn = new Map<string, { changedKeys: number; top: KeyChange[] }>();
	if (grain.length === target.grain.length && grain.length > 0) {
		const q = quoteIdent;
		// Join on the grain, keep only the keys that appeared, disappeared or moved (usually few), then
		// aggregate over those: building the key lists for every row would cost far more than the join.
		const measuresOf = (side: 'b' | 'a') => shared.map((m, i) => `${side}.${q(m)}::double as ${side}${i}`);
		const moved = shared.length > 0 ? shared.map((_, i) => changed(`b${i}`, `a${i}`)).join(' or ') : 'false';
		const keyList = `[${grain.map((_, i) => `k${i}::varchar`).join(', ')}]`;
		const select = [
			`count(*) filter (where ps__added)::bigint as "added"`,
			`count(*) filter (where ps__removed)::bigint as "removed"`,
			`count(*) filter (where not ps__added and not ps__removed)::bigint as "changed"`,
			...shared.flatMap((_, i) => [
				`count(*) filter (where ${changed(`b${i}`, `a${i}`)})::bigint as "c${i}"`,
				// Ties on the change are broken by the key, so the same data always gives the same list.
				`max_by({'key': ${keyList}, 'before': b${i}, 'after': a${i}}, {'change': abs(coalesce(a${i}, 0) - coalesce(b${i}, 0)), 'key': ${keyList}}, ${TOP_KEYS}) filter (where ${changed(`b${i}`, `a${i}`)}) as "t${i}"`
			])
		].join(',\n');
		const on = grain.map((g) => `b.${q(g)} is not distinct from a.${q(g)}`).join(' and ');
		const [row] = await db.query(
			`with joined as (
				select ${grain.map((g, i) => `coalesce(a.${q(g)}, b.${q(g)}) as k${i}`).join(', ')},
					b.ps__side is null as ps__added, a.ps__side is null as ps__removed
					${shared.length ? `, ${[...measuresOf('b'), ...measuresOf('a')].join(', ')}` : ''}
				from (select *, 1 as ps__side from ${before} where ${target.onlyWhere ?? 'true'}) as b
				full outer join (select *, 1 as ps__side from ${after} where ${target.onlyWhere ?? 'true'}) as a on ${on}
			)
			select ${select}
			from joined
			where ps__added or ps__removed or ${moved}`,
			undefined,
			{ timeoutMs }
		);
		keys = { added: Number(row!.added), removed: Number(row!.removed), changed: Number(row!.changed) };
		shared.forEach((m, i) => {
			const top = ((row![`t${i}`] as KeyChange[] | null) ?? []).map((t) => ({ key: t.key, before: t.before, after: t.after }));
			const size = (t: KeyChange) => Math.abs((t.after ?? 0) - (t.before ?? 0));
			top.sort((x, y) => size(y) - size(x) || compareKeys(y.key, x.key));
			perColumn.set(m, { changedKeys: Number(row![`c${i}`]), top });
		});
	}

	return {
		name: target.name,
		kind: target.kind,
		change: target.change,
		fromVersion: target.fromVersion,
		toVersion: target.toVersion,
		grain: target.grain,
		rowsBefore: b.rows,
		rowsAfter: a.rows,
		keysAdded: keys?.added ?? null,
		keysRemoved: keys?.removed ?? null,
		keysChanged: keys?.changed ?? null,
		columns: measures.map((m) => ({
			column: m,
			before: b.total.get(m) ?? null,
			after: a.total.get(m) ?? null,
			changedKeys: perColumn.get(m)?.changedKeys ?? null,
			top: perColumn.get(m)?.top ?? []
		})),
		columnsAdded: [...afterColumns.keys()].filter((c) => !beforeColumns.has(c)),
		columnsRemoved: [...beforeColumns.keys()].filter((c) => !afterColumns.has(c))
	};
}
