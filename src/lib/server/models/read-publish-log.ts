/**
 * The publish history, newest first: who published what and when, what each publish changed against the one
 * before it, which publish serves now, and which can still be restored instantly (their tables exist).
 * Called by `partnerscope models log` and GET /api/v1/models/log.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA, VERSIONS_SCHEMA, physicalName } from './catalog.ts';
import { publishChanges, type PublishChange, type PublishedVersion } from './publish-changes.ts';

export interface PublishLogEntry {
	readonly publishId: number;
	readonly publishedAt: string;
	readonly author: string;
	readonly message: string;
	readonly kind: string;
	readonly rollbackOf: number | null;
	/** The publish serving now (the newest). */
	readonly current: boolean;
	/** Every model version of this publish still has its table: `rollback` to it is instant. */
	readonly restorable: boolean;
	readonly modelCount: number;
	readonly changes: readonly PublishChange[];
}

type PublishRow = {
	publish_id: number;
	published_at: string;
	author: string;
	message: string;
	kind: string;
	rollback_of: number | null;
};

/** Every publish's model versions, keyed by publish id. */
export async function readPublishSets(db: Database, ids?: readonly number[]): Promise<Map<number, Map<string, PublishedVersion>>> {
	const rows = await db.query<{ publish_id: number; name: string; version: string; definition_hash: string | null }>(
		`select pm.publish_id, pm.name, pm.version, mv.definition_hash
		 from ${META_SCHEMA}.publish_models pm left join ${META_SCHEMA}.model_versions mv using (name, version)
		 ${ids ? 'where list_contains($ids::bigint[], pm.publish_id)' : ''}`,
		ids ? { ids: `[${ids.join(',')}]` } : undefined
	);
	const sets = new Map<number, Map<string, PublishedVersion>>();
	for (const r of rows) {
		const set = sets.get(r.publish_id) ?? new Map<string, PublishedVersion>();
		set.set(r.name, { version: r.version, definitionHash: r.definition_hash });
		sets.set(r.publish_id, set);
	}
	return sets;
}

/** Physical names that exist in the versions schema. */
export async function existingVersions(db: Database): Promise<Set<string>> {
	const rows = await db.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $schema', { schema: VERSIONS_SCHEMA });
	return new Set(rows.map((r) => r.table_name));
}

export async function readPublishLog(db: Database, options: { limit?: number } = {}): Promise<PublishLogEntry[]> {
	const limit = options.limit ?? 20;
	// One more than asked, so the oldest shown publish has the one before it to compare with.
	const publishes = await db.query<PublishRow>(
		`select publish_id, published_at, author, message, kind, rollback_of from ${META_SCHEMA}.publishes order by publish_id desc limit $n`,
		{ n: limit + 1 }
	);
	if (publishes.length === 0) return [];
	const sets = await readPublishSets(db, publishes.map((p) => p.publish_id));
	const existing = await existingVersions(db);
	const newest = publishes[0]!.publish_id;
	return publishes.slice(0, limit).map((p, index) => {
		const set = sets.get(p.publish_id) ?? new Map<string, PublishedVersion>();
		const previous = publishes[index + 1] ? (sets.get(publishes[index + 1]!.publish_id) ?? new Map()) : new Map<string, PublishedVersion>();
		return {
			publishId: p.publish_id,
			publishedAt: p.published_at,
			author: p.author,
			message: p.message,
			kind: p.kind,
			rollbackOf: p.rollback_of,
			current: p.publish_id === newest,
			restorable: [...set].every(([name, v]) => existing.has(physicalName(name, v.version))),
			modelCount: set.size,
			changes: publishChanges(previous, set)
		};
	});
}
