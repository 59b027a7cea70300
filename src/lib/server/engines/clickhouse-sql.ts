/**
 * DuckDB SQL -> ClickHouse SQL with @polyglot-sql/sdk (WASM), and the redirect of bare table names to the
 * versioned tables of a build. Both are pure text work; the transpiler's version goes into every model's
 * fingerprint so a new transpiler gives new versions. Called by the ClickHouse runner and `plan --engine`.
 */
import { Dialect, getVersion, parse, transform, transpile } from '@polyglot-sql/sdk';

export class TranspileError extends Error {
	override name = 'TranspileError';
}

export function transpilerVersion(): string {
	return `@polyglot-sql/sdk ${getVersion()}`;
}

/**
 * The transpiler's notes that the output needs ClickHouse settings our connections always set
 * (CLICKHOUSE_SETTINGS); version 0.12 has no option to declare them, so these two notes are accepted.
 */
const SETTINGS_WE_SET = [
	'ClickHouse outer joins require the target setting join_use_nulls = 1 to preserve unmatched-row NULL semantics',
	'ClickHouse non-count aggregates require the target setting aggregate_functions_null_for_empty = 1 to preserve empty-input NULL semantics'
];

function onlyNeedsOurSettings(error: string | null | undefined): boolean {
	const m = /^Unsupported: (.*) is not supported in clickhouse$/s.exec(error ?? '');
	return m !== null && m[1]!.split('; ').every((note) => SETTINGS_WE_SET.includes(note));
}

/** One DuckDB SELECT -> one ClickHouse SELECT; a construct the transpiler cannot express is an error. */
export function transpileToClickHouse(duckdbSql: string): string {
	let result = transpile(duckdbSql, Dialect.DuckDB, Dialect.ClickHouse, { unsupportedLevel: 'raise' });
	if (!result.success && onlyNeedsOurSettings(result.error)) result = transpile(duckdbSql, Dialect.DuckDB, Dialect.ClickHouse);
	if (!result.success || !result.sql || result.sql.length !== 1)
		throw new TranspileError(`the DuckDB SQL cannot be transpiled to ClickHouse (${result.error ?? `${result.sql?.length ?? 0} statements`}); write <model>.clickhouse.sql beside the model`);
	return result.sql[0]!;
}

interface TableNode {
	readonly table: {
		readonly name: { readonly name: string; readonly span?: { readonly start: number; readonly end: number } };
		readonly schema: unknown;
		readonly catalog: unknown;
		readonly alias: unknown;
	};
}

/** The bare table names a ClickHouse SELECT reads (CTE references included), with their spans. */
export function clickHouseTableNames(sql: string): { name: string; start: number; end: number; aliased: boolean }[] {
	const parsed = parse(sql, Dialect.ClickHouse);
	if (!parsed.success || !parsed.ast) throw new TranspileError(`ClickHouse SQL does not parse: ${parsed.error}`);
	const found: { name: string; start: number; end: number; aliased: boolean }[] = [];
	for (const statement of parsed.ast as never[]) {
		transform(statement, {
			table: (node: unknown) => {
				const t = (node as TableNode).table;
				if (t?.name?.span && t.schema == null && t.catalog == null)
					found.push({ name: t.name.name.toLowerCase(), start: t.name.span.start, end: t.name.span.end, aliased: t.alias != null });
				return undefined;
			}
		} as never);
	}
	return found;
}

/**
 * Points every bare reference named in `targets` at `database.table`, keeping the old name as alias so
 * `stg_sales.col` still resolves. Names not in `targets` (CTEs) stay as they are.
 */
export function redirectClickHouseTables(sql: string, database: string, targets: ReadonlyMap<string, string>): string {
	const refs = clickHouseTableNames(sql)
		.filter((r) => targets.has(r.name))
		.sort((a, b) => b.start - a.start);
	let out = sql;
	for (const ref of refs) {
		const physical = `\`${database}\`.\`${targets.get(ref.name)!}\``;
		out = out.slice(0, ref.start) + (ref.aliased ? physical : `${physical} AS ${ref.name}`) + out.slice(ref.end);
	}
	return out;
}
