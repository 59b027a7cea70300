/**
 * The relations a model's (or data test's) bound-reads check runs against. Parents that are plain tables are
 * checked as themselves; sources (views over the export files), views and incremental models (views over a
 * lineage table) are replaced by empty tables of their shape, so the checked plan reads exactly the named
 * parents and anything else (a file, a published view reached around lineage) shows up and is refused.
 * Called by run-build before a model or data test runs, and by the warehouse's preview.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { VERSIONS_SCHEMA, WORK_SCHEMA, physicalName, physicalRef } from './catalog.ts';
import { quoteIdent } from './sql-text.ts';

export interface CheckedTargets {
	/** Name -> the relation the check redirects it to. */
	readonly targets: Map<string, { schema: string; table: string }>;
	/** The schema.table names (lower case) the checked plan may scan. */
	readonly allowed: Set<string>;
}

export const shapeName = (name: string, version: string) => `shape__${physicalName(name, version)}`;

/** A node of a build plan or of the published state. */
export interface CheckedNode {
	readonly name: string;
	readonly version: string;
	readonly kind: string;
}

export async function checkedTargets(connection: DuckDBConnection, nodes: readonly CheckedNode[], names: readonly string[]): Promise<CheckedTargets> {
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const targets = new Map<string, { schema: string; table: string }>();
	for (const node of nodes) targets.set(node.name, { schema: VERSIONS_SCHEMA, table: physicalName(node.name, node.version) });
	const allowed = new Set<string>();
	for (const name of names) {
		const node = byName.get(name);
		if (!node) continue;
		if (node.kind === 'table') {
			allowed.add(`${VERSIONS_SCHEMA}.${physicalName(node.name, node.version)}`.toLowerCase());
			continue;
		}
		const shape = shapeName(node.name, node.version);
		await ensureShape(connection, physicalRef(node.name, node.version), shape);
		targets.set(name, { schema: WORK_SCHEMA, table: shape });
		allowed.add(`${WORK_SCHEMA}.${shape}`.toLowerCase());
	}
	return { targets, allowed };
}

/** An empty table with the relation's columns and types; binding the relation reads no rows. */
async function ensureShape(connection: DuckDBConnection, relation: string, shape: string): Promise<void> {
	const exists = await connection.runAndReadAll('select 1 from information_schema.tables where table_schema = $s and table_name = $n', { s: WORK_SCHEMA, n: shape });
	if (exists.currentRowCount > 0) return;
	const columns = (await connection.runAndReadAll(`describe select * from ${relation}`)).getRowObjects();
	const list = columns.map((c) => `${quoteIdent(String(c.column_name))} ${String(c.column_type)}`).join(', ');
	await connection.run(`create table if not exists ${quoteIdent(WORK_SCHEMA)}.${quoteIdent(shape)} (${list})`);
}
