/**
 * The process's warehouse: one Database, confined to the exports directory, the lock that runs model
 * operations one at a time, and the state the health check reports. The server and the CLI both go through
 * it, and it implements the model operations (plan, build, rollback, log, diff, list, show, preview).
 */
import { Database } from '../db/database.ts';
import type { Config } from '../config.ts';
import { runBuild, type BuildOptions, type BuildResult } from '../models/run-build.ts';
import { META_SCHEMA, ensureCatalog, readPublishedState, type PublishedState } from '../models/catalog.ts';
import { ForbiddenError, NotReadyError } from '../errors.ts';
import { duckdbSnapshotSource, exportSnapshot, type SnapshotExport } from '../snapshots/export-snapshot.ts';
import { applyRetention } from '../models/apply-retention.ts';
import { describeModel, type ModelDescription } from '../models/describe-model.ts';
import { diffModelVersions, type ModelDiff } from '../models/diff-model-versions.ts';
import { listModels } from '../models/list-models.ts';
import type { ChangeRecord, ModelOperations, RollbackOutcome } from '../models/model-operations.ts';
import type { RetentionPolicy } from '../models/plan-retention.ts';
import { previewSelect, type PreviewResult } from '../models/preview-select.ts';
import { readPublishLog, type PublishLogEntry } from '../models/read-publish-log.ts';
import { rollbackPublish } from '../models/rollback-publish.ts';

export type WarehouseConfig = Pick<
	Config,
	| 'warehousePath'
	| 'dataDir'
	| 'sqlDir'
	| 'baseCurrency'
	| 'queryTimeoutMs'
	| 'buildStatementTimeoutMs'
	| 'threads'
	| 'grossMargin'
	| 'weekStart'
	| 'retainPublishes'
	| 'retainDays'
> &
	Partial<Pick<Config, 'snapshotDir'>>;

export interface LastBuild {
	readonly buildId: string;
	readonly status: string;
	readonly startedAt: string;
	readonly finishedAt: string | null;
	readonly publishId: number | null;
	readonly problems: readonly string[];
}

export class Warehouse implements ModelOperations {
	readonly config: WarehouseConfig;
	readonly db: Database;
	/** Model operations that write (plan, build, rollback) run one after another, never at once. */
	#queue: Promise<unknown> = Promise.resolve();
	#running = 0;
	/** The clock retention reads; tests may pass their own. */
	readonly #now: () => Date;
	/** A snapshot reader's warehouse: it answers queries and refuses every model change. */
	readonly #readOnly: boolean;

	private constructor(config: WarehouseConfig, db: Database, now: () => Date, readOnly = false) {
		this.config = config;
		this.db = db;
		this.#now = now;
		this.#readOnly = readOnly;
	}

	/** A warehouse over a database a snapshot reader prepared: reads work, plan, build and rollback are refused. */
	static readOnly(config: WarehouseConfig, db: Database): Warehouse {
		return new Warehouse(config, db, () => new Date(), true);
	}

	/**
	 * Opens the warehouse file and confines the DuckDB instance before anything else runs: it can read files in
	 * the exports directory only (besides its own database and temp files), write none, attach nothing, install
	 * or load no extension and change no setting. Model SQL additionally passes the statement gate.
	 */
	static async open(config: WarehouseConfig, options: { now?: () => Date } = {}): Promise<Warehouse> {
		const db = await Database.open({ path: config.warehousePath, threads: config.threads, queryTimeoutMs: config.queryTimeoutMs });
		try {
			// The snapshot directory is writable only by COPY from the engine's own code (models are SELECTs).
			await db.confine(config.snapshotDir ? [config.dataDir, config.snapshotDir] : [config.dataDir]);
			await db.withConnection(ensureCatalog);
		} catch (error) {
			db.close();
			throw error;
		}
		return new Warehouse(config, db, options.now ?? (() => new Date()));
	}

	get isBuilding(): boolean {
		return this.#running > 0;
	}

	get retention(): RetentionPolicy {
		return { keepPublishes: this.config.retainPublishes, keepDays: this.config.retainDays };
	}

	/** Plans, builds, tests and publishes (retention runs after a publish). Waits for any running operation. */
	build(options: Pick<BuildOptions, 'author' | 'message' | 'onEvent'> = {}): Promise<BuildResult> {
		return this.#exclusive(async () => {
			const result = await runBuild(this.db, this.#buildOptions('build', options));
			if (result.status === 'published') await this.#exportSnapshot();
			return result;
		});
	}

	/** Writes the current publish as a snapshot to `outDir` (see snapshots/export-snapshot.ts). */
	exportSnapshot(outDir: string): Promise<SnapshotExport> {
		return this.#exclusive(() => exportSnapshot(duckdbSnapshotSource(this.db), outDir));
	}

	async #exportSnapshot(): Promise<void> {
		if (this.config.snapshotDir) await exportSnapshot(duckdbSnapshotSource(this.db), this.config.snapshotDir);
	}

	/** Builds and tests the candidates and diffs their data against the current publish; publishes nothing. */
	plan(options: Pick<BuildOptions, 'author' | 'message' | 'onEvent'> = {}): Promise<BuildResult> {
		return this.#exclusive(() => runBuild(this.db, this.#buildOptions('plan', options)));
	}

	rollback(publishId: number, record: ChangeRecord = {}): Promise<RollbackOutcome> {
		return this.#exclusive(async () => {
			const result = await rollbackPublish(this.db, publishId, { author: record.author ?? 'partnerscope', ...(record.message ? { message: record.message } : {}) });
			await this.#exportSnapshot();
			return { ...result, retention: await applyRetention(this.db, this.retention, this.#now()) };
		});
	}

	log(options: { limit?: number } = {}): Promise<PublishLogEntry[]> {
		return readPublishLog(this.db, options);
	}

	diff(name: string, from?: number, to?: number): Promise<ModelDiff> {
		return diffModelVersions(this.db, name, from, to);
	}

	async listModels() {
		const { publishId, models } = await listModels(this.db, this.config.sqlDir);
		return { publishId, models };
	}

	describeModel(name: string): Promise<ModelDescription> {
		return describeModel(this.db, this.config.sqlDir, name);
	}

	async preview(sql: string, limit: number): Promise<PreviewResult> {
		const state = await this.publishedState();
		return previewSelect(this.db, sql, { limit, timeoutMs: this.config.queryTimeoutMs, known: new Set(state.models.keys()) });
	}

	#buildOptions(mode: 'plan' | 'build', options: Pick<BuildOptions, 'author' | 'message' | 'onEvent'>): BuildOptions {
		return {
			sqlDir: this.config.sqlDir,
			dataDir: this.config.dataDir,
			statementTimeoutMs: this.config.buildStatementTimeoutMs,
			mode,
			retention: this.retention,
			now: this.#now,
			...options
		};
	}

	#exclusive<T>(work: () => Promise<T>): Promise<T> {
		if (this.#readOnly) return Promise.reject(new ForbiddenError('this server answers from a published snapshot and changes nothing; plan, build and roll back on the build machine'));
		this.#running++;
		const run = this.#queue.then(work, work);
		this.#queue = run.catch(() => undefined);
		return run.finally(() => {
			this.#running--;
		});
	}

	publishedState(): Promise<PublishedState> {
		return readPublishedState(this.db);
	}

	/** Throws NotReadyError (503) with the last build's problems when nothing has ever been published. */
	async requirePublished(): Promise<PublishedState> {
		const state = await this.publishedState();
		if (state.publishId !== null) return state;
		const last = await this.lastBuild();
		const why = last?.problems.length ? last.problems.join('; ') : 'no build has been published yet; run `partnerscope build`';
		throw new NotReadyError(why);
	}

	async lastBuild(): Promise<LastBuild | null> {
		const exists = await this.db.query(`select 1 from information_schema.tables where table_schema = '${META_SCHEMA}' and table_name = 'builds'`);
		if (exists.length === 0) return null;
		const [row] = await this.db.query<{ build_id: string; status: string; started_at: string; finished_at: string | null; publish_id: number | null; summary: string }>(
			`select build_id, status, started_at, finished_at, publish_id, summary::varchar as summary from ${META_SCHEMA}.builds order by started_at desc limit 1`
		);
		if (!row) return null;
		const summary = JSON.parse(row.summary) as { problems?: string[]; nodes?: { name: string; status: string; error?: string }[]; dataTests?: { name: string; status: string; detail?: string; failingRows: number }[] };
		const problems = [
			...(summary.problems ?? []),
			...(summary.nodes ?? []).filter((n) => n.status === 'failed' && n.error && !(summary.problems ?? []).some((p) => p.startsWith(`${n.name}:`))).map((n) => `${n.name}: ${n.error}`),
			...(summary.dataTests ?? []).filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.detail ?? `${t.failingRows} failing rows`}`)
		];
		return { buildId: row.build_id, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at, publishId: row.publish_id, problems };
	}

	close(): void {
		this.db.close();
	}
}
