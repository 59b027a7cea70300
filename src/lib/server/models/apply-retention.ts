/**
 * Applies the retention rule to the warehouse: reads every publish and the physical versions that exist,
 * lets planRetention decide, and drops what it names (views first, then tables). A drop that fails is
 * reported, never thrown: the publish it follows has already committed. Called after each publish.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA, VERSIONS_SCHEMA, physicalName } from './catalog.ts';
import { planRetention, type RetentionPolicy } from './plan-retention.ts';
import { quoteIdent } from './sql-text.ts';
import { pruneLineages, type LineagePruning } from './prune-lineages.ts';

export interface RetentionOutcome {
	readonly retained: readonly number[];
	readonly expired: readonly number[];
	readonly dropped: readonly string[];
	readonly errors: readonly string[];
	/** Incremental models' rows no kept version sees any more (deleted), and lineages no kept version uses (dropped). */
	readonly lineages?: LineagePruning;
}

export async function applyRetention(db: Database, policy: RetentionPolicy, now: Date): Promise<RetentionOutcome> {
	const rows = await db.query<{ publish_id: number; published_at: string; name: string | null; version: string | null }>(
		`select p.publish_id, p.published_at, pm.name, pm.version
		 from ${META_SCHEMA}.publishes p left join ${META_SCHEMA}.publish_models pm using (publish_id)`
	);
	const publishes = new Map<number, { publishId: number; publishedAt: string; relations: string[] }>();
	for (const r of rows) {
		const p = publishes.get(r.publish_id) ?? { publishId: r.publish_id, publishedAt: r.published_at, relations: [] };
		if (r.name !== null && r.version !== null) p.relations.push(physicalName(r.name, r.version));
		publishes.set(r.publish_id, p);
	}
	const existing = await db.query<{ table_name: string; table_type: string }>(
		'select table_name, table_type from information_schema.tables where table_schema = $schema',
		{ schema: VERSIONS_SCHEMA }
	);
	const plan = planRetention({ publishes: [...publishes.values()], existing: existing.map((e) => e.table_name), policy, now });
	const typeOf = new Map(existing.map((e) => [e.table_name, e.table_type]));
	const drops = [...plan.drop].sort((a, b) => Number(typeOf.get(a) !== 'VIEW') - Number(typeOf.get(b) !== 'VIEW'));
	const dropped: string[] = [];
	const errors: string[] = [];
	for (const name of drops) {
		const what = typeOf.get(name) === 'VIEW' ? 'view' : 'table';
		try {
			await db.query(`drop ${what} if exists ${quoteIdent(VERSIONS_SCHEMA)}.${quoteIdent(name)}`);
			dropped.push(name);
		} catch (error) {
			errors.push(`${VERSIONS_SCHEMA}.${name}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const lineages = await pruneLineages(db);
	return { retained: plan.retained, expired: plan.expired, dropped, errors: [...errors, ...lineages.errors], lineages };
}
