/**
 * Publishing: points every public view at its model version and records the publish, in ONE transaction, so
 * a reader sees the whole old set or the whole new set. Used by the build and by rollback (with the versions
 * of an earlier publish).
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA, PUBLIC_SCHEMA, physicalRef } from './catalog.ts';
import { quoteIdent } from './sql-text.ts';

export type PublishKind = 'build' | 'rollback';

export interface PublishRecord {
	readonly author: string;
	readonly message: string;
	readonly kind: PublishKind;
	/** For a rollback: the publish whose versions it restores. */
	readonly rollbackOf: number | null;
	/** Fingerprint of the data tests these versions passed. */
	readonly testsHash: string | null;
}

export async function publishVersions(
	db: Database,
	set: { readonly nodes: readonly { readonly name: string; readonly version: string }[]; readonly removed: readonly string[] },
	record: PublishRecord
): Promise<number> {
	return db.withConnection(async (c) => {
		await c.run('begin transaction');
		try {
			const id = Number((await c.runAndReadAll(`select nextval('${META_SCHEMA}.publish_seq')`)).getRows()[0]![0]);
			for (const node of set.nodes) {
				await c.run(`create or replace view ${PUBLIC_SCHEMA}.${quoteIdent(node.name)} as select * from ${physicalRef(node.name, node.version)}`);
				await c.run(`insert into ${META_SCHEMA}.publish_models values ($id, $name, $version)`, { id, name: node.name, version: node.version });
			}
			for (const name of set.removed) await c.run(`drop view if exists ${PUBLIC_SCHEMA}.${quoteIdent(name)}`);
			await c.run(
				`insert into ${META_SCHEMA}.publishes (publish_id, published_at, author, message, kind, rollback_of, tests_hash)
				 values ($id, now(), $author, $message, $kind, $rollbackOf, $testsHash)`,
				{ id, author: record.author, message: record.message, kind: record.kind, rollbackOf: record.rollbackOf, testsHash: record.testsHash }
			);
			await c.run('commit');
			return id;
		} catch (error) {
			await c.run('rollback');
			throw error;
		}
	});
}
