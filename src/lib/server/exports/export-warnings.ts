/**
 * The export-contract warnings of each source version, kept beside the catalog so the warnings of what is
 * served stay visible after later builds reuse that version (health, the data-quality panel). Written by the
 * build, read by health.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA, metaTableExists } from '../models/catalog.ts';

const TABLE = `${META_SCHEMA}.export_warnings`;
const DDL = `create table if not exists ${TABLE} (name varchar, version varchar, warnings varchar[], primary key (name, version))`;

export async function saveExportWarnings(db: Database, name: string, version: string, warnings: readonly string[]): Promise<void> {
	await db.query(DDL);
	await db.query(`insert or replace into ${TABLE} values ($name, $version, cast($warnings::json as varchar[]))`, { name, version, warnings: JSON.stringify(warnings) });
}

/** The warnings of the source versions a publish serves, oldest source name first; [] when none were recorded. */
export async function servedExportWarnings(db: Database, publishId: number | null): Promise<string[]> {
	if (publishId === null) return [];
	if (!(await metaTableExists(db, 'export_warnings'))) return [];
	const rows = await db.query<{ w: string }>(
		`select unnest(w.warnings) as w from ${META_SCHEMA}.publish_models pm join ${TABLE} w using (name, version) where pm.publish_id = $id order by pm.name`,
		{ id: publishId }
	);
	return rows.map((r) => r.w);
}
