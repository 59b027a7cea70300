/**
 * The ClickHouse runner: the same plan as the DuckDB build (parse and gate with DuckDB's parser, plan,
 * fingerprints, column and data tests, history in the warehouse file's ps_meta tables), executed on
 * ClickHouse. Each model's DuckDB SQL is transpiled (or its hand-written <model>.clickhouse.sql used); the
 * transpiled text and the transpiler's version are part of its version. Every version is an immutable table
 * `<database>.<name>__<version>`, built under a temporary name and renamed when complete. A publish is one
 * row inserted into `<database>.ps_publishes` (name -> version map): readers resolve that row first, so
 * they never mix versions. Called by the CLI (`PARTNERSCOPE_ENGINE=clickhouse`) and the parity test.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { ModelError, NotFoundError } from '../errors.ts';
import { readPublishSets } from '../models/read-publish-log.ts';
import { admitSelect } from '../models/admit-select.ts';
import { CATALOG_DDL, META_SCHEMA, readPublishedState } from '../models/catalog.ts';
import { columnTestSql, describeColumnTest } from '../models/column-test-sql.ts';
import { loadProject, type DataTest } from '../models/load-project.ts';
import { SOURCE_TIME_COLUMNS } from '../models/source-days.ts';
import { dataTestsHash, planBuild, type AnalyzedModel, type PlanNode } from '../models/plan-build.ts';
import { analyzeProject, type BuildMode, type BuildResult, type NodeResult, type TestResult } from '../models/run-build.ts';
import { snapshotSources, sourceFingerprintInput, validateSource, type SourceSnapshot } from '../models/sources.ts';
import { quoteLiteral } from '../models/sql-text.ts';
import type { RetentionPolicy } from '../models/plan-retention.ts';
import { applyClickHouseRetention } from './clickhouse-retention.ts';
import { summarizePlan } from '../models/summarize-plan.ts';
import type { ClickHouseConnection } from './clickhouse-connection.ts';
import { clickHouseSourceSelect, clickHouseText } from './clickhouse-models.ts';
import { TranspileError, redirectClickHouseTables, transpileToClickHouse, transpilerVersion } from './clickhouse-sql.ts';
import { recordBuild } from '../models/record-build.ts';

export interface ClickHouseBuildOptions {
	readonly sqlDir: string;
	readonly dataDir: string;
	/** The ClickHouse database holding the versioned tables and ps_publishes. */
	readonly database: string;
	readonly mode?: BuildMode;
	readonly author?: string;
	readonly message?: string;
	readonly onEvent?: (event: { type: 'node'; result: NodeResult }) => void;
	/** Applied after a publish (clickhouse-retention.ts); absent: nothing is dropped. */
	readonly retention?: RetentionPolicy;
	readonly now?: () => Date;
}

/** A model as planned for ClickHouse: its ClickHouse text (transpiled or hand-written). */
export interface ClickHouseModel {
	readonly name: string;
	readonly sql: string;
	readonly origin: 'hand-written' | 'transpiled';
	readonly file: string | null;
}

export const PUBLISHES_TABLE = 'ps_publishes';

export const physicalTable = (name: string, version: string) => `${name}__${version}`;

/** Parse, gate and transpile every model; the ClickHouse text joins the fingerprint. */
export async function planClickHouse(db: Database, sqlDir: string, dataDir: string) {
	const project = await loadProject(sqlDir);
	const analysis = await analyzeProject(db, project);
	const problems = [...analysis.problems];
	const models: AnalyzedModel[] = [];
	const texts = new Map<string, ClickHouseModel>();
	const version = transpilerVersion();
	for (const model of analysis.models) {
		try {
			const text = await clickHouseText(sqlDir, `models/${model.spec.path}`, model.spec.sql);
			texts.set(model.spec.name, { name: model.spec.name, ...text });
			models.push({ ...model, canonical: `${model.canonical}\n-- engine: clickhouse (${version})\n${text.sql}` });
		} catch (error) {
			if (!(error instanceof TranspileError)) throw error;
			problems.push({ model: model.spec.name, message: `models/${model.spec.path}: ${error.message}` });
		}
	}
	const snapshots = await snapshotSources(dataDir);
	const published = await readPublishedState(db);
	const plan = planBuild({
		models,
		// The time columns too: the plan refuses a model whose lookback names a source without one (ClickHouse
		// still builds every version in full; the plan is shared with DuckDB).
		sources: snapshots.map((s) => ({ name: s.name, fingerprintInput: `engine: clickhouse\n${sourceFingerprintInput(s)}`, timeColumn: SOURCE_TIME_COLUMNS[s.table] ?? null })),
		published: published.models
	});
	return { project, plan, texts, snapshots, published, problems: [...problems, ...plan.problems] };
}

export async function runClickHouseBuild(db: Database, ch: ClickHouseConnection, options: ClickHouseBuildOptions): Promise<BuildResult> {
	const mode = options.mode ?? 'build';
	const buildId = randomUUID();
	const startedAt = new Date().toISOString();
	await db.withConnection(async (c) => {
		for (const ddl of CATALOG_DDL) await c.run(ddl);
	});
	const database = options.database;
	await ch.command(
		`CREATE TABLE IF NOT EXISTS \`${database}\`.${PUBLISHES_TABLE} (publish_id UInt64, published_at DateTime64(3, 'UTC'), kind String, models Map(String, String)) ENGINE = MergeTree ORDER BY publish_id`
	);
	const { project, plan, texts, snapshots, published, problems: found } = await planClickHouse(db, options.sqlDir, options.dataDir);
	const problems = found.map((p) => `${p.model}: ${p.message}`);
	const failedEarly = new Set(found.map((p) => p.model));
	const testsHash = dataTestsHash(project.dataTests);
	const summary = summarizePlan(plan, published.publishId, published.publishId !== null && testsHash !== published.testsHash);
	const finish = (status: BuildResult['status'], publishId: number | null, nodes: NodeResult[], dataTests: TestResult[], retention: BuildResult['retention'] = null): BuildResult => ({
		buildId,
		mode,
		status,
		publishId,
		startedAt,
		finishedAt: new Date().toISOString(),
		plan: summary,
		nodes,
		dataTests,
		dataDiffs: [],
		dataDiffErrors: [],
		problems,
		retention
	});
	if (problems.length === 0 && summary.upToDate) return finish('up_to_date', published.publishId, plan.nodes.map((n) => ({ ...base(n), status: 'unchanged' })), []);

	const results = new Map<string, NodeResult>();
	const bySnapshot = new Map(snapshots.map((s) => [s.name, s]));
	const targets = new Map(plan.nodes.map((n) => [n.name, physicalTable(n.name, n.version)]));
	const emit = (r: NodeResult) => {
		results.set(r.name, r);
		options.onEvent?.({ type: 'node', result: r });
	};
	for (const node of plan.nodes) {
		const blocked = node.parents.find((p) => results.get(p)?.status === 'failed' || results.get(p)?.status === 'skipped');
		if (failedEarly.has(node.name)) emit({ ...base(node), status: 'failed', error: problems.filter((p) => p.startsWith(`${node.name}:`)).map((p) => p.slice(node.name.length + 2)).join('; ') });
		else if (blocked) emit({ ...base(node), status: 'skipped', error: `skipped because ${blocked} did not build` });
		else if (node.change === 'unchanged' && (await tableExists(ch, database, targets.get(node.name)!))) emit({ ...base(node), status: 'unchanged' });
		else emit(await buildNode(db, ch, node, { database, targets, snapshot: bySnapshot.get(node.name), text: texts.get(node.name), dataDir: options.dataDir }));
	}
	for (const p of found) if (!results.has(p.model)) results.set(p.model, { name: p.model, kind: 'table', version: '', change: 'changed', status: 'failed', rows: null, ms: 0, error: p.message, tests: [] });

	const nodes = [...results.values()];
	const nodesOk = nodes.every((n) => n.status !== 'failed' && n.status !== 'skipped');
	const dataTests = nodesOk ? await runDataTests(db, ch, project.dataTests, options.sqlDir, database, targets) : [];
	const ok = nodesOk && dataTests.every((t) => t.status === 'pass');
	if (!ok || mode === 'plan') {
		const result = finish(ok ? 'planned' : 'failed', null, nodes, dataTests);
		if (mode === 'build') await recordBuild(db, result, 'clickhouse');
		return result;
	}
	const publishId = await publishClickHouse(db, ch, database, plan, { author: options.author ?? 'partnerscope', message: options.message ?? 'build', kind: 'build', rollbackOf: null, testsHash });
	const retention = options.retention ? await applyClickHouseRetention(db, ch, database, options.retention, (options.now ?? (() => new Date()))()) : null;
	const result = finish('published', publishId, nodes, dataTests, retention);
	await recordBuild(db, result, 'clickhouse');
	return result;
}

function base(node: PlanNode): Omit<NodeResult, 'status'> {
	return { name: node.name, kind: node.kind, version: node.version, change: node.change, rows: null, ms: 0, tests: [] };
}

async function tableExists(ch: ClickHouseConnection, database: string, table: string): Promise<boolean> {
	const rows = await ch.query<{ n: number | string }>(`SELECT count() AS n FROM system.tables WHERE database = ${quoteLiteral(database)} AND name = ${quoteLiteral(table)}`);
	return Number(rows[0]?.n ?? 0) > 0;
}

const ident = (s: string) => `\`${s.replace(/`/g, '``')}\``;

async function buildNode(
	db: Database,
	ch: ClickHouseConnection,
	node: PlanNode,
	context: { database: string; targets: ReadonlyMap<string, string>; snapshot: SourceSnapshot | undefined; text: ClickHouseModel | undefined; dataDir: string }
): Promise<NodeResult> {
	const started = performance.now();
	const table = context.targets.get(node.name)!;
	const target = `${ident(context.database)}.${ident(table)}`;
	try {
		const exists = await tableExists(ch, context.database, table);
		let select: string;
		if (node.kind === 'source') {
			if (!context.snapshot) throw new Error(`no snapshot for source ${node.name}`);
			// The export contract is checked by the same code, with the same messages, as on DuckDB.
			const exportProblems = await validateSource(db, context.snapshot, context.dataDir);
			if (exportProblems.length > 0) return { ...base(node), status: 'failed', ms: performance.now() - started, error: exportProblems.join('; ') };
			select = clickHouseSourceSelect(context.snapshot);
		} else {
			select = redirectClickHouseTables(context.text!.sql, context.database, context.targets);
		}
		if (!exists) {
			// Built under a temporary name and renamed when complete: a versioned table is whole or absent.
			const temporary = `${ident(context.database)}.${ident(`${table}__building_${randomUUID().slice(0, 8)}`)}`;
			const columns = await ch.query<{ name: string; type: string }>(`DESCRIBE (${select})`);
			const renamed = columns.map((c) => duckdbShapedColumn(c.name, c.type)).join(', ');
			const engine = node.kind === 'view' ? null : 'ENGINE = MergeTree ORDER BY tuple()';
			if (engine) {
				await ch.command(`CREATE TABLE ${temporary} ${engine} AS SELECT ${renamed} FROM (${select})`);
				await ch.command(`RENAME TABLE ${temporary} TO ${target}`);
			} else {
				await ch.command(`CREATE VIEW IF NOT EXISTS ${target} AS SELECT ${renamed} FROM (${select})`);
			}
		}
		const rows = Number((await ch.query<{ n: number | string }>(`SELECT count() AS n FROM ${target}`))[0]!.n);
		const tests = node.model ? await runColumnTests(ch, node, target, context.database, context.targets) : [];
		if (!exists) {
			await db.query(
				`insert or replace into ${META_SCHEMA}.model_versions values ($name, $version, $kind, $def, $path, $sql, [${node.parents.map(quoteLiteral).join(', ')}]::varchar[], $rows, now(), $ms)`,
				{ name: node.name, version: node.version, kind: node.kind, def: node.definitionHash, path: node.model?.spec.path ?? null, sql: node.model?.spec.text ?? null, rows, ms: Math.round(performance.now() - started) }
			);
		}
		const failing = tests.filter((t) => t.status !== 'pass');
		return {
			...base(node),
			status: failing.length > 0 ? 'failed' : exists ? 'reused' : 'success',
			rows,
			ms: performance.now() - started,
			tests,
			...(failing.length > 0 ? { error: `tests failed: ${failing.map((t) => `${t.name} (${t.detail ?? `${t.failingRows} failing rows`})`).join(', ')}` } : {})
		};
	} catch (error) {
		return { ...base(node), status: 'failed', ms: performance.now() - started, error: errorText(error) };
	}
}

/**
 * One column of a model table, named and typed as DuckDB would: ClickHouse keeps `s.col` as the name of a
 * column two joined tables share (DuckDB says `col`), counts are UInt64 (DuckDB: BIGINT) and comparisons
 * UInt8 (DuckDB: BOOLEAN).
 */
export function duckdbShapedColumn(name: string, type: string): string {
	const target = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
	const nullable = /^Nullable\((.*)\)$/.exec(type);
	const inner = nullable ? nullable[1]! : type;
	const wrap = (t: string) => (nullable ? `Nullable(${t})` : t);
	const cast = /^UInt(16|32|64)$/.test(inner) ? wrap('Int64') : inner === 'UInt8' ? wrap('Bool') : null;
	return cast ? `CAST(${ident(name)}, '${cast}') AS ${ident(target)}` : `${ident(name)} AS ${ident(target)}`;
}

async function countRows(ch: ClickHouseConnection, sql: string): Promise<number> {
	return Number((await ch.query<{ n: number | string }>(`SELECT count() AS n FROM (${sql})`))[0]!.n);
}

async function runColumnTests(ch: ClickHouseConnection, node: PlanNode, target: string, database: string, targets: ReadonlyMap<string, string>): Promise<TestResult[]> {
	const results: TestResult[] = [];
	for (const test of node.model!.spec.tests) {
		const name = describeColumnTest(test);
		try {
			// The DuckDB test SQL, transpiled; `__self__` and the related model are redirected like model SQL.
			const duckdb = columnTestSql(test, '__self__', (model) => {
				if (!targets.has(model)) throw new Error(`relationships test names unknown model ${model}`);
				return model;
			});
			const sql = redirectClickHouseTables(transpileToClickHouse(duckdb), database, new Map([...targets, ['__self__', target.split('.').pop()!.replace(/`/g, '')]]));
			const count = await countRows(ch, sql);
			results.push({ name, status: count === 0 ? 'pass' : 'fail', failingRows: count });
		} catch (error) {
			results.push({ name, status: 'error', failingRows: 0, detail: errorText(error) });
		}
	}
	return results;
}

async function runDataTests(db: Database, ch: ClickHouseConnection, tests: readonly DataTest[], sqlDir: string, database: string, targets: ReadonlyMap<string, string>): Promise<TestResult[]> {
	const results: TestResult[] = [];
	for (const test of tests) {
		try {
			await admitSelect(db, test.sql, { known: new Set(targets.keys()) });
			const text = await clickHouseText(sqlDir, test.path, test.sql);
			const count = await countRows(ch, redirectClickHouseTables(text.sql, database, targets));
			results.push({ name: test.path, status: count === 0 ? 'pass' : 'fail', failingRows: count });
		} catch (error) {
			results.push({ name: test.path, status: 'error', failingRows: 0, detail: errorText(error) });
		}
	}
	return results;
}

export interface ClickHousePublishRecord {
	readonly author: string;
	readonly message: string;
	readonly kind: 'build' | 'rollback';
	readonly rollbackOf: number | null;
	readonly testsHash: string | null;
}

/**
 * Records the publish in the catalog (one DuckDB transaction) and switches ClickHouse's pointer with ONE
 * inserted row before that transaction commits: a reader of ps_publishes sees the whole old set or the whole
 * new one. If the insert fails nothing is recorded; the versioned tables it names are immutable.
 */
export async function publishClickHouse(
	db: Database,
	ch: ClickHouseConnection,
	database: string,
	set: { readonly nodes: readonly { readonly name: string; readonly version: string }[] },
	record: ClickHousePublishRecord
): Promise<number> {
	return db.withConnection(async (c) => {
		await c.run('begin transaction');
		try {
			const id = Number((await c.runAndReadAll(`select nextval('${META_SCHEMA}.publish_seq')`)).getRows()[0]![0]);
			for (const node of set.nodes) await c.run(`insert into ${META_SCHEMA}.publish_models values ($id, $name, $version)`, { id, name: node.name, version: node.version });
			await c.run(
				`insert into ${META_SCHEMA}.publishes (publish_id, published_at, author, message, kind, rollback_of, tests_hash) values ($id, now(), $author, $message, $kind, $rollbackOf, $testsHash)`,
				{ id, author: record.author, message: record.message, kind: record.kind, rollbackOf: record.rollbackOf, testsHash: record.testsHash }
			);
			const map = `map(${set.nodes.flatMap((n) => [quoteLiteral(n.name), quoteLiteral(physicalTable(n.name, n.version))]).join(', ')})`;
			await ch.command(`INSERT INTO \`${database}\`.${PUBLISHES_TABLE} SELECT ${id}, now64(3, 'UTC'), ${quoteLiteral(record.kind)}, ${map}`);
			await c.run('commit');
			return id;
		} catch (error) {
			await c.run('rollback');
			throw error;
		}
	});
}

/**
 * `models rollback` on ClickHouse: publishes an earlier publish's versions again (one pointer row), instant
 * while their tables exist on ClickHouse, a clear ModelError otherwise.
 */
export async function rollbackClickHouse(
	db: Database,
	ch: ClickHouseConnection,
	database: string,
	targetId: number,
	record: { author: string; message?: string }
): Promise<{ publishId: number; rollbackOf: number; models: { name: string; version: string }[]; removed: string[] }> {
	const [target] = await db.query<{ tests_hash: string | null }>(`select tests_hash from ${META_SCHEMA}.publishes where publish_id = $id`, { id: targetId });
	if (!target) throw new NotFoundError(`publish #${targetId} does not exist; \`partnerscope models log\` lists the publishes`);
	const current = await readPublishedState(db);
	if (current.publishId === targetId) throw new ModelError(`publish #${targetId} is already serving; nothing to roll back`);
	const set = (await readPublishSets(db, [targetId])).get(targetId) ?? new Map();
	const models = [...set].map(([name, v]) => ({ name, version: v.version })).sort((a, b) => a.name.localeCompare(b.name));
	const missing: string[] = [];
	for (const m of models) if (!(await tableExists(ch, database, physicalTable(m.name, m.version)))) missing.push(`${database}.${physicalTable(m.name, m.version)}`);
	if (missing.length > 0) throw new ModelError(`publish #${targetId} can no longer be restored instantly: ClickHouse no longer has ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}; restore its model files and build instead`, { missing });
	const publishId = await publishClickHouse(db, ch, database, { nodes: models }, { author: record.author, message: record.message ?? `rollback to #${targetId}`, kind: 'rollback', rollbackOf: targetId, testsHash: target.tests_hash });
	return { publishId, rollbackOf: targetId, models, removed: [...current.models.keys()].filter((name) => !set.has(name)).sort() };
}

/** What a ClickHouse reader resolves first: the current publish and the table of every model. */
export async function readClickHousePointer(ch: ClickHouseConnection, database: string): Promise<{ publishId: number; tables: Record<string, string> } | null> {
	const [row] = await ch.query<{ publish_id: number | string; models: Record<string, string> }>(
		`SELECT publish_id, models FROM \`${database}\`.${PUBLISHES_TABLE} ORDER BY publish_id DESC LIMIT 1`
	);
	return row ? { publishId: Number(row.publish_id), tables: row.models } : null;
}

function errorText(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).replace(/^Query failed: /, '').split('\n')[0]!.slice(0, 2000);
}

