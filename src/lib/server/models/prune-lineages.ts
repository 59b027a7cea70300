/**
 * Retention for incremental models' lineage tables: a row stays while some kept version can see it (its view
 * still exists in the versions schema) or it belongs to the newest generation (the next build starts there);
 * a lineage none of whose versions is kept is dropped. Called by apply-retention after it drops versions.
 */
import type { Database } from '../db/database.ts';
import { GEN_FROM, GEN_TO } from './build-incremental.ts';
import { LINEAGE_SCHEMA, META_SCHEMA, VERSIONS_SCHEMA } from './catalog.ts';
import { quoteIdent } from './sql-text.ts';

export interface LineagePruning {
	readonly dropped: readonly string[];
	readonly deletedRows: number;
	readonly errors: readonly string[];
}

export async function pruneLineages(db: Database): Promise<LineagePruning> {
	const tables = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $schema`, { schema: LINEAGE_SCHEMA });
	const generations = await db.query<{ lineage: string; generation: number; name: string; version: string; kept: boolean }>(
		`select g.lineage, g.generation, g.name, g.version,
			exists (select 1 from information_schema.tables t where t.table_schema = $versions and t.table_name = g.name || '__' || g.version) as kept
		 from ${META_SCHEMA}.lineage_generations g`,
		{ versions: VERSIONS_SCHEMA }
	);
	const dropped: string[] = [];
	const errors: string[] = [];
	let deletedRows = 0;
	for (const { table_name: lineage } of tables) {
		const own = generations.filter((g) => g.lineage === lineage);
		const keptViews = own.filter((g) => g.kept);
		const table = `${quoteIdent(LINEAGE_SCHEMA)}.${quoteIdent(lineage)}`;
		try {
			if (keptViews.length === 0) {
				await db.query(`drop table if exists ${table}`);
				dropped.push(lineage);
				continue;
			}
			// A version rebuilt (build --full) shows its newest generation only; keep that per kept version, and the
			// lineage's newest generation (the next build starts from it).
			const shown = new Map<string, number>();
			for (const g of keptViews) shown.set(g.version, Math.max(shown.get(g.version) ?? 0, Number(g.generation)));
			const newest = Math.max(...own.map((g) => Number(g.generation)));
			const kept = [...new Set([...shown.values(), newest])];
			const [result] = await db.query(
				`delete from ${table} where ${GEN_TO} is not null
				 and not exists (select 1 from (select unnest([${kept.join(', ')}]::bigint[]) as g) k where k.g >= ${GEN_FROM} and k.g < ${GEN_TO})`
			);
			deletedRows += Number(Object.values(result ?? {})[0] ?? 0);
		} catch (error) {
			errors.push(`${LINEAGE_SCHEMA}.${lineage}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return { dropped, deletedRows, errors };
}
