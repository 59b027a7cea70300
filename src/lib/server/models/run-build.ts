/**
 * Executes a build: analyze the project, plan it, build every new version into its own physical table,
 * test it, and publish the whole set in ONE transaction. A failure anywhere publishes nothing and the
 * previous state keeps serving; the result says per node: success, reused, failed or skipped.
 * Called by the Warehouse (server) and the CLI.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withTimeout, type Database } from '../db/database.ts';
import {
	ALLOWED_TABLE_FUNCTIONS,
	SqlAnalysisError,
	canonicalAst,
	deserializeSql,
	lineAndColumn,
	redirectTables,
	serializeSql,
	tableFunctionCalls,
	tableReferences
} from './analyze-sql.ts';
import { CATALOG_DDL, META_SCHEMA, PUBLIC_SCHEMA, VERSIONS_SCHEMA, physicalName, physicalRef, readPublishedState } from './catalog.ts';
import { columnTestSql, describeColumnTest } from './column-test-sql.ts';
import { loadProject, type DataTest, type SqlProject } from './load-project.ts';
import { planBuild, type AnalyzedModel, type BuildPlan, type Change, type NodeKind, type PlanNode } from './plan-build.ts';
import { snapshotSources, sourceFingerprintInput, sourceSelectSql, validateSource, type SourceSnapshot } from './sources.ts';
import { quoteIdent, quoteLiteral } from './sql-text.ts';

export interface BuildOptions {
	readonly sqlDir: string;
	readonly dataDir: string;
	readonly statementTimeoutMs: number;
	readonly author?: string;
	readonly message?: string;
	/** Plan and report only; build and publish nothing. */
	readonly dryRun?: boolean;
	readonly onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
	| { readonly type: 'planned'; readonly plan: BuildPlan }
	| { readonly type: 'node'; readonly result: NodeResult };

export type NodeStatus = 'success' | 'reused' | 'unchanged' | 'failed' | 'skipped';

export interface TestResult {
	readonly name: string;
	readonly status: 'pass' | 'fail' | 'error';
	readonly failingRows: number;
	readonly detail?: string;
}

export interface NodeResult {
	readonly name: string;
	readonly kind: NodeKind;
	readonly version: string;
	readonly change: Change;
	readonly status: NodeStatus;
	readonly rows: number | null;
	readonly ms: number;
	readonly error?: string;
	readonly tests: readonly TestResult[];
}

export interface BuildResult {
	readonly buildId: string;
	readonly status: 'published' | 'up_to_date' | 'failed' | 'planned';
	readonly publishId: number | null;
	readonly startedAt: string;
	readonly finishedAt: string;
	readonly plan: BuildPlan;
	readonly nodes: readonly NodeResult[];
	readonly dataTests: readonly TestResult[];
	/** Problems found before anything ran (parse, unknown tables, cycles, bad exports). */
	readonly problems: readonly string[];
}

/** Parses every model with DuckDB, checks what it may read, and returns what the planner needs. */
export async function analyzeProject(db: Database, project: SqlProject): Promise<{ models: AnalyzedModel[]; problems: { model: string; message: string }[] }> {
	const models: AnalyzedModel[] = [];
	const problems = [...project.problems];
	for (const spec of project.models) {
		const where = (offset: number | null) => {
			if (offset === null) return `models/${spec.path}`;
			const { line, column } = lineAndColumn(spec.sql, offset);
			return `models/${spec.path}:${spec.sqlLine + line - 1}:${column}`;
		};
		try {
			const ast = await serializeSql(db, spec.sql);
			const refused = tableFunctionCalls(ast).filter((c) => !ALLOWED_TABLE_FUNCTIONS.has(c.name));
			if (refused.length > 0) {
				const c = refused[0]!;
				problems.push({ model: spec.name, message: `${where(c.position)}: table function ${c.name}() is not allowed in a model; models read exports only through the src_* sources` });
				continue;
			}
			const refs = tableReferences(ast);
			const qualified = refs.find((r) => r.schema !== '');
			if (qualified) {
				problems.push({ model: spec.name, message: `${where(qualified.position)}: ${qualified.schema}.${qualified.table}: models refer to other models and sources by bare name only` });
				continue;
			}
			models.push({ spec, parents: [...new Set(refs.map((r) => r.table))], canonical: JSON.stringify(canonicalAst(ast).statements) });
		} catch (error) {
			if (!(error instanceof SqlAnalysisError)) throw error;
			problems.push({ model: spec.name, message: `${where(error.position)}: ${error.message}` });
		}
	}
	return { models, problems };
}

export async function runBuild(db: Database, options: BuildOptions): Promise<BuildResult> {
	const buildId = randomUUID();
	const startedAt = new Date().toISOString();
	await db.withConnection(async (c) => {
		for (const ddl of CATALOG_DDL) await c.run(ddl);
	});

	const project = await loadProject(options.sqlDir);
	const analysis = await analyzeProject(db, project);
	const snapshots = await snapshotSources(options.dataDir);
	const published = await readPublishedState(db);
	const plan = planBuild({
		models: analysis.models,
		sources: snapshots.map((s) => ({ name: s.name, fingerprintInput: sourceFingerprintInput(s) })),
		published: published.models
	});
	options.onEvent?.({ type: 'planned', plan });
	const problems = [...analysis.problems, ...plan.problems].map((p) => `${p.model}: ${p.message}`);
	const failedEarly = new Set([...analysis.problems, ...plan.problems].map((p) => p.model));
	const finish = (status: BuildResult['status'], publishId: number | null, nodes: NodeResult[], dataTests: TestResult[]): BuildResult => ({
		buildId,
		status,
		publishId,
		startedAt,
		finishedAt: new Date().toISOString(),
		plan,
		nodes,
		dataTests,
		problems
	});

	if (options.dryRun) return finish('planned', null, [], []);
	if (problems.length === 0 && plan.upToDate) {
		const result = finish('up_to_date', published.publishId, plan.nodes.map((n) => unchangedResult(n)), []);
		await recordBuild(db, result);
		return result;
	}

	const results = new Map<string, NodeResult>();
	const bySnapshot = new Map<string, SourceSnapshot>(snapshots.map((s) => [s.name, s]));
	await db.withConnection(async (connection) => {
		for (const node of plan.nodes) {
			const blocked = node.parents.find((p) => results.get(p)?.status === 'failed' || results.get(p)?.status === 'skipped');
			if (failedEarly.has(node.name)) {
				results.set(node.name, emit(options, { ...baseResult(node), status: 'failed', error: problems.filter((p) => p.startsWith(`${node.name}:`)).join('; ') }));
			} else if (blocked) {
				results.set(node.name, emit(options, { ...baseResult(node), status: 'skipped', error: `skipped because ${blocked} did not build` }));
			} else if (node.change === 'unchanged') {
				results.set(node.name, emit(options, unchangedResult(node)));
			} else {
				results.set(node.name, emit(options, await buildNode(db, connection, node, plan, bySnapshot.get(node.name), options)));
			}
		}
	});
	// Models whose parents were never planned (unknown tables, cycles) are reported too.
	for (const model of analysis.problems.concat(plan.problems)) {
		if (!results.has(model.model))
			results.set(model.model, { name: model.model, kind: 'table', version: '', change: 'changed', status: 'failed', rows: null, ms: 0, error: model.message, tests: [] });
	}

	const nodes = [...results.values()];
	const nodesOk = nodes.every((n) => n.status !== 'failed' && n.status !== 'skipped');
	const dataTests = nodesOk ? await runDataTests(db, project.dataTests, plan, options.statementTimeoutMs) : [];
	const ok = nodesOk && dataTests.every((t) => t.status === 'pass');
	if (!ok) {
		const result = finish('failed', null, nodes, dataTests);
		await recordBuild(db, result);
		return result;
	}
	const publishId = await publish(db, plan, { author: options.author ?? 'partnerscope', message: options.message ?? 'build', kind: 'build', rollbackOf: null });
	const result = finish('published', publishId, nodes, dataTests);
	await recordBuild(db, result);
	return result;
}

function baseResult(node: PlanNode): Omit<NodeResult, 'status'> {
	return { name: node.name, kind: node.kind, version: node.version, change: node.change, rows: null, ms: 0, tests: [] };
}

function unchangedResult(node: PlanNode): NodeResult {
	return { ...baseResult(node), status: 'unchanged' };
}

function emit(options: BuildOptions, result: NodeResult): NodeResult {
	options.onEvent?.({ type: 'node', result });
	return result;
}

async function relationExists(connection: DuckDBConnection, schema: string, name: string): Promise<boolean> {
	const reader = await connection.runAndReadAll('select 1 from information_schema.tables where table_schema = $s and table_name = $n', { s: schema, n: name });
	return reader.currentRowCount > 0;
}

/** Physical table (or view) of every node in the plan, keyed by name, for redirecting references. */
function physicalTargets(plan: BuildPlan): Map<string, { schema: string; table: string }> {
	return new Map(plan.nodes.map((n) => [n.name, { schema: VERSIONS_SCHEMA, table: physicalName(n.name, n.version) }]));
}

async function buildNode(
	db: Database,
	connection: DuckDBConnection,
	node: PlanNode,
	plan: BuildPlan,
	snapshot: SourceSnapshot | undefined,
	options: BuildOptions
): Promise<NodeResult> {
	const started = performance.now();
	const target = physicalRef(node.name, node.version);
	const timed = <T>(work: () => Promise<T>) => withTimeout(connection, options.statementTimeoutMs, work);
	try {
		const exists = await relationExists(connection, VERSIONS_SCHEMA, physicalName(node.name, node.version));
		let selectSql: string;
		let sqlText: string | null;
		if (node.kind === 'source') {
			if (!snapshot) throw new Error(`no snapshot for source ${node.name}`);
			const exportProblems = await validateSource(db, snapshot, options.dataDir);
			if (exportProblems.length > 0) return { ...baseResult(node), status: 'failed', ms: elapsed(started), error: exportProblems.join('; ') };
			selectSql = sourceSelectSql(snapshot);
			sqlText = null;
		} else {
			const model = node.model!;
			selectSql = await deserializeSql(db, redirectTables(await serializeSql(db, model.spec.sql), physicalTargets(plan)));
			sqlText = model.spec.sql;
		}
		if (!exists) {
			const ddl = node.kind === 'view' ? `create view ${target} as ${selectSql}` : `create table ${target} as ${selectSql}`;
			await timed(() => connection.run(ddl));
		}
		const rows = Number((await timed(() => connection.runAndReadAll(`select count(*)::bigint from ${target}`))).getRows()[0]![0]);
		const tests = node.model ? await runColumnTests(connection, node, plan, options.statementTimeoutMs) : [];
		if (!exists) {
			await connection.run(
				`insert or replace into ${META_SCHEMA}.model_versions values ($name, $version, $kind, $def, $path, $sql, ${listLiteral(node.parents)}, $rows, now(), $ms)`,
				{ name: node.name, version: node.version, kind: node.kind, def: node.definitionHash, path: node.model?.spec.path ?? null, sql: sqlText, rows, ms: Math.round(elapsed(started)) }
			);
		}
		const failing = tests.filter((t) => t.status !== 'pass');
		return {
			...baseResult(node),
			status: failing.length > 0 ? 'failed' : exists ? 'reused' : 'success',
			rows,
			ms: elapsed(started),
			tests,
			...(failing.length > 0 ? { error: `tests failed: ${failing.map((t) => `${t.name} (${t.detail ?? `${t.failingRows} failing rows`})`).join(', ')}` } : {})
		};
	} catch (error) {
		return { ...baseResult(node), status: 'failed', ms: elapsed(started), error: errorText(error) };
	}
}

async function runColumnTests(connection: DuckDBConnection, node: PlanNode, plan: BuildPlan, timeoutMs: number): Promise<TestResult[]> {
	const versionOf = new Map(plan.nodes.map((n) => [n.name, n.version]));
	const results: TestResult[] = [];
	for (const test of node.model!.spec.tests) {
		const name = describeColumnTest(test);
		try {
			const sql = columnTestSql(test, physicalRef(node.name, node.version), (model) => {
				const v = versionOf.get(model);
				if (!v) throw new Error(`relationships test names unknown model ${model}`);
				return physicalRef(model, v);
			});
			const count = await countRows(connection, sql, timeoutMs);
			results.push({ name, status: count === 0 ? 'pass' : 'fail', failingRows: count });
		} catch (error) {
			results.push({ name, status: 'error', failingRows: 0, detail: errorText(error) });
		}
	}
	return results;
}

async function runDataTests(db: Database, tests: readonly DataTest[], plan: BuildPlan, timeoutMs: number): Promise<TestResult[]> {
	const targets = physicalTargets(plan);
	const results: TestResult[] = [];
	for (const test of tests) {
		try {
			const ast = await serializeSql(db, test.sql);
			const unknown = tableReferences(ast).find((r) => r.schema !== '' || !targets.has(r.table));
			if (unknown) throw new Error(`reads unknown table ${unknown.schema ? `${unknown.schema}.` : ''}${unknown.table}`);
			const sql = await deserializeSql(db, redirectTables(ast, targets));
			const count = await db.withConnection((c) => countRows(c, sql, timeoutMs));
			results.push({ name: test.path, status: count === 0 ? 'pass' : 'fail', failingRows: count });
		} catch (error) {
			results.push({ name: test.path, status: 'error', failingRows: 0, detail: errorText(error) });
		}
	}
	return results;
}

async function countRows(connection: DuckDBConnection, sql: string, timeoutMs: number): Promise<number> {
	const reader = await withTimeout(connection, timeoutMs, () => connection.runAndReadAll(`select count(*)::bigint from (${sql})`));
	return Number(reader.getRows()[0]![0]);
}

/**
 * Swaps the public views to `plan`'s versions and records the publish, in one transaction: a reader sees
 * the whole old set or the whole new set. Also used by rollback with the versions of an earlier publish.
 */
export async function publish(
	db: Database,
	plan: Pick<BuildPlan, 'nodes' | 'removed'>,
	record: { author: string; message: string; kind: 'build' | 'rollback'; rollbackOf: number | null }
): Promise<number> {
	return db.withConnection(async (c) => {
		await c.run('begin transaction');
		try {
			const id = Number((await c.runAndReadAll(`select nextval('${META_SCHEMA}.publish_seq')`)).getRows()[0]![0]);
			for (const node of plan.nodes) {
				await c.run(`create or replace view ${PUBLIC_SCHEMA}.${quoteIdent(node.name)} as select * from ${physicalRef(node.name, node.version)}`);
				await c.run(`insert into ${META_SCHEMA}.publish_models values ($id, $name, $version)`, { id, name: node.name, version: node.version });
			}
			for (const name of plan.removed) await c.run(`drop view if exists ${PUBLIC_SCHEMA}.${quoteIdent(name)}`);
			await c.run(`insert into ${META_SCHEMA}.publishes values ($id, now(), $author, $message, $kind, $rollbackOf)`, {
				id,
				author: record.author,
				message: record.message,
				kind: record.kind,
				rollbackOf: record.rollbackOf
			});
			await c.run('commit');
			return id;
		} catch (error) {
			await c.run('rollback');
			throw error;
		}
	});
}

async function recordBuild(db: Database, result: BuildResult): Promise<void> {
	const summary = {
		status: result.status,
		nodes: result.nodes.map((n) => ({ name: n.name, status: n.status, change: n.change, rows: n.rows, ms: Math.round(n.ms), error: n.error })),
		dataTests: result.dataTests,
		problems: result.problems
	};
	await db.query(`insert into ${META_SCHEMA}.builds values ($id, $started::timestamptz, $finished::timestamptz, $status, $publishId, $summary::json)`, {
		id: result.buildId,
		started: result.startedAt,
		finished: result.finishedAt,
		status: result.status,
		publishId: result.publishId,
		summary: JSON.stringify(summary)
	});
}

function listLiteral(values: readonly string[]): string {
	return `[${values.map(quoteLiteral).join(', ')}]::varchar[]`;
}

function elapsed(started: number): number {
	return performance.now() - started;
}

function errorText(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).replace(/^Query failed: /, '');
}
