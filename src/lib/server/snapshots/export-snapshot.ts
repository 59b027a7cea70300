/**
 * Writes the current publish as a snapshot: each model version's parquet file (skipped when the snapshot
 * already has it: a version never changes), then the manifest, then the pointer CURRENT by an atomic rename,
 * so a reader sees the old publish or the new one, never part of one. A DuckDB source (a view over the export
 * files where they lie) is exported as copies of its files, each copied once (snapshot-manifest.ts): a daily
 * publish adds that day's files, not another copy of every click. Old manifests and the files only they use
 * are pruned (the newest `keep` stay, so readers still answering from one keep their files).
 * Called after a publish (PARTNERSCOPE_SNAPSHOT_DIR) and by `partnerscope snapshot export`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { META_SCHEMA, VERSIONS_SCHEMA, physicalName, physicalRef } from '../models/catalog.ts';
import { quoteLiteral } from '../models/sql-text.ts';
import { POINTER_FILE, SNAPSHOT_FORMAT, SNAPSHOT_ROOT, dataFileName, parseManifest, replaceFileLiterals, serializeManifest, sharedSourceFile, type SnapshotManifest, type SnapshotModel } from './snapshot-manifest.ts';

/** Where a snapshot's rows come from: the current publish's record and a way to write one version's rows. */
export interface SnapshotSource {
	readonly engine: SnapshotManifest['engine'];
	readonly db: Database;
	/** Writes the rows of one model version to a parquet file at `file` (absolute). */
	writeParquet(name: string, version: string, file: string): Promise<void>;
	/** A source version read in place from export files: its SELECT and those files (absolute); null: export its rows. */
	sourceFiles?(name: string, version: string): Promise<{ select: string; files: readonly string[] } | null>;
}

export interface SnapshotExport {
	readonly manifest: SnapshotManifest;
	readonly manifestFile: string;
	/** Parquet files written now (the rest were already in the snapshot). */
	readonly written: readonly string[];
	readonly pruned: readonly string[];
}

/** The DuckDB warehouse as a snapshot source: COPY each version table to parquet. */
export function duckdbSnapshotSource(db: Database): SnapshotSource {
	return {
		engine: 'duckdb',
		db,
		writeParquet: async (name, version, file) => {
			await db.query(`copy (select * from ${physicalRef(name, version)}) to ${quoteLiteral(file)} (format parquet, compression zstd)`, undefined, { timeoutMs: 3_600_000 });
		},
		sourceFiles: async (name, version) => {
			const [view] = await db.query<{ sql: string }>(`select sql from duckdb_views() where schema_name = $schema and view_name = $view`, {
				schema: VERSIONS_SCHEMA,
				view: physicalName(name, version)
			});
			return view ? viewOverFiles(view.sql) : null;
		}
	};
}

/**
 * A source view's SELECT and the export files it reads, from DuckDB's text of the view (`CREATE VIEW x AS
 * SELECT ...;`, every file a quoted absolute path); null when it reads anything else or a file is gone.
 */
export function viewOverFiles(viewSql: string): { select: string; files: string[] } | null {
	const m = /^CREATE VIEW \S+ AS (select\b[\s\S]*?);?\s*$/i.exec(viewSql.trim());
	if (!m) return null;
	const files: string[] = [];
	replaceFileLiterals(m[1]!, (file) => (files.push(file), file));
	return files.length > 0 && files.every((f) => path.isAbsolute(f) && f.endsWith('.parquet') && existsSync(f)) ? { select: m[1]!, files } : null;
}

/** Copies a source's export files into the snapshot (each once, keyed by path, size and time) and rewrites its SELECT over them. */
async function shareSourceFiles(outDir: string, view: { select: string; files: readonly string[] }, written: string[]): Promise<{ select: string; files: string[]; bytes: number }> {
	const relative = new Map<string, string>();
	let bytes = 0;
	for (const file of view.files) {
		if (relative.has(file)) continue;
		const info = await stat(file);
		const rel = sharedSourceFile(createHash('sha256').update(`${file}\0${info.size}\0${info.mtimeMs}`).digest('hex').slice(0, 24));
		const full = path.join(outDir, rel);
		if (!existsSync(full)) {
			const partial = `${full}.${randomUUID().slice(0, 8)}.partial`;
			// A clone where the file system can (same bytes, no copy), a copy elsewhere; never a hard link: an
			// export rewritten in place must not change a published snapshot.
			await copyFile(file, partial, constants.COPYFILE_FICLONE);
			await rename(partial, full);
			written.push(rel);
		}
		relative.set(file, rel);
		bytes += info.size;
	}
	const select = replaceFileLiterals(view.select, (file) => {
		const rel = relative.get(file);
		return rel ? `${SNAPSHOT_ROOT}${rel}` : file;
	});
	return { select, files: [...new Set(relative.values())], bytes };
}

export async function exportSnapshot(source: SnapshotSource, outDir: string, options: { keep?: number } = {}): Promise<SnapshotExport> {
	const manifest = await currentManifest(source);
	await mkdir(path.join(outDir, 'data'), { recursive: true });
	await mkdir(path.join(outDir, 'sources'), { recursive: true });
	await mkdir(path.join(outDir, 'manifests'), { recursive: true });
	const written: string[] = [];
	const models: SnapshotModel[] = [];
	for (const model of manifest.models) {
		const view = model.kind === 'source' && source.sourceFiles ? await source.sourceFiles(model.name, model.version) : null;
		if (view) {
			const shared = await shareSourceFiles(outDir, view, written);
			models.push({ ...model, file: null, source: { select: shared.select, files: shared.files }, bytes: shared.bytes });
			continue;
		}
		const full = path.join(outDir, model.file!);
		if (!existsSync(full)) {
			const partial = `${full}.${randomUUID().slice(0, 8)}.partial`;
			await source.writeParquet(model.name, model.version, partial);
			await rename(partial, full);
			written.push(model.file!);
		}
		models.push({ ...model, bytes: (await stat(full)).size });
	}
	const complete: SnapshotManifest = { ...manifest, models };
	const { text, file } = serializeManifest(complete);
	await writeAtomically(path.join(outDir, file), text);
	await writeAtomically(path.join(outDir, POINTER_FILE), `${JSON.stringify({ manifest: file, publishId: complete.publishId })}\n`);
	const pruned = await pruneSnapshot(outDir, options.keep ?? 5);
	return { manifest: complete, manifestFile: file, written, pruned };
}

async function writeAtomically(file: string, text: string): Promise<void> {
	const partial = `${file}.${randomUUID().slice(0, 8)}.partial`;
	await writeFile(partial, text);
	await rename(partial, file);
}

/** The current publish as a manifest (files named, sizes filled in by the export). */
async function currentManifest(source: SnapshotSource): Promise<SnapshotManifest> {
	const [publish] = await source.db.query<{ publish_id: number; published_at: string; author: string; message: string; kind: string; rollback_of: number | null; tests_hash: string | null }>(
		`select publish_id, published_at, author, message, kind, rollback_of, tests_hash from ${META_SCHEMA}.publishes order by publish_id desc limit 1`
	);
	if (!publish) throw new Error('nothing is published yet: run `partnerscope build` before exporting a snapshot');
	const rows = await source.db.query<{ name: string; version: string; node_kind: string; definition_hash: string; path: string | null; sql: string | null; parents: string[]; row_count: number | null }>(
		`select pm.name, pm.version, mv.node_kind, mv.definition_hash, mv.path, mv.sql, mv.parents, mv.row_count
		 from ${META_SCHEMA}.publish_models pm join ${META_SCHEMA}.model_versions mv using (name, version)
		 where pm.publish_id = $id order by pm.name`,
		{ id: publish.publish_id }
	);
	return {
		format: SNAPSHOT_FORMAT,
		engine: source.engine,
		publishId: publish.publish_id,
		publishedAt: publish.published_at,
		author: publish.author,
		message: publish.message,
		kind: publish.kind,
		rollbackOf: publish.rollback_of,
		testsHash: publish.tests_hash,
		models: rows.map((r) => ({
			name: r.name,
			version: r.version,
			kind: r.node_kind,
			definitionHash: r.definition_hash,
			path: r.path,
			sql: r.sql,
			parents: r.parents,
			rows: Number(r.row_count ?? 0),
			file: dataFileName(r.name, r.version),
			bytes: 0
		}))
	};
}

/** Keeps the newest `keep` manifests (and the current one) and the parquet files any of them names. */
export async function pruneSnapshot(outDir: string, keep: number): Promise<string[]> {
	const manifests = (await readdir(path.join(outDir, 'manifests'))).filter((f) => f.endsWith('.json')).sort();
	const current = JSON.parse(await readFile(path.join(outDir, POINTER_FILE), 'utf8')) as { manifest: string };
	const kept = new Set([...manifests.slice(-keep).map((f) => `manifests/${f}`), current.manifest]);
	const used = new Set<string>();
	for (const file of kept)
		for (const model of parseManifest(await readFile(path.join(outDir, file), 'utf8'), file).models) {
			if (model.file) used.add(model.file);
			for (const f of model.source?.files ?? []) used.add(f);
		}
	const pruned: string[] = [];
	for (const f of manifests) {
		if (kept.has(`manifests/${f}`)) continue;
		await rm(path.join(outDir, 'manifests', f), { force: true });
		pruned.push(`manifests/${f}`);
	}
	for (const folder of ['data', 'sources']) {
		if (!existsSync(path.join(outDir, folder))) continue;
		for (const f of await readdir(path.join(outDir, folder))) {
			if (f.endsWith('.partial') || used.has(`${folder}/${f}`)) continue;
			await rm(path.join(outDir, folder, f), { force: true });
			pruned.push(`${folder}/${f}`);
		}
	}
	return pruned;
}
