/**
 * What a statement actually reads, as DuckDB resolved it: the table scans and table functions of its bound,
 * optimized plan (EXPLAIN (FORMAT json)), after CTEs, views and name lookup. The statement gate (admit-select)
 * parses; this decides by what DuckDB will run, so no spelling (a CTE in a subquery shadowing a table, a system
 * view by bare name, a published view reached around lineage) can hide a read. Called by the build (models and
 * data tests) and by preview.
 */
import type { Database } from '../db/database.ts';
import { SqlAnalysisError } from './analyze-sql.ts';

export interface BoundReads {
	/** Tables scanned, as schema.table (views resolved to what they read). */
	readonly tables: readonly string[];
	/** Table functions in the plan, lower case (read_parquet, duckdb_settings, range, ...). */
	readonly functions: readonly string[];
}

/** Table functions a model, test or preview may run: generated rows only, nothing that reads files or state. */
export const ALLOWED_PLAN_FUNCTIONS: ReadonlySet<string> = new Set(['range', 'generate_series', 'unnest']);

type PlanNode = { name?: string; children?: PlanNode[]; extra_info?: Record<string, unknown> };

/** The scans and table functions of a plan (pure). */
export function readsOfPlan(plan: readonly PlanNode[]): BoundReads {
	const tables = new Set<string>();
	const functions = new Set<string>();
	const walk = (node: PlanNode) => {
		const info = node.extra_info ?? {};
		if (typeof info.Table === 'string') tables.add(info.Table.split('.').slice(-2).join('.').toLowerCase());
		if (typeof info.Function === 'string') functions.add(info.Function.toLowerCase());
		for (const child of node.children ?? []) walk(child);
	};
	for (const node of plan) walk(node);
	return { tables: [...tables].sort(), functions: [...functions].sort() };
}

export async function boundReads(db: Database, sql: string): Promise<BoundReads> {
	// A statement DuckDB cannot bind fails here with DuckDB's own message (a QueryError), as running it would.
	const rows = await db.query(`explain (format json) ${sql}`);
	const plans = rows.flatMap((r) => {
		const text = Object.values(r).find((v) => typeof v === 'string' && v.trimStart().startsWith('['));
		return text ? (JSON.parse(text as string) as PlanNode[]) : [];
	});
	return readsOfPlan(plans);
}

/**
 * Refuses a statement whose plan reads a table outside `allowedTables` (schema.table, lower case) or runs a
 * table function outside ALLOWED_PLAN_FUNCTIONS. `describe` turns a physical name back into what the author wrote.
 */
export async function requireBoundReads(db: Database, sql: string, allowedTables: ReadonlySet<string>, describe: (table: string) => string = (t) => t): Promise<BoundReads> {
	const reads = await boundReads(db, sql);
	const fn = reads.functions.find((f) => !ALLOWED_PLAN_FUNCTIONS.has(f));
	if (fn) throw new SqlAnalysisError(`reads through ${fn}(), which is not allowed (allowed: ${[...ALLOWED_PLAN_FUNCTIONS].join(', ')}); exports are read through the src_* sources`, null);
	const table = reads.tables.find((t) => !allowedTables.has(t));
	if (table) throw new SqlAnalysisError(`reads ${describe(table)}, which it does not declare as a parent; a model reads only the models and sources it names`, null);
	return reads;
}
