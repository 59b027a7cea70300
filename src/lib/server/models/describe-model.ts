/**
 * One model in full: its listing (header, lineage, published version), the text of its model file, and every
 * version the history holds with the publishes that served it and whether its table still exists (rollback
 * to those publishes is instant). Called by GET /api/v1/models/:name and `partnerscope models show`.
 */
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { META_SCHEMA, VERSIONS_SCHEMA } from './catalog.ts';
import { listModels, type ModelListing } from './list-models.ts';

export interface ModelVersionInfo {
	readonly version: string;
	readonly builtAt: string;
	readonly rows: number | null;
	readonly buildMs: number | null;
	/** Its table (or view) still exists in the versions schema. */
	readonly available: boolean;
	/** Publishes that served this version, oldest first. */
	readonly publishes: readonly number[];
	readonly current: boolean;
}

export interface ModelDescription extends ModelListing {
	/** The model file as it is on disk (header and SELECT), else the newest stored text; null for sources. */
	readonly text: string | null;
	readonly versions: readonly ModelVersionInfo[];
}

export async function describeModel(db: Database, sqlDir: string, name: string): Promise<ModelDescription> {
	const catalog = await listModels(db, sqlDir);
	const listing = catalog.models.find((m) => m.name === name);
	const rows = await db.query<{ version: string; built_at: string; row_count: number | null; build_ms: number | null; sql: string | null; publishes: number[] | null; available: boolean }>(
		`select mv.version, mv.built_at, mv.row_count, mv.build_ms, mv.sql,
			(select list(pm.publish_id order by pm.publish_id) from ${META_SCHEMA}.publish_models pm where pm.name = mv.name and pm.version = mv.version) as publishes,
			exists (select 1 from information_schema.tables t where t.table_schema = $schema and t.table_name = mv.name || '__' || mv.version) as available
		 from ${META_SCHEMA}.model_versions mv where mv.name = $name
		 order by mv.built_at desc`,
		{ name, schema: VERSIONS_SCHEMA }
	);
	if (!listing && rows.length === 0) throw new NotFoundError(`no model or source named ${name}; \`partnerscope models list\` (GET /api/v1/models) names them all`);
	const base: ModelListing = listing ?? {
		name,
		kind: 'table',
		path: null,
		owner: null,
		description: null,
		grain: [],
		tests: [],
		parents: [],
		children: [],
		published: null,
		inProject: false,
		problem: null
	};
	const currentVersion = base.published?.version ?? null;
	return {
		...base,
		text: catalog.specs.get(name)?.text ?? rows.find((r) => r.sql !== null)?.sql ?? null,
		versions: rows.map((r) => ({
			version: r.version,
			builtAt: r.built_at,
			rows: r.row_count,
			buildMs: r.build_ms,
			available: r.available,
			publishes: r.publishes ?? [],
			current: r.version === currentVersion
		}))
	};
}
