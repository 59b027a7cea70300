/**
 * Applies the retention rule to the warehouse: reads every publish and the physical versions that exist,
 * lets planRetention decide, and drops what it names (views first, then tables). A drop that fails is
 * reported, never thrown: the publish it follows has already committed. Called after each publish.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA, VERSIONS_SCHEMA, physicalName } from './catalog.ts';
import { planRetention, type PublishRelations, type RetentionPolicy } from './plan-retention.ts';
import { quoteIdent } from './sql-text.ts';
import { pruneLineages, type LineagePruning } from './prune-lineages.ts';

export interface RetentionOutcome {
	readonly retained: readonly number[];
	readonly expired: readonly number[];
	readonly dropped: readonly string[];
	readonly errors: readonly string[];
	/** Bytes the warehouse used before and after (DuckDB's used blocks after a checkpoint), and the difference. */
	readonly bytesBefore?: number;
	readonly bytesAfter?: number;
	readonly freedBytes?: number;
	/** Incremental models' rows no kept version sees any more (deleted), and lineages no kept version uses (dropped). */
	readonly lineages?: LineagePruning;
}

/** Bytes in used blocks after a checkpoint (freed blocks are reused by later builds, so this is what grows). */
async function usedBytes(db: Database): Promise<number> {
	try {
		await db.query('checkpoint');
		const [row] = await db.query<{ b: number }>('select (used_blocks * block_size)::double as b from pragma_database_size() limit 1');
		return Number(row?.b ?? 0);
	} catch {
		return 0; // an in-memory database or a busy checkpoint: measure nothing rather than fail the publish
	}
}

/**
 * Retention bounded by count, age and size: the age rule keeps young publishes only while the warehouse stays
 * under policy.maxBytes; over it, the oldest young publishes go one at a time (the last keepPublishes always stay).
 */
export async function applyRetention(db: Database, policy: RetentionPolicy, now: Date): Promise<RetentionOutcome> {
	const bytesBefore = await usedBytes(db);
	let outcome = await applyRetentionOnce(db, policy, now);
	let bytesAfter = await usedBytes(db);
	if (policy.maxBytes !== undefined) {
		const dropped = [...outcome.dropped];
		const errors = [...outcome.errors];
		let young = Math.max(0, outcome.retained.length - Math.max(1, Math.floor(policy.keepPublishes)));
		while (bytesAfter > policy.maxBytes && young > 0) {
			young--;
			outcome = await applyRetentionOnce(db, policy, now, young);
			dropped.push(...outcome.dropped);
			errors.push(...outcome.errors);
			bytesAfter = await usedBytes(db);
		}
		outcome = { ...outcome, dropped, errors };
	}
	return { ...outcome, bytesBefore, bytesAfter, freedBytes: Math.max(0, bytesBefore - bytesAfter) };
}

/** Every publish in the catalog with the physical names of the versions it serves (either engine names them alike). */
export async function readPublishRelations(db: Database): Promise<PublishRelations[]> {
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
	return [...publishes.values()];
}

async function applyRetentionOnce(db: Database, policy: RetentionPolicy, now: Date, maxYoung?: number): Promise<RetentionOutcome> {
	const publishes = await readPublishRelations(db);
	const existing = await db.query<{ table_name: string; table_type: string }>(
		'select table_name, table_type from information_schema.tables where table_schema = $schema',
		{ schema: VERSIONS_SCHEMA }
	);
	const plan = planRetention({ publishes, existing: existing.map((e) => e.table_name), policy, now, ...(maxYoung === undefined ? {} : { maxYoung }) });
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
