/**
 * Executes a plan or a build: analyze the project (every SELECT through the statement gate), plan it, build
 * every new version into its own physical table, test it, and diff its data against the published version.
 * A plan stops there (the candidates stay, immutable, for the build that follows); a build then publishes
 * the whole set in ONE transaction and applies the retention rule. A failure anywhere publishes nothing and
 * the previous state keeps serving; the result says per node: success, reused, unchanged, failed or skipped.
 * Called by the Warehouse (server and CLI).
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withTimeout, type Database } from '../db/database.ts';
import { QueryTimeoutError } from '../errors.ts';
import { SqlAnalysisError, canonicalAst, deserializeSql, lineAndColumn, redirectTables } from './analyze-sql.ts';
import { admitSelect } from './admit-select.ts';
import { requireBoundReads } from './bound-reads.ts';
import { applyRetention, type RetentionOutcome } from './apply-retention.ts';
import { CATALOG_DDL, LINEAGE_SCHEMA, META_SCHEMA, VERSIONS_SCHEMA, WORK_SCHEMA, physicalName, physicalRef, readPublishedState } from './catalog.ts';
import { columnTestSql, describeColumnTest } from './column-test-sql.ts';
import { loadProject, type DataTest, type SqlProject } from './load-project.ts';
import { dataTestsHash, planBuild, type AnalyzedModel, type BuildPlan, type Change, type NodeKind, type PlanNode } from './plan-build.ts';
import type { RetentionPolicy } from './plan-retention.ts';
import { publishVersions } from './publish-versions.ts';
import { readDataDiff, type ModelDataDiff } from './read-data-diff.ts';
import { snapshotSources, sourceSelectSql, validateSource, type SourceSnapshot } from './sources.ts';
import { checkSourceContract } from '../exports/check-source-contract.ts';
import { SOURCE_TIME_COLUMNS, fileKey, fingerprintSourceFiles, sourceContentInput, sourceDays, storeSourceVersionDays, type FileDay } from './source-days.ts';
import { buildIncremental } from './build-incremental.ts';
import { checkedTargets } from './checked-targets.ts';
import { quoteIdent, quoteLiteral } from './sql-text.ts';
import { summarizePlan, type PlanSummary } from './summarize-plan.ts';
import { recordBuild } from './record-build.ts';

export type BuildMode = 'plan' | 'build';

export interface BuildOptions {
	readonly sqlDir: string;
	readonly dataDir: string;
	readonly statementTimeoutMs: number;
	/** `plan`: build and test the candidates and diff their data, publish nothing. `build` (default): also publish. */
	readonly mode?: BuildMode;
	readonly author?: string;
	readonly message?: string;
	/** Applied after a successful publish; without it nothing is dropped. */
	readonly retention?: RetentionPolicy;
	/** Rebuild every incremental model from scratch instead of replacing only the affected days. */
	readonly full?: boolean;
	/** The clock retention reads (default: the system clock). */
	readonly now?: () => Date;
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
	/** Export-contract warnings of a source (quarantined rows, collapsed copies, time zones); it still built. */
	readonly warnings?: readonly string[];
	readonly tests: readonly TestResult[];
	/** Incremental models: built in full (and why) or the days replaced. */
	readonly incremental?: { readonly mode: 'full'; readonly reason: string } | { readonly mode: 'days'; readonly days: number; readonly first: string | null; readonly last: string | null };
}

/** The outcome of a plan or a build: JSON-safe, so the API can return it and a remote CLI print it. */
export interface BuildResult {
	readonly buildId: string;
	readonly mode: BuildMode;
	/** `planned`: a plan whose candidates all built and passed; `up_to_date`: nothing to do. */
	readonly status: 'published' | 'up_to_date' | 'failed' | 'planned';
	readonly publishId: number | null;
	readonly startedAt: string;
	readonly finishedAt: string;
	readonly plan: PlanSummary;
	readonly nodes: readonly NodeResult[];
	readonly dataTests: readonly TestResult[];
	/** Per model whose version changed: the candidate's data against the published version's. */
	readonly dataDiffs: readonly ModelDataDiff[];
	readonly dataDiffErrors: readonly { readonly name: string; readonly error: string }[];
	/** Problems found before anything ran (parse, gate refusals, unknown tables, cycles). */
	readonly problems: readonly string[];
	/** What the retention rule dropped after the publish (null when nothing was published). */
	readonly retention: RetentionOutcome | null;
}

/** Parses every model with DuckDB through the statement gate and returns what the planner needs. */
export async function analyzeProject(db: Database, project: SqlProject): Promise<{ models: AnalyzedModel[]; problems: { model: string; message: string }[] }> {
	const models: AnalyzedModel[] = [];
	const problems = [...project.problems];
	for (const spec of project.models) {
		const locate = (offset: number | null) => {
			if (offset === null) return null;
			const { line, column } = lineAndColumn(spec.sql, offset);
			return { line: spec.sqlLine + line - 1, column };
		};
		const where = (offset: number | null) => {
			const at = locate(offset);
			return at ? `models/${spec.path}:${at.line}:${at.column}` : `models/${spec.path}`;
		};
		try {
			const { ast, references } = await admitSelect(db, spec.sql);
			models.push({
				spec,
				parents: [...new Set(references.map((r) => r.table))],
				references: references.map((r) => {
					const at = locate(r.position);
					return { name: r.table, line: at?.line ?? null, column: at?.column ?? null };
				}),
				canonical: JSON.stringify(canonicalAst(ast).statements)
			});
		} catch (error) {
			if (!(error instanceof SqlAnalysisError)) throw error;
			problems.push({ model: spec.name, message: `${where(error.position)}: ${error.message}` });
		}
	}
	return { models, problems };
}

export async function runBuild(db: Database, options: BuildOptions): Promise<BuildResult> {
	const mode = options.mode ?? 'build';
	const buildId = randomUUID();
	const startedAt = new Date().toISOString();
	await db.withConnection(async (c) => {
		for (const ddl of CATALOG_DDL) await c.run(ddl);
	});

	const project = await loadProject(options.sqlDir);
	const analysis = await analyzeProject(db, project);
	const snapshots = await snapshotSources(options.dataDir);
	const fileDays = await fingerprintSourceFiles(db, snapshots, options.statementTimeoutMs);
	const published = await readPublishedState(db);
	const plan = planBuild({
		models: analysis.models,
		sources: snapshots.map((s) => ({ name: s.name, fingerprintInput: sourceContentInput(s, fileDays), timeColumn: SOURCE_TIME_COLUMNS[s.table] ?? null })),
		published: published.models
	});
	for (const s of snapshots) {
		const version = plan.nodes.find((n) => n.name === s.name)?.version;
		if (version && SOURCE_TIME_COLUMNS[s.table]) await storeSourceVersionDays(db, s.name, version, sourceDays(s, fileDays));
	}
	options.onEvent?.({ type: 'planned', plan });
	const problems = [...analysis.problems, ...plan.problems].map((p) => `${p.model}: ${p.message}`);
	const failedEarly = new Set([...analysis.problems, ...plan.problems].map((p) => p.model));
	const testsHash = dataTestsHash(project.dataTests);
	const summary = summarizePlan(plan, published.publishId, published.publishId !== null && testsHash !== published.testsHash);
	const finish = (
		status: BuildResult['status'],
		publishId: number | null,
		nodes: NodeResult[],
		dataTests: TestResult[],
		diffs: { dataDiffs: ModelDataDiff[]; dataDiffErrors: { name: string; error: string }[] } = { dataDiffs: [], dataDiffErrors: [] },
		retention: RetentionOutcome | null = null
	): BuildResult => ({
		buildId,
		mode,
		status,
		publishId,
		startedAt,
		finishedAt: new Date().toISOString(),
		plan: summary,
		nodes,
		dataTests,
		...diffs,
		problems,
		retention
	});

	if (problems.length === 0 && summary.upToDate && !options.full) {
		const result = finish('up_to_date', published.publishId, plan.nodes.map((n) => unchangedResult(n)), []);
		if (mode === 'build') await recordBuild(db, result);
		return result;
	}

	const results = new Map<string, NodeResult>();
	/** Incremental models built by replacing days: which days (the data diff reads only those). */
	const replacedDays = new Map<string, readonly string[]>();
	const bySnapshot = new Map<string, SourceSnapshot>(snapshots.map((s) => [s.name, s]));
	await db.withConnection(async (connection) => {
		for (const node of plan.nodes) {
			const blocked = node.parents.find((p) => results.get(p)?.status === 'failed' || results.get(p)?.status === 'skipped');
			if (failedEarly.has(node.name)) {
				results.set(node.name, emit(options, { ...baseResult(node), status: 'failed', error: problems.filter((p) => p.startsWith(`${node.name}:`)).map((p) => p.slice(node.name.length + 2)).join('; ') }));
			} else if (blocked) {
				results.set(node.name, emit(options, { ...baseResult(node), status: 'skipped', error: `skipped because ${blocked} did not build` }));
			} else if (node.change === 'unchanged' && !(options.full && node.kind === 'incremental')) {
				results.set(node.name, emit(options, unchangedResult(node)));
			} else {
				results.set(node.name, emit(options, await buildNode(db, connection, node, plan, { snapshots: bySnapshot, fileDays, replacedDays }, options)));
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
	const diffs = await diffData(db, plan, results, replacedDays, options.statementTimeoutMs);
	const ok = nodesOk && dataTests.every((t) => t.status === 'pass');
	if (!ok || mode === 'plan') {
		const result = finish(ok ? 'planned' : 'failed', null, nodes, dataTests, diffs);
		if (mode === 'build') await recordBuild(db, result);
		return result;
	}
	const publishId = await publishVersions(db, plan, { author: options.author ?? 'partnerscope', message: options.message ?? 'build', kind: 'build', rollbackOf: null, testsHash });
	const retention = options.retention ? await applyRetention(db, options.retention, (options.now ?? (() => new Date()))()) : null;
	const result = finish('published', publishId, nodes, dataTests, diffs, retention);
	await recordBuild(db, result);
	return result;
}

/** Data diffs of every node that replaces a published version and has a candidate table to compare. */
async function diffData(db: Database, plan: BuildPlan, results: ReadonlyMap<string, NodeResult>, replacedDays: ReadonlyMap<string, readonly string[]>, timeoutMs: number) {
	const dataDiffs: ModelDataDiff[] = [];
	const dataDiffErrors: { name: string; error: string }[] = [];
	for (const node of plan.nodes) {
		// A source is the exports themselves (a view over every file): diffing it would read all of them twice;
		// what the new files changed shows in the models built from them.
		if (node.kind === 'source') continue;
		if (node.previousVersion === null || node.previousVersion === node.version || results.get(node.name)?.rows == null) continue;
		const days = replacedDays.get(node.name);
		const column = node.model?.spec.timeColumn;
		// An incremental build shares every row outside the replaced days with the published version.
		const onlyWhere =
			days && column ? (days.length === 0 ? 'false' : `${quoteIdent(column)} in (${days.map((d) => `${quoteLiteral(d)}::date`).join(', ')})`) : undefined;
		try {
			dataDiffs.push(
				await readDataDiff(
					db,
					{ name: node.name, kind: node.kind, change: node.change, fromVersion: node.previousVersion, toVersion: node.version, grain: node.model?.spec.grain ?? [], ...(onlyWhere ? { onlyWhere } : {}) },
					timeoutMs
				)
			);
		} catch (error) {
			dataDiffErrors.push({ name: node.name, error: errorText(error) });
		}
	}
	return { dataDiffs, dataDiffErrors };
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

/** ps_versions.fct_daily__3f2a… -> "fct_daily (version 3f2a…)", for refusals. */
function describePhysical(plan: BuildPlan): (table: string) => string {
	const names = new Map(plan.nodes.map((n) => [`${VERSIONS_SCHEMA}.${physicalName(n.name, n.version)}`.toLowerCase(), n.name]));
	return (table) => {
		const known = names.get(table);
		if (known) return known;
		// ps_versions.<name>__<version>, ps_work.shape__<name>__<version>, ps_lineage.<name>__<definition hash>
		if (table.startsWith(`${VERSIONS_SCHEMA}.`)) return table.slice(VERSIONS_SCHEMA.length + 1).replace(/__(\w+)$/, ' (version $1)');
		if (table.startsWith(`${WORK_SCHEMA}.shape__`)) return table.slice(WORK_SCHEMA.length + 8).replace(/__(\w+)$/, ' (version $1)');
		if (table.startsWith(`${LINEAGE_SCHEMA}.`)) return table.slice(LINEAGE_SCHEMA.length + 1).replace(/__\w+$/, '');
		return table;
	};
}

async function buildNode(
	db: Database,
	connection: DuckDBConnection,
	node: PlanNode,
	plan: BuildPlan,
	inputs: { readonly snapshots: ReadonlyMap<string, SourceSnapshot>; readonly fileDays: ReadonlyMap<string, readonly FileDay[]>; readonly replacedDays: Map<string, readonly string[]> },
	options: BuildOptions
): Promise<NodeResult> {
	const started = performance.now();
	const target = physicalRef(node.name, node.version);
	const timed = <T>(work: () => Promise<T>) => withTimeout(connection, options.statementTimeoutMs, work);
	const snapshot = inputs.snapshots.get(node.name);
	let incremental: NodeResult['incremental'];
	try {
		const exists = await relationExists(connection, VERSIONS_SCHEMA, physicalName(node.name, node.version));
		let selectSql = '';
		let sqlText: string | null;
		let warnings: readonly string[] = [];
		if (node.kind === 'source') {
			if (!snapshot) throw new Error(`no snapshot for source ${node.name}`);
			// Validation on read: the files are checked where they lie, then read in place by the source view.
			const valid = new Set((await db.query<{ file_key: string }>(`select file_key from ${META_SCHEMA}.validated_files`)).map((r) => r.file_key));
			const exportProblems = await validateSource(db, snapshot, options.dataDir, (f) => valid.has(fileKey(snapshot.table, f)), options.statementTimeoutMs);
			if (exportProblems.length > 0) return { ...baseResult(node), status: 'failed', ms: elapsed(started), error: exportProblems.join('; ') };
			const contract = await checkSourceContract(db, snapshot, node.version, sourceSelectSql(snapshot), {
				...options,
				fileDays: inputs.fileDays,
				previousVersion: node.previousVersion,
				timeoutMs: options.statementTimeoutMs
			});
			if (contract.problems.length > 0) return { ...baseResult(node), status: 'failed', ms: elapsed(started), error: contract.problems.join('; ') };
			await recordValidated(connection, snapshot.files.map((f) => fileKey(snapshot.table, f)).filter((k) => !valid.has(k)));
			selectSql = contract.selectSql;
			warnings = contract.warnings;
			sqlText = null;
		} else {
			const model = node.model!;
			// The SQL that runs is DuckDB's own rendering of the AST the gate admitted, never the file's text.
			const { ast } = await admitSelect(db, model.spec.sql);
			// What DuckDB will actually scan must be this model's own parents, whatever the SQL's spelling: checked
			// with the parents that are not plain tables (sources over files, views, incremental views) replaced by
			// empty tables of their shape, so any other read, a file included, shows in the plan and is refused.
			const checked = await checkedTargets(connection, plan.nodes, node.parents);
			await requireBoundReads(db, await deserializeSql(db, redirectTables(ast, checked.targets)), checked.allowed, describePhysical(plan));
			if (node.kind === 'incremental') {
				if (!exists || options.full) {
					const decision = await buildIncremental({ db, connection, node, plan, ast, targets: physicalTargets(plan), ...inputs, full: options.full ?? false, timeoutMs: options.statementTimeoutMs, now: (options.now ?? (() => new Date()))() });
					incremental = decision.mode === 'full' ? decision : { mode: 'days', days: decision.days.length, first: decision.days[0] ?? null, last: decision.days.at(-1) ?? null };
					if (decision.mode === 'days') inputs.replacedDays.set(node.name, decision.days);
				}
			} else {
				selectSql = await deserializeSql(db, redirectTables(ast, physicalTargets(plan)));
			}
			sqlText = model.spec.text;
		}
		if (!exists && node.kind !== 'incremental') {
			// Sources are views over the exports (never a copy of them); models are tables unless they say view.
			const ddl = node.kind === 'view' || node.kind === 'source' ? `create view ${target} as ${selectSql}` : `create table ${target} as ${selectSql}`;
			await timed(() => connection.run(ddl));
		}
		// A source's rows are its files' (known from their fingerprints): counting the view would read every export.
		const fileRows = snapshot ? sourceFileRows(snapshot, inputs.fileDays) : null;
		const rows = fileRows ?? Number((await timed(() => connection.runAndReadAll(`select count(*)::bigint from ${target}`))).getRows()[0]![0]);
		const tests = node.model ? await runColumnTests(connection, node, plan, options.statementTimeoutMs) : [];
		if (!exists || incremental) {
			await connection.run(
				`insert or replace into ${META_SCHEMA}.model_versions values ($name, $version, $kind, $def, $path, $sql, ${listLiteral(node.parents)}, $rows, now(), $ms)`,
				{ name: node.name, version: node.version, kind: node.kind, def: node.definitionHash, path: node.model?.spec.path ?? null, sql: sqlText, rows, ms: Math.round(elapsed(started)) }
			);
		}
		const failing = tests.filter((t) => t.status !== 'pass');
		return {
			...baseResult(node),
			status: failing.length > 0 ? 'failed' : exists && !incremental ? 'reused' : 'success',
			rows,
			ms: elapsed(started),
			tests,
			...(warnings.length > 0 ? { warnings } : {}),
			...(incremental ? { incremental } : {}),
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
	// Any test may read any model: the checked shapes are made once for all of them, not once per test.
	let checkedAll: ReturnType<typeof checkedTargets> | null = null;
	for (const test of tests) {
		try {
			const { ast } = await admitSelect(db, test.sql, { known: new Set(targets.keys()) });
			const sql = await deserializeSql(db, redirectTables(ast, targets));
			const checked = await (checkedAll ??= db.withConnection((c) => checkedTargets(c, plan.nodes, [...targets.keys()])));
			await requireBoundReads(db, await deserializeSql(db, redirectTables(ast, checked.targets)), checked.allowed, describePhysical(plan));
			const count = await db.withConnection((c) => countRows(c, sql, timeoutMs));
			results.push({ name: test.path, status: count === 0 ? 'pass' : 'fail', failingRows: count });
		} catch (error) {
			results.push({ name: test.path, status: 'error', failingRows: 0, detail: errorText(error) });
		}
	}
	return results;
}

/** The rows in a source's files, before the contract drops copies and future rows; null when a file was not fingerprinted. */
function sourceFileRows(snapshot: SourceSnapshot, fileDays: ReadonlyMap<string, readonly FileDay[]>): number | null {
	let rows = 0n;
	for (const file of snapshot.files) {
		const days = fileDays.get(fileKey(snapshot.table, file));
		if (!days) return null;
		for (const d of days) rows += d.rows;
	}
	return Number(rows);
}

async function countRows(connection: DuckDBConnection, sql: string, timeoutMs: number): Promise<number> {
	const reader = await withTimeout(connection, timeoutMs, () => connection.runAndReadAll(`select count(*)::bigint from (${sql})`));
	return Number(reader.getRows()[0]![0]);
}

async function recordValidated(connection: DuckDBConnection, keys: readonly string[]): Promise<void> {
	if (keys.length === 0) return;
	await connection.run(`insert into ${META_SCHEMA}.validated_files select unnest(${listLiteral(keys)})`);
}

function listLiteral(values: readonly string[]): string {
	return `[${values.map(quoteLiteral).join(', ')}]::varchar[]`;
}

function elapsed(started: number): number {
	return performance.now() - started;
}

function errorText(error: unknown): string {
	if (error instanceof QueryTimeoutError) return `${error.detail} (the time limit of one build statement, PARTNERSCOPE_BUILD_TIMEOUT_MS)`;
	return (error instanceof Error ? error.message : String(error)).replace(/^Query failed: /, '');
}
