/**
 * Reads a model's SELECT with DuckDB's own parser (json_serialize_sql): the tables and table functions it
 * references, its canonical text (formatting and comments gone), and a copy with table references
 * redirected to physical tables. The JSON walk is pure; only `serializeSql`/`deserializeSql` touch DuckDB.
 */
import type { Database } from '../db/database.ts';

export interface SqlAst {
	readonly statements: readonly unknown[];
}

export interface SqlReference {
	/** The database (catalog) part of `db.schema.table`, '' when not given. */
	readonly catalog: string;
	readonly schema: string;
	readonly table: string;
	/** 0-based character offset into the SQL, when DuckDB reports one. */
	readonly position: number | null;
}

export class SqlAnalysisError extends Error {
	override name = 'SqlAnalysisError';
	constructor(
		message: string,
		/** 0-based character offset into the SQL, when known. */
		readonly position: number | null
	) {
		super(message);
	}
}

const NO_POSITION_TEXT = '18446744073709551615';
const NO_POSITION = Number(NO_POSITION_TEXT);

export async function serializeSql(db: Database, sql: string): Promise<SqlAst> {
	const [row] = await db.query<{ j: string }>('select json_serialize_sql($sql::varchar) as j', { sql });
	const parsed = JSON.parse(row!.j) as { error: boolean; error_message?: string; position?: string; statements?: unknown[] };
	if (parsed.error) {
		const message =
			parsed.error_message === 'Only SELECT statements can be serialized to json!'
				? 'only a single SELECT statement is allowed'
				: (parsed.error_message ?? 'the SQL could not be parsed');
		throw new SqlAnalysisError(message, parsed.position === undefined ? null : Number(parsed.position));
	}
	const statements = parsed.statements ?? [];
	if (statements.length !== 1) throw new SqlAnalysisError(`only a single SELECT statement is allowed, saw ${statements.length} statements`, null);
	return { statements };
}

export async function deserializeSql(db: Database, ast: SqlAst): Promise<string> {
	// JSON.parse turned DuckDB's "no position" (2^64 - 1) into a double; put the exact uint64 back.
	const json = JSON.stringify({ error: false, statements: ast.statements }).replace(/"query_location":\d{17,}/g, `"query_location":${NO_POSITION_TEXT}`);
	const [row] = await db.query<{ s: string }>('select json_deserialize_sql($json::json) as s', { json });
	return row!.s;
}

type Node = Record<string, unknown>;

function visit(node: unknown, fn: (n: Node) => void): void {
	if (Array.isArray(node)) {
		for (const child of node) visit(child, fn);
	} else if (node && typeof node === 'object') {
		fn(node as Node);
		for (const value of Object.values(node)) visit(value, fn);
	}
}

function position(n: Node): number | null {
	const loc = n.query_location;
	return typeof loc === 'number' && loc !== NO_POSITION ? loc : null;
}

/** Every CTE name declared anywhere in the statement: references to them are not tables. */
function cteNames(ast: SqlAst): Set<string> {
	const names = new Set<string>();
	visit(ast.statements, (n) => {
		const map = (n.cte_map as { map?: { key: string }[] } | undefined)?.map;
		if (Array.isArray(map)) for (const entry of map) names.add(entry.key.toLowerCase());
	});
	return names;
}

/** Base tables the statement reads (CTE references excluded), in order of appearance. */
export function tableReferences(ast: SqlAst): SqlReference[] {
	const ctes = cteNames(ast);
	const refs: SqlReference[] = [];
	visit(ast.statements, (n) => {
		if (n.type !== 'BASE_TABLE') return;
		const table = String(n.table_name).toLowerCase();
		const schema = String(n.schema_name ?? '').toLowerCase();
		const catalog = String(n.catalog_name ?? '').toLowerCase();
		if (catalog === '' && schema === '' && ctes.has(table)) return;
		refs.push({ catalog, schema, table, position: position(n) });
	});
	return refs;
}

/** Table functions the statement calls, with their positions. */
export function tableFunctionCalls(ast: SqlAst): { name: string; position: number | null }[] {
	const calls: { name: string; position: number | null }[] = [];
	visit(ast.statements, (n) => {
		if (n.type !== 'TABLE_FUNCTION') return;
		const fn = n.function as Node | undefined;
		calls.push({ name: String(fn?.function_name ?? '').toLowerCase(), position: position(n) });
	});
	return calls;
}

/** Scalar and aggregate functions the statement calls, with their positions. */
export function functionCalls(ast: SqlAst): { name: string; position: number | null }[] {
	const calls: { name: string; position: number | null }[] = [];
	visit(ast.statements, (n) => {
		if (n.class !== 'FUNCTION' || typeof n.function_name !== 'string') return;
		calls.push({ name: n.function_name.toLowerCase(), position: position(n) });
	});
	return calls;
}

/** A deep copy of the AST whose unqualified references named in `targets` point at `schema.table`. */
export function redirectTables(ast: SqlAst, targets: ReadonlyMap<string, { schema: string; table: string }>): SqlAst {
	const copy = structuredClone(ast) as SqlAst;
	const ctes = cteNames(copy);
	visit(copy.statements, (n) => {
		if (n.type !== 'BASE_TABLE') return;
		const name = String(n.table_name).toLowerCase();
		if (String(n.schema_name ?? '') !== '' || String(n.catalog_name ?? '') !== '' || ctes.has(name)) return;
		const target = targets.get(name);
		if (!target) return;
		if (!n.alias) n.alias = name; // keep `stg_sales.col` references working after the rename
		n.schema_name = target.schema;
		n.table_name = target.table;
	});
	return copy;
}

/** Strips positions so two spellings of the same statement serialize identically. */
export function canonicalAst(ast: SqlAst): SqlAst {
	const copy = structuredClone(ast) as SqlAst;
	visit(copy.statements, (n) => {
		if ('query_location' in n) n.query_location = NO_POSITION;
	});
	return copy;
}

/** 1-based line and column of a 0-based offset, for messages. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, offset);
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
