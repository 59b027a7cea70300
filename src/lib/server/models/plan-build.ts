/**
 * Plans a build (pure): orders sources and models by dependency, computes each version fingerprint, and says
 * what changed against the published state. The plan is a value to print, diff and test; run-build executes it.
 */
import { createHash } from 'node:crypto';
import type { ModelKind, ModelSpec } from './parse-model.ts';

/** Bump when the way the engine builds tables changes, so every model gets a new version. */
export const ENGINE_FORMAT_VERSION = 1;

/** A table the SELECT reads, with where it is named in the model file (1-based), when DuckDB reports it. */
export interface ModelReference {
	readonly name: string;
	readonly line: number | null;
	readonly column: number | null;
}

export interface AnalyzedModel {
	readonly spec: ModelSpec;
	/** Names of models and sources the SELECT reads. */
	readonly parents: readonly string[];
	/** Each reference with its position, for errors such as an unknown table. */
	readonly references: readonly ModelReference[];
	/** Canonical form of the SELECT (DuckDB's own AST without positions). */
	readonly canonical: string;
}

export interface SourceInput {
	readonly name: string;
	/** What the source's version hashes: its files' names and their content fingerprints. */
	readonly fingerprintInput: string;
	/** The column incremental models read it by day (null: read whole). */
	readonly timeColumn?: string | null;
}

export interface PublishedModel {
	readonly version: string;
	readonly definitionHash: string;
}

export type NodeKind = 'source' | ModelKind;
export type Change = 'added' | 'changed' | 'rebuilt' | 'unchanged';

export interface PlanNode {
	readonly name: string;
	readonly kind: NodeKind;
	readonly version: string;
	/** Hash of the node's own definition (without parents): tells "changed" from "rebuilt because of a parent". */
	readonly definitionHash: string;
	readonly parents: readonly string[];
	readonly change: Change;
	/** The published version this node replaces, null when it is new. */
	readonly previousVersion: string | null;
	/** Parents that are not unchanged: why a `rebuilt` node is rebuilt. */
	readonly because: readonly string[];
	readonly model?: AnalyzedModel;
}

export interface PlanProblem {
	readonly model: string;
	readonly message: string;
}

export interface BuildPlan {
	readonly nodes: readonly PlanNode[];
	readonly removed: readonly string[];
	readonly problems: readonly PlanProblem[];
	/** True when every node is unchanged and nothing is removed. */
	readonly upToDate: boolean;
}

export function hash(...parts: readonly string[]): string {
	const h = createHash('sha256');
	for (const part of parts) h.update(part).update('\u0000');
	return h.digest('hex').slice(0, 16);
}

/** Fingerprint of the data tests (sql/tests): when it differs from the current publish's, the build runs them. */
export function dataTestsHash(tests: readonly { readonly path: string; readonly sql: string }[]): string {
	return hash(`engine:${ENGINE_FORMAT_VERSION}`, ...[...tests].sort((a, b) => a.path.localeCompare(b.path)).flatMap((t) => [t.path, t.sql]));
}

export function modelDefinitionHash(model: AnalyzedModel): string {
	const { spec } = model;
	const parts = [`engine:${ENGINE_FORMAT_VERSION}`, `kind:${spec.kind}`, `grain:${spec.grain.join(',')}`, `tests:${JSON.stringify(spec.tests)}`, model.canonical];
	// Only when declared, so the versions of models without them stay what they were.
	if (spec.timeColumn !== null) parts.push(`time:${spec.timeColumn}`, `lookback:${JSON.stringify(spec.lookback)}`);
	return hash(...parts);
}

export function planBuild(input: {
	readonly models: readonly AnalyzedModel[];
	readonly sources: readonly SourceInput[];
	readonly published: ReadonlyMap<string, PublishedModel>;
}): BuildPlan {
	const problems: PlanProblem[] = [];
	const sourceNames = new Set(input.sources.map((s) => s.name));
	const byName = new Map<string, AnalyzedModel>();
	for (const model of input.models) {
		if (sourceNames.has(model.spec.name)) problems.push({ model: model.spec.name, message: `the name ${model.spec.name} is taken by a source` });
		else if (byName.has(model.spec.name))
			problems.push({ model: model.spec.name, message: `two model files are named ${model.spec.name}: ${byName.get(model.spec.name)!.spec.path} and ${model.spec.path}` });
		else byName.set(model.spec.name, model);
	}
	for (const model of byName.values()) {
		for (const parent of new Set(model.parents)) {
			if (byName.has(parent) || sourceNames.has(parent)) continue;
			const ref = model.references.find((r) => r.name === parent);
			const where = ref?.line != null ? `models/${model.spec.path}:${ref.line}:${ref.column}` : `models/${model.spec.path}`;
			problems.push({ model: model.spec.name, message: `${where}: reads unknown table ${parent}; known models and sources: ${[...sourceNames, ...byName.keys()].sort().join(', ')}` });
		}
	}

	const timeColumns = new Map<string, string | null>([
		...input.sources.map((s) => [s.name, s.timeColumn ?? null] as const),
		...[...byName.values()].map((m) => [m.spec.name, m.spec.timeColumn] as const)
	]);
	for (const model of byName.values()) {
		for (const { parent } of model.spec.lookback) {
			if (!model.parents.includes(parent)) problems.push({ model: model.spec.name, message: `models/${model.spec.path}: lookback names ${parent}, which the SELECT does not read` });
			else if (!timeColumns.get(parent))
				problems.push({ model: model.spec.name, message: `models/${model.spec.path}: lookback names ${parent}, which has no time_column to read it by day` });
		}
	}

	const order = topologicalOrder(byName, sourceNames, problems);
	const versions = new Map<string, string>();
	const changes = new Map<string, Change>();
	const nodes: PlanNode[] = [];
	const node = (n: Omit<PlanNode, 'previousVersion' | 'because'>): PlanNode => {
		changes.set(n.name, n.change);
		return { ...n, previousVersion: input.published.get(n.name)?.version ?? null, because: n.parents.filter((p) => (changes.get(p) ?? 'unchanged') !== 'unchanged') };
	};
	const changeOf = (name: string, version: string, definitionHash: string): Change => {
		const published = input.published.get(name);
		if (!published) return 'added';
		if (published.version === version) return 'unchanged';
		return published.definitionHash === definitionHash ? 'rebuilt' : 'changed';
	};
	for (const source of input.sources) {
		const definitionHash = hash(`engine:${ENGINE_FORMAT_VERSION}`, 'source', source.fingerprintInput);
		versions.set(source.name, definitionHash);
		nodes.push(node({ name: source.name, kind: 'source', version: definitionHash, definitionHash, parents: [], change: changeOf(source.name, definitionHash, definitionHash) }));
	}
	for (const name of order) {
		const model = byName.get(name)!;
		const definitionHash = modelDefinitionHash(model);
		const parentVersions = [...new Set(model.parents)].sort().map((p) => `${p}=${versions.get(p) ?? 'missing'}`);
		const version = hash(definitionHash, ...parentVersions);
		versions.set(name, version);
		nodes.push(node({ name, kind: model.spec.kind, version, definitionHash, parents: [...new Set(model.parents)], change: changeOf(name, version, definitionHash), model }));
	}
	const present = new Set(nodes.map((n) => n.name));
	const removed = [...input.published.keys()].filter((name) => !present.has(name)).sort();
	return { nodes, removed, problems, upToDate: removed.length === 0 && nodes.every((n) => n.change === 'unchanged') };
}

/** What must be built first: the tables the SELECT reads, and the targets of its relationships tests. */
function orderingParents(model: AnalyzedModel): string[] {
	const tested = model.spec.tests.flatMap((t) => (t.type === 'relationships' && t.model !== model.spec.name ? [t.model] : []));
	return [...model.parents, ...tested];
}

/** Depth-first order with cycle detection; a cycle is reported once with its chain and its models left out. */
function topologicalOrder(models: ReadonlyMap<string, AnalyzedModel>, sources: ReadonlySet<string>, problems: PlanProblem[]): string[] {
	const order: string[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const inCycle = new Set<string>();
	const visit = (name: string, chain: string[]) => {
		if (sources.has(name) || !models.has(name)) return;
		const s = state.get(name);
		if (s === 'done') return;
		if (s === 'visiting') {
			const cycle = [...chain.slice(chain.indexOf(name)), name];
			if (!cycle.some((c) => inCycle.has(c))) problems.push({ model: name, message: `dependency cycle: ${cycle.join(' -> ')}` });
			for (const c of cycle) inCycle.add(c);
			return;
		}
		state.set(name, 'visiting');
		for (const parent of orderingParents(models.get(name)!)) visit(parent, [...chain, name]);
		state.set(name, 'done');
		order.push(name);
	};
	for (const name of [...models.keys()].sort()) visit(name, []);
	return order.filter((name) => !inCycle.has(name));
}
