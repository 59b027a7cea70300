/**
 * The statement gate: the one check all untrusted SQL passes before DuckDB runs it (model files, data tests,
 * the analyst's preview). It admits exactly one SELECT (DuckDB's json_serialize_sql serializes nothing else,
 * so COPY, ATTACH, INSTALL, LOAD, SET and PRAGMA never get through), whose table functions are on an
 * allowlist (no read_csv, query, glob, ...), that calls no function touching database state, and that reads
 * tables by bare name only (and, when `known` is given, only those names). A refusal is a SqlAnalysisError
 * carrying the offset of the offending text. Called by run-build and preview-select.
 */
import type { Database } from '../db/database.ts';
import { SqlAnalysisError, functionCalls, serializeSql, tableFunctionCalls, tableReferences, type SqlAst, type SqlReference } from './analyze-sql.ts';

/** Table functions untrusted SQL may call; everything else (read_parquet, read_csv, query, glob, ...) is refused. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['range', 'generate_series', 'unnest']);

/** Scalar functions that read or change the database's state rather than compute over rows. */
export const REFUSED_FUNCTIONS: ReadonlySet<string> = new Set(['nextval', 'currval', 'setseed', 'current_setting', 'getenv', 'getvariable']);

export interface AdmittedSelect {
	readonly ast: SqlAst;
	/** Tables the statement reads (CTEs excluded), all by bare name. */
	readonly references: readonly SqlReference[];
}

export interface AdmitOptions {
	/** The only table names the statement may read; omit to leave that check to the caller (the planner). */
	readonly known?: ReadonlySet<string>;
}

export async function admitSelect(db: Database, sql: string, options: AdmitOptions = {}): Promise<AdmittedSelect> {
	const ast = await serializeSql(db, sql);
	const tableFunction = tableFunctionCalls(ast).find((c) => !ALLOWED_TABLE_FUNCTIONS.has(c.name));
	if (tableFunction)
		throw new SqlAnalysisError(
			`table function ${tableFunction.name}() is not allowed (allowed: ${[...ALLOWED_TABLE_FUNCTIONS].join(', ')}); exports are read through the src_* sources`,
			tableFunction.position
		);
	const refused = functionCalls(ast).find((c) => REFUSED_FUNCTIONS.has(c.name));
	if (refused) throw new SqlAnalysisError(`function ${refused.name}() is not allowed: it reads or changes the database's state`, refused.position);
	const references = tableReferences(ast);
	const qualified = references.find((r) => r.schema !== '' || r.catalog !== '');
	if (qualified) {
		const name = [qualified.catalog, qualified.schema, qualified.table].filter(Boolean).join('.');
		throw new SqlAnalysisError(`${name}: tables are read by bare name only (models and sources), never through a schema or another database`, qualified.position);
	}
	if (options.known) {
		const unknown = references.find((r) => !options.known!.has(r.table));
		if (unknown) throw new SqlAnalysisError(`reads unknown table ${unknown.table}; known: ${[...options.known].sort().join(', ')}`, unknown.position);
	}
	return { ast, references };
}
