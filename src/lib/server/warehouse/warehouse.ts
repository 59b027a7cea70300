/**
 * The process's warehouse: one Database, confined to the exports directory, the lock that runs model
 * operations one at a time, and the state the health check reports. The server and the CLI both go through
 * it, and it implements the model operations (plan, build, rollback, log, diff, list, show, preview).
 */
import { Database } from '../db/database.ts';
import type { Config } from '../config.ts';
import { runBuild, type BuildOptions, type BuildResult } from '../models/run-build.ts';
import { META_SCHEMA, VERSIONS_SCHEMA, ensureCatalog, metaTableExists, physicalName, readPublishedState, type PublishedState } from '../models/catalog.ts';
import { NotReadyError, ReadOnlyReaderError } from '../errors.ts';
import { duckdbSnapshotSource, exportSnapshot, type SnapshotExport } from '../snapshots/export-snapshot.ts';
import { applyRetention } from '../models/apply-retention.ts';
import { describeModel, type ModelDescription } from '../models/describe-model.ts';
import { diffModelVersions, type ModelDiff } from '../models/diff-model-versions.ts';
import { listModels } from '../models/list-models.ts';
import type { ChangeRecord, ModelOperations, RollbackOutcome } from '../models/model-operations.ts';
import type { RetentionPolicy } from '../models/plan-retention.ts';
import { previewSelect, type PreviewResult } from '../models/preview-select.ts';
import { checkedTargets } from '../models/checked-targets.ts';
import { readPublishLog, type PublishLogEntry } from '../models/read-publish-log.ts';
import { rollbackPublish } from '../models/rollback-publish.ts';
import { readBuildMarker, removeBuildMarker, writeBuildMarker } from './build-marker.ts';
import { PreviewGate } from './preview-gate.ts';
import { PreviewMemoryWatch } from './preview-memory-watch.ts';

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
	Partial<Pick<Config, 'previewTimeoutMs' | 'previewConcurrency' | 'previewConcurrencyPerCaller' | 'previewMemoryMb' | 'memoryLimit' | 'tempLimit' | 'retainMaxMb' | 'snapshotDir'>>;

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
	readonly #previews: PreviewGate;
	readonly #previewMemory: PreviewMemoryWatch;
	#closing = false;
	/** A snapshot reader's warehouse: it answers queries and refuses every model change. */
	readonly #readOnly: boolean;
	readonly #publishListeners = new Set<(publishId: number) => void>();

	private constructor(config: WarehouseConfig, db: Database, now: () => Date, readOnly = false) {
		this.config = config;
		this.db = db;
		this.#now = now;
		this.#previews = new PreviewGate(config.previewConcurrency ?? 2, config.previewConcurrencyPerCaller ?? 1);
		this.#previewMemory = new PreviewMemoryWatch((config.previewMemoryMb ?? 512) * 1024 * 1024, async () => {
			const [row] = await db.query<{ bytes: string | number }>('select (coalesce(sum(memory_usage_bytes), 0) + coalesce(sum(temporary_storage_bytes), 0))::double as bytes from duckdb_memory()', undefined, { timeoutMs: 2000 });
			return { rssBytes: process.memoryUsage.rss(), duckdbBytes: Number(row?.bytes ?? 0) };
		});
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
		const settings: Record<string, string> = {};
		if (config.memoryLimit) settings.memory_limit = config.memoryLimit;
		if (config.tempLimit) settings.max_temp_directory_size = config.tempLimit;
		const db = await Database.open({ path: config.warehousePath, threads: config.threads, queryTimeoutMs: config.queryTimeoutMs, settings });
		try {
			// The snapshot directory is writable only by COPY from the engine's own code (models are SELECTs).
			await db.confine(config.snapshotDir ? [config.dataDir, config.snapshotDir] : [config.dataDir]);
			await db.withConnection(ensureCatalog);
			await recordKilledBuild(db, config.warehousePath);
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
		return { keepPublishes: this.config.retainPublishes, keepDays: this.config.retainDays, maxBytes: (this.config.retainMaxMb ?? 4096) * 1024 * 1024 };
	}

	/** Plans, builds, tests and publishes (retention runs after a publish). Waits for any running operation. */
	build(options: Pick<BuildOptions, 'author' | 'message' | 'onEvent' | 'full'> = {}): Promise<BuildResult> {
		return this.#exclusive(() =>
			this.#marked(async () => {
				const result = await runBuild(this.db, this.#buildOptions('build', options));
				const problem = result.status === 'published' ? await this.#exportSnapshot() : null;
				if (result.status === 'published' && result.publishId !== null) this.#published(result.publishId);
				return problem ? { ...result, problems: [...result.problems, problem] } : result;
			})
		);
	}

	/** Writes the current publish as a snapshot to `outDir` (see snapshots/export-snapshot.ts). */
	exportSnapshot(outDir: string): Promise<SnapshotExport> {
		return this.#exclusive(() => exportSnapshot(duckdbSnapshotSource(this.db), outDir));
	}

	/**
	 * After a publish or rollback with PARTNERSCOPE_SNAPSHOT_DIR: the snapshot for readers. The publish stands
	 * when the export fails (readers keep the previous manifest), so the failure is reported, not thrown.
	 */
	async #exportSnapshot(): Promise<string | null> {
		if (!this.config.snapshotDir) return null;
		try {
			await exportSnapshot(duckdbSnapshotSource(this.db), this.config.snapshotDir);
			return null;
		} catch (error) {
			const problem = `snapshot export to ${this.config.snapshotDir} failed (readers keep serving the previous publish): ${error instanceof Error ? error.message : String(error)}`;
			console.error(`partnerscope: ${problem}`);
			return problem;
		}
	}

	/**
	 * Calls `listener` with the new publish id after every publish (a build that published, a rollback), so
	 * the server can warm what depends on the published data (forecast-service.ts). Returns the unsubscribe.
	 */
	onPublish(listener: (publishId: number) => void): () => void {
		this.#publishListeners.add(listener);
		return () => this.#publishListeners.delete(listener);
	}

	#published(publishId: number): void {
		for (const listener of this.#publishListeners) {
			try {
				listener(publishId);
			} catch (error) {
				console.error(`partnerscope: after publish #${publishId}: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	}

	/** A snapshot reader's warehouse: every model change is refused. */
	get isReadOnly(): boolean {
		return this.#readOnly;
	}

	/**
	 * Builds and tests the candidates and diffs their data against the current publish; publishes nothing.
	 * `sqlDir` plans another copy of the project (the workspace's unsaved drafts); the candidates it builds are
	 * the versions the saved files will have, so the build after the save reuses them.
	 */
	plan(options: Pick<BuildOptions, 'author' | 'message' | 'onEvent'> & { readonly sqlDir?: string } = {}): Promise<BuildResult> {
		return this.#exclusive(() => this.#marked(() => runBuild(this.db, this.#buildOptions('plan', options))));
	}

	/** Leaves a marker while `work` runs, so a killed build is found at the next open (build-marker.ts). */
	async #marked<T>(work: () => Promise<T>): Promise<T> {
		if (this.#closing) throw new NotReadyError('the server is shutting down; no new build starts');
		writeBuildMarker(this.config.warehousePath, { buildId: crypto.randomUUID(), startedAt: new Date().toISOString(), pid: process.pid });
		try {
			return await work();
		} finally {
			removeBuildMarker(this.config.warehousePath);
		}
	}

	/**
	 * Graceful shutdown (SIGTERM): no new model operation starts, a running build is interrupted (it fails and is
	 * recorded; nothing half-built is published), then the database is closed.
	 */
	async shutdown(): Promise<void> {
		this.stopBuilding();
		await this.#queue;
		this.db.close();
	}

	/** The first half of shutdown, at SIGTERM: no new model operation, the running one interrupted; readers go on. */
	stopBuilding(): void {
		if (this.#closing) return;
		this.#closing = true;
		// A build runs many statements; keep interrupting until it has given up, not just the one running now.
		const timer = setInterval(() => this.db.interruptAll(), 100);
		this.db.interruptAll();
		void this.#queue.finally(() => clearInterval(timer));
	}

	rollback(publishId: number, record: ChangeRecord = {}): Promise<RollbackOutcome> {
		return this.#exclusive(async () => {
			const result = await rollbackPublish(this.db, publishId, { author: record.author ?? 'partnerscope', ...(record.message ? { message: record.message } : {}) });
			this.#published(result.publishId);
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

	/**
	 * An ad-hoc SELECT; `caller` identifies who asks, for the per-caller cap (429 beyond it). Each preview is
	 * capped in time, in memory (PreviewMemoryWatch, 422 beyond) and in the size of its answer.
	 */
	async preview(sql: string, limit: number, caller = 'local'): Promise<PreviewResult> {
		return this.#previews.run(caller, () => this.#previewMemory.run((signal) => this.#preview(sql, limit, signal)));
	}

	async #preview(sql: string, limit: number, signal: AbortSignal): Promise<PreviewResult> {
		const state = await this.publishedState();
		const nodes = [...state.models].map(([name, m]) => ({ name, version: m.version, kind: m.kind }));
		const checked = await this.db.withConnection((c) => checkedTargets(c, nodes, nodes.map((n) => n.name)));
		const timeoutMs = Math.min(this.config.previewTimeoutMs ?? 5000, this.config.queryTimeoutMs);
		return previewSelect(this.db, sql, { limit, timeoutMs, known: new Set(state.models.keys()), checked, signal });
	}

	#buildOptions(mode: 'plan' | 'build', options: Pick<BuildOptions, 'author' | 'message' | 'onEvent' | 'full'> & { readonly sqlDir?: string }): BuildOptions {
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
		if (this.#readOnly) return Promise.reject(new ReadOnlyReaderError('this server answers from a published snapshot and changes nothing; plan, build and roll back on the build machine'));
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
		if (!(await metaTableExists(this.db, 'builds'))) return null;
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

/** A build marker left by a killed process becomes an `interrupted` build record, so health reports it. */
async function recordKilledBuild(db: Database, warehousePath: string): Promise<void> {
	const marker = readBuildMarker(warehousePath);
	if (!marker) return;
	const problem = `a build started at ${marker.startedAt}${marker.pid ? ` by process ${marker.pid}` : ''} was killed before it finished; nothing from it was published and the previous publish serves`;
	await db.query(`insert into ${META_SCHEMA}.builds values ($id, $started::timestamptz, now(), 'interrupted', null, $summary::json)`, {
		id: marker.buildId,
		started: marker.startedAt,
		summary: JSON.stringify({ status: 'interrupted', problems: [problem] })
	});
	removeBuildMarker(warehousePath);
}
