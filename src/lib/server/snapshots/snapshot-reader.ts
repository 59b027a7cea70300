/**
 * A stateless read-only server over a snapshot directory: before each request it reads the pointer
 * CURRENT; when it names a newer manifest, it opens a fresh in-memory DuckDB whose public views read that
 * manifest's parquet files (and whose catalog holds that one publish), builds the API over it, and swaps it
 * in. A request keeps the generation it started with to the end, so one answer never mixes two publishes.
 * Nothing is ever written to the snapshot. Every generation's API has the same sign-in, roles and scopes as the
 * main server (the users file read-only, sessions signed: auth/signed-sessions.ts); a request that would
 * change something other than the caller's own sign-in is refused. Called by app-context when
 * PARTNERSCOPE_SNAPSHOT is set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ForecastService } from '../reports/forecast/forecast-service.ts';
import { createApi, type ApiBindings } from '../api/create-api.ts';
import { problemResponse, toProblem } from '../api/problem.ts';
import type { AuthDeps } from '../auth/identify.ts';
import type { DigestService } from '../digest/digest-service.ts';
import { Database } from '../db/database.ts';
import { NotReadyError } from '../errors.ts';
import { CATALOG_DDL, META_SCHEMA, PUBLIC_SCHEMA, physicalRef } from '../models/catalog.ts';
import { quoteIdent, quoteLiteral } from '../models/sql-text.ts';
import { Warehouse, type WarehouseConfig } from '../warehouse/warehouse.ts';
import { POINTER_FILE, parseManifest, parsePointer, type SnapshotManifest, sharedSourceSelect } from './snapshot-manifest.ts';

interface Generation {
	readonly manifestFile: string;
	readonly manifest: SnapshotManifest;
	readonly warehouse: Warehouse;
	readonly api: ReturnType<typeof createApi>;
	active: number;
	retired: boolean;
}

/** How long a superseded generation stays open after its last request (streamed bodies may still read). */
const RETIRE_AFTER_MS = 30_000;

export class SnapshotReader {
	readonly dir: string;
	readonly #config: WarehouseConfig;
	readonly #log: (line: string) => void;
	readonly #auth: AuthDeps;
	readonly #requestDeadlineMs: number | undefined;
	readonly #delivery: ((warehouse: Warehouse) => DigestService) | undefined;
	readonly #forecasts: ((warehouse: Warehouse) => ForecastService) | undefined;
	#current: Generation | null = null;
	#switching: Promise<Generation> | null = null;
	#lastFailure: { manifest: string; at: number } | null = null;

	/**
	 * `delivery`: the build machine's digest and alert state for a generation, read-only (never started here).
	 * `forecasts`: a generation's forecasts, warmed as soon as it opens (a new generation is a new publish).
	 */
	constructor(
		config: WarehouseConfig,
		dir: string,
		options: { auth: AuthDeps; log?: (line: string) => void; requestDeadlineMs?: number; delivery?: (warehouse: Warehouse) => DigestService; forecasts?: (warehouse: Warehouse) => ForecastService }
	) {
		this.#config = config;
		this.dir = path.resolve(dir);
		this.#auth = options.auth;
		this.#log = options.log ?? ((line) => console.error(line));
		this.#requestDeadlineMs = options.requestDeadlineMs;
		this.#delivery = options.delivery;
		this.#forecasts = options.forecasts;
	}

	/** The publish this reader serves now (null before the first manifest). */
	get publishId(): number | null {
		return this.#current?.manifest.publishId ?? null;
	}

	async fetch(request: Request, env: ApiBindings = {}): Promise<Response> {
		let generation: Generation;
		try {
			generation = await this.resolve();
		} catch (error) {
			// No snapshot yet, or the first one cannot be opened: a problem answer, never a crash.
			return problemResponse(toProblem(error, crypto.randomUUID(), new URL(request.url).pathname, this.#log));
		}
		generation.active++;
		try {
			const response = await generation.api.fetch(request, env);
			response.headers.set('x-partnerscope-publish', String(generation.manifest.publishId));
			return response;
		} finally {
			generation.active--;
			if (generation.retired) this.#scheduleClose(generation);
		}
	}

	/** Reads the pointer; switches to the manifest it names when that is new. */
	async resolve(): Promise<Generation> {
		let pointerText: string;
		try {
			pointerText = await readFile(path.join(this.dir, POINTER_FILE), 'utf8');
		} catch {
			if (this.#current) return this.#current; // a snapshot directory being replaced: keep serving
			throw new NotReadyError(`no snapshot published in ${this.dir} yet (${POINTER_FILE} is missing); run \`partnerscope snapshot export --out ${this.dir}\` on the build machine`);
		}
		let pointer: ReturnType<typeof parsePointer>;
		try {
			pointer = parsePointer(pointerText, path.join(this.dir, POINTER_FILE));
		} catch (error) {
			// A damaged pointer never stops the generation being served; with none, the answer says what is wrong.
			this.#log(`partnerscope: ${errorMessage(error)}`);
			if (this.#current) return this.#current;
			throw new NotReadyError(`the snapshot in ${this.dir} cannot be served: ${errorMessage(error)}`);
		}
		if (this.#current?.manifestFile === pointer.manifest) return this.#current;
		if (this.#current && this.#lastFailure?.manifest === pointer.manifest && Date.now() - this.#lastFailure.at < 1000) return this.#current;
		this.#switching ??= this.#open(pointer.manifest).finally(() => {
			this.#switching = null;
		});
		try {
			return await this.#switching;
		} catch (error) {
			this.#lastFailure = { manifest: pointer.manifest, at: Date.now() };
			this.#log(`partnerscope: could not open snapshot ${pointer.manifest}: ${errorMessage(error)}`);
			if (this.#current) return this.#current;
			throw new NotReadyError(`the snapshot in ${this.dir} cannot be served: ${errorMessage(error)}`);
		}
	}

	async #open(manifestFile: string): Promise<Generation> {
		if (this.#current?.manifestFile === manifestFile) return this.#current;
		const manifest = parseManifest(await readFile(path.join(this.dir, manifestFile), 'utf8'), manifestFile);
		const db = await Database.open({ path: ':memory:', threads: this.#config.threads, queryTimeoutMs: this.#config.queryTimeoutMs });
		try {
			await loadManifest(db, this.dir, manifest);
			await db.confine([this.dir]);
		} catch (error) {
			db.close();
			throw error;
		}
		const warehouse = Warehouse.readOnly(this.#config, db);
		const forecasts = this.#forecasts?.(warehouse);
		void forecasts?.warm();
		const api = createApi({
			warehouse,
			auth: this.#auth,
			log: this.#log,
			...(this.#requestDeadlineMs ? { requestDeadlineMs: this.#requestDeadlineMs } : {}),
			...(this.#delivery ? { delivery: this.#delivery(warehouse) } : {}),
			...(forecasts ? { forecasts } : {})
		});
		const generation: Generation = { manifestFile, manifest, warehouse, api, active: 0, retired: false };
		const previous = this.#current;
		this.#current = generation;
		if (previous) {
			previous.retired = true;
			this.#scheduleClose(previous);
		}
		return generation;
	}

	#scheduleClose(generation: Generation): void {
		if (generation.active > 0) return;
		setTimeout(() => {
			if (generation.active === 0) generation.warehouse.close();
		}, RETIRE_AFTER_MS).unref();
	}

	close(): void {
		this.#current?.warehouse.close();
		this.#current = null;
	}
}

/**
 * The warehouse's layout over the manifest's parquet files (a view per version in ps_versions, the public view
 * in main over it, so previews and reports read them as they read a warehouse) and a catalog holding exactly
 * its publish.
 */
async function loadManifest(db: Database, dir: string, manifest: SnapshotManifest): Promise<void> {
	await db.withConnection(async (c) => {
		for (const ddl of CATALOG_DDL) await c.run(ddl);
		for (const model of manifest.models) {
			// A shared source runs the warehouse's own SELECT over the snapshot's copies of its export files.
			const select = model.source
				? sharedSourceSelect(model.source, dir)
				: `select * from read_parquet(${quoteLiteral(path.join(dir, model.file!))})`;
			await c.run(`create view ${physicalRef(model.name, model.version)} as ${select}`);
			await c.run(`create view ${PUBLIC_SCHEMA}.${quoteIdent(model.name)} as select * from ${physicalRef(model.name, model.version)}`);
			await c.run(`insert into ${META_SCHEMA}.model_versions values ($name, $version, $kind, $def, $path, $sql, [${model.parents.map(quoteLiteral).join(', ')}]::varchar[], $rows, $at::timestamptz, null)`, {
				name: model.name,
				version: model.version,
				kind: model.kind,
				def: model.definitionHash,
				path: model.path,
				sql: model.sql,
				rows: model.rows,
				at: manifest.publishedAt
			});
			await c.run(`insert into ${META_SCHEMA}.publish_models values ($id, $name, $version)`, { id: manifest.publishId, name: model.name, version: model.version });
		}
		await c.run(
			`insert into ${META_SCHEMA}.publishes (publish_id, published_at, author, message, kind, rollback_of, tests_hash) values ($id, $at::timestamptz, $author, $message, $kind, $rollbackOf, $testsHash)`,
			{ id: manifest.publishId, at: manifest.publishedAt, author: manifest.author, message: manifest.message, kind: manifest.kind, rollbackOf: manifest.rollbackOf, testsHash: manifest.testsHash }
		);
	});
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
