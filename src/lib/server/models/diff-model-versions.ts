/**
 * `models diff <name> [from] [to]`: the unified diff between the model file of one model as two publishes
 * served it (default: the publish before the current one against the current one). The text comes from the
 * history (ps_meta.model_versions), so it works after the file has changed again or been deleted.
 */
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { META_SCHEMA } from './catalog.ts';
import { unifiedDiff } from './line-diff.ts';

export interface ModelVersionRef {
	/** null: before the first publish (the diff starts from nothing). */
	readonly publishId: number | null;
	/** null: the model is not in that publish. */
	readonly version: string | null;
}

export interface ModelDiff {
	readonly name: string;
	readonly from: ModelVersionRef;
	readonly to: ModelVersionRef;
	readonly sameVersion: boolean;
	/** `diff -u` text; empty when both sides hold the same text. */
	readonly diff: string;
}

export async function diffModelVersions(db: Database, name: string, fromId?: number, toId?: number): Promise<ModelDiff> {
	const ids = (await db.query<{ publish_id: number }>(`select publish_id from ${META_SCHEMA}.publishes order by publish_id`)).map((r) => r.publish_id);
	if (ids.length === 0) throw new NotFoundError('nothing has been published yet, so there is no history to compare; run `partnerscope build`');
	const known = (id: number, what: string) => {
		if (!ids.includes(id)) throw new NotFoundError(`${what} publish #${id} does not exist; publishes are #${ids[0]} to #${ids[ids.length - 1]}`);
		return id;
	};
	const to = toId === undefined ? ids[ids.length - 1]! : known(toId, 'the "to"');
	const from = fromId === undefined ? ([...ids].reverse().find((id) => id < to) ?? null) : known(fromId, 'the "from"');

	const side = async (publishId: number | null): Promise<{ ref: ModelVersionRef; text: string }> => {
		if (publishId === null) return { ref: { publishId, version: null }, text: '' };
		const [row] = await db.query<{ version: string; sql: string | null; node_kind: string | null }>(
			`select pm.version, mv.sql, mv.node_kind from ${META_SCHEMA}.publish_models pm
			 left join ${META_SCHEMA}.model_versions mv using (name, version)
			 where pm.publish_id = $id and pm.name = $name`,
			{ id: publishId, name }
		);
		if (!row) return { ref: { publishId, version: null }, text: '' };
		const text = row.sql ?? (row.node_kind === 'source' ? `-- ${name} is a source: its version comes from its export files, not from SQL\n` : '');
		return { ref: { publishId, version: row.version }, text };
	};
	const [a, b] = await Promise.all([side(from), side(to)]);
	if (a.ref.version === null && b.ref.version === null)
		throw new NotFoundError(`model ${name} is in neither publish ${from === null ? '(none)' : `#${from}`} nor #${to}`);
	const label = (s: { ref: ModelVersionRef }) =>
		s.ref.version === null ? '/dev/null' : `${name}.sql\t(publish #${s.ref.publishId}, version ${s.ref.version})`;
	return {
		name,
		from: a.ref,
		to: b.ref,
		sameVersion: a.ref.version === b.ref.version,
		diff: unifiedDiff(a.text, b.text, { fromLabel: label(a), toLabel: label(b) })
	};
}
