/**
 * `models rollback <publish-id>`: serves an earlier publish's model versions again. Instant while their tables
 * exist (a view swap and a new publish record of kind 'rollback', in one transaction); a clear ModelError
 * when retention has dropped any of them. Called by the Warehouse under its build lock.
 */
import type { Database } from '../db/database.ts';
import { ModelError, NotFoundError } from '../errors.ts';
import { META_SCHEMA, VERSIONS_SCHEMA, physicalName, readPublishedState } from './catalog.ts';
import { publishVersions } from './publish-versions.ts';
import { SOURCE_PREFIX } from './sources.ts';
import { quoteIdent } from './sql-text.ts';
import { existingVersions, readPublishSets } from './read-publish-log.ts';

export interface RollbackResult {
	readonly publishId: number;
	readonly rollbackOf: number;
	readonly models: readonly { readonly name: string; readonly version: string }[];
	/** Models the current publish serves that the restored one did not (their views are dropped). */
	readonly removed: readonly string[];
}

export async function rollbackPublish(db: Database, targetId: number, record: { author: string; message?: string }): Promise<RollbackResult> {
	const [target] = await db.query<{ publish_id: number; tests_hash: string | null }>(`select publish_id, tests_hash from ${META_SCHEMA}.publishes where publish_id = $id`, { id: targetId });
	if (!target) throw new NotFoundError(`publish #${targetId} does not exist; \`partnerscope models log\` lists the publishes`);
	const current = await readPublishedState(db);
	if (current.publishId === targetId) throw new ModelError(`publish #${targetId} is already serving; nothing to roll back`);
	const set = (await readPublishSets(db, [targetId])).get(targetId) ?? new Map();
	const existing = await existingVersions(db);
	const missing = [...set].filter(([name, v]) => !existing.has(physicalName(name, v.version))).map(([name, v]) => `${VERSIONS_SCHEMA}.${physicalName(name, v.version)}`);
	if (missing.length > 0)
		throw new ModelError(
			`publish #${targetId} can no longer be restored instantly: retention has cleaned up ${missing.length} of its ${set.size} tables (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}); ` +
				'restore its model files and run `partnerscope build` instead, or raise PARTNERSCOPE_RETAIN_PUBLISHES / PARTNERSCOPE_RETAIN_DAYS to keep more history',
			{ missing }
		);
	// Sources are read in place: a publish whose export files were withdrawn since cannot serve them again.
	for (const [name, v] of set) {
		if (!name.startsWith(SOURCE_PREFIX)) continue;
		try {
			await db.query(`describe select * from ${VERSIONS_SCHEMA}.${quoteIdent(physicalName(name, v.version))}`);
		} catch (error) {
			const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^.*?Error: /, '');
			throw new ModelError(
				`publish #${targetId} reads export files that are no longer there (${name}: ${text}); sources are read where they lie, so put the files back to roll back to it, or run \`partnerscope build\` on the exports as they are`,
				{ source: name }
			);
		}
	}
	const models = [...set].map(([name, v]) => ({ name, version: v.version })).sort((a, b) => a.name.localeCompare(b.name));
	const removed = [...current.models.keys()].filter((name) => !set.has(name)).sort();
	const publishId = await publishVersions(db, { nodes: models, removed }, { author: record.author, message: record.message ?? `rollback to #${targetId}`, kind: 'rollback', rollbackOf: targetId, testsHash: target.tests_hash });
	return { publishId, rollbackOf: targetId, models, removed };
}
