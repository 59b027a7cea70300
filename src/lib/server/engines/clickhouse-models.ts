/**
 * The ClickHouse text of each model and data test: the hand-written `<name>.clickhouse.sql` beside the file
 * when there is one, else the DuckDB SQL transpiled. Also the DuckDB type -> ClickHouse type map of the
 * export contract and the SELECT that materializes a source from its parquet files with file().
 * Pure apart from reading the optional files. Called by the ClickHouse runner and `plan --engine clickhouse`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXPORT_SCHEMA } from '../exports/export-schema.ts';
import { CLICKHOUSE_SUFFIX } from '../models/load-project.ts';
import type { SourceSnapshot } from '../models/sources.ts';
import { transpileToClickHouse } from './clickhouse-sql.ts';

export interface ClickHouseText {
	readonly sql: string;
	/** `hand-written` from <name>.clickhouse.sql, `transpiled` from the DuckDB file. */
	readonly origin: 'hand-written' | 'transpiled';
	/** The file the hand-written text came from, relative to the SQL folder. */
	readonly file: string | null;
}

/** `models/staging/stg_sales.sql` -> its ClickHouse text; `relative` is relative to the SQL folder. */
export async function clickHouseText(sqlDir: string, relative: string, duckdbSql: string): Promise<ClickHouseText> {
	const variant = relative.replace(/\.sql$/i, CLICKHOUSE_SUFFIX);
	const full = path.join(sqlDir, variant);
	if (existsSync(full)) {
		const text = (await readFile(full, 'utf8')).trim().replace(/;\s*$/, '');
		return { sql: text, origin: 'hand-written', file: variant };
	}
	return { sql: transpileToClickHouse(duckdbSql), origin: 'transpiled', file: null };
}

/** The contract's DuckDB types as ClickHouse types; every column is Nullable, as in DuckDB. */
export function clickHouseType(duckdbType: string): string {
	const t = duckdbType.toUpperCase().replace(/\s+/g, '');
	const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(t);
	if (decimal) return `Nullable(Decimal(${decimal[1]}, ${decimal[2]}))`;
	const map: Record<string, string> = {
		VARCHAR: 'String',
		TIMESTAMPTZ: "DateTime64(6, 'UTC')",
		TIMESTAMP: 'DateTime64(6)',
		DATE: 'Date',
		BOOLEAN: 'Bool',
		DOUBLE: 'Float64',
		BIGINT: 'Int64',
		INTEGER: 'Int32'
	};
	const mapped = map[t];
	if (!mapped) throw new Error(`export contract type ${duckdbType} has no ClickHouse type`);
	return `Nullable(${mapped})`;
}

const quoteString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const quoteName = (s: string) => `\`${s.replace(/`/g, '``')}\``;

/** The SELECT that materializes a source on ClickHouse: the contract's columns, cast, from each file with file(). */
export function clickHouseSourceSelect(snapshot: SourceSnapshot): string {
	const columns = EXPORT_SCHEMA[snapshot.table].map((c) => `CAST(${quoteName(c.name)}, ${quoteString(clickHouseType(c.type))}) AS ${quoteName(c.name)}`).join(', ');
	return snapshot.files.map((f) => `SELECT ${columns} FROM file(${quoteString(f.path)}, 'Parquet')`).join('\nUNION ALL\n');
}
