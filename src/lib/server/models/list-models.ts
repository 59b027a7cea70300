/**
 * The model catalog for people: every source and model of the project (read from the SQL folder and parsed
 * through the statement gate) and every model the current publish serves, with its header, lineage
 * (parents and children) and published version. Called by GET /api/v1/models and `partnerscope models list`.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA, readPublishedState } from './catalog.ts';
import { describeColumnTest } from './column-test-sql.ts';
import { loadProject } from './load-project.ts';
import type { ModelSpec } from './parse-model.ts';
import { analyzeProject } from './run-build.ts';
import { SOURCE_NAMES } from './sources.ts';

export interface ModelListing {
	readonly name: string;
	readonly kind: string;
	/** Path of the model file under models/, null for sources and for models whose file is gone. */
	readonly path: string | null;
	readonly owner: string | null;
	readonly description: string | null;
	readonly grain: readonly string[];
	readonly tests: readonly string[];
	readonly parents: readonly string[];
	readonly children: readonly string[];
	/** The version the current publish serves, or null. */
	readonly published: { readonly version: string; readonly rows: number | null; readonly builtAt: string } | null;
	readonly inProject: boolean;
	/** Why the model file cannot be built as it stands (parse error, gate refusal), if it cannot. */
	readonly problem: string | null;
}

export interface ModelCatalog {
	readonly publishId: number | null;
	readonly models: readonly ModelListing[];
	/** Each project model's parsed file, for callers that show its text. */
	readonly specs: ReadonlyMap<string, ModelSpec>;
}

export async function listModels(db: Database, sqlDir: string): Promise<ModelCatalog> {
	const project = await loadProject(sqlDir);
	const analysis = await analyzeProject(db, project);
	const state = await readPublishedState(db);
	const versions = await db.query<{ name: string; version: string; node_kind: string; row_count: number | null; built_at: string; parents: string[] }>(
		`select name, version, node_kind, row_count, built_at, parents from ${META_SCHEMA}.model_versions`
	);
	const versionOf = new Map(versions.map((v) => [`${v.name}\u0000${v.version}`, v]));
	const parents = new Map<string, readonly string[]>();
	for (const name of SOURCE_NAMES) parents.set(name, []);
	for (const [name, p] of state.models) parents.set(name, versionOf.get(`${name}\u0000${p.version}`)?.parents ?? []);
	// The files on disk win over the published history for lineage: that is what the next build will do.
	for (const m of analysis.models) parents.set(m.spec.name, m.parents);
	const children = new Map<string, string[]>();
	for (const [child, ps] of parents) for (const p of ps) children.set(p, [...(children.get(p) ?? []), child]);
	const specs = new Map(project.models.map((m) => [m.name, m]));
	const problems = new Map<string, string>();
	for (const p of analysis.problems) problems.set(p.model, [problems.get(p.model), p.message].filter(Boolean).join('; '));

	const names = [...new Set([...SOURCE_NAMES, ...specs.keys(), ...state.models.keys()])];
	const models = names.map((name): ModelListing => {
		const spec = specs.get(name);
		const published = state.models.get(name);
		const built = published ? versionOf.get(`${name}\u0000${published.version}`) : undefined;
		const isSource = SOURCE_NAMES.includes(name);
		return {
			name,
			kind: isSource ? 'source' : (spec?.kind ?? published?.kind ?? 'table'),
			path: spec?.path ?? null,
			owner: spec?.owner ?? null,
			description: spec?.description ?? null,
			grain: spec?.grain ?? [],
			tests: spec?.tests.map(describeColumnTest) ?? [],
			parents: [...(parents.get(name) ?? [])].sort(),
			children: [...(children.get(name) ?? [])].sort(),
			published: published ? { version: published.version, rows: built?.row_count ?? null, builtAt: built?.built_at ?? '' } : null,
			inProject: isSource || spec !== undefined,
			problem: problems.get(name) ?? null
		};
	});
	const order = (m: ModelListing) => (m.kind === 'source' ? 0 : 1);
	models.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
	return { publishId: state.publishId, models, specs };
}
