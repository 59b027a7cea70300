/**
 * The process's warehouse: one Database, the build lock and the state the health check reports.
 * The server and the CLI both go through it, so a build never runs twice at once in one process.
 */
import { Database } from '../db/database.ts';
import type { Config } from '../config.ts';
import { runBuild, type BuildOptions, type BuildResult } from '../models/run-build.ts';
import { META_SCHEMA, readPublishedState, type PublishedState } from '../models/catalog.ts';
import { NotReadyError } from '../errors.ts';

export type WarehouseConfig = Pick<
	Config,
	'warehousePath' | 'dataDir' | 'sqlDir' | 'baseCurrency' | 'queryTimeoutMs' | 'buildStatementTimeoutMs' | 'threads' | 'grossMargin' | 'weekStart'
>;

export interface LastBuild {
	readonly buildId: string;
	readonly status: string;
	readonly startedAt: string;
	readonly finishedAt: string | null;
	readonly publishId: number | null;
	readonly problems: readonly string[];
}

export class Warehouse {
	readonly config: WarehouseConfig;
	readonly db: Database;
	#building: Promise<BuildResult> | null = null;

	private constructor(config: WarehouseConfig, db: Database) {
		this.config = config;
		this.db = db;
	}

	static async open(config: WarehouseConfig): Promise<Warehouse> {
		const db = await Database.open({ path: config.warehousePath, threads: config.threads, queryTimeoutMs: config.queryTimeoutMs });
		return new Warehouse(config, db);
	}

	get isBuilding(): boolean {
		return this.#building !== null;
	}

	/** Runs a build unless one is already running, in which case the caller shares its result. */
	build(options: Pick<BuildOptions, 'author' | 'message' | 'dryRun' | 'onEvent'> = {}): Promise<BuildResult> {
		if (this.#building) return this.#building;
		this.#building = runBuild(this.db, {
			sqlDir: this.config.sqlDir,
			dataDir: this.config.dataDir,
			statementTimeoutMs: this.config.buildStatementTimeoutMs,
			...options
		}).finally(() => {
			this.#building = null;
		});
		return this.#building;
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
