/**
 * The snapshot format: one parquet file per model version (`data/<name>__<version>.parquet`, named by the
 * version, itself a content fingerprint), one manifest per publish (`manifests/<publish>-<sha256>.json`,
 * named by its own content) and the pointer `CURRENT` naming the manifest readers serve, replaced by an
 * atomic rename. A source read in place from the exports (DuckDB) is instead a copy of each export file it
 * reads (`sources/<key>.parquet`, keyed by the file's table, path, size and time, so a daily delivery adds its
 * new files only) and the source's SELECT over them, its file paths written `'@snapshot/sources/<key>.parquet'`.
 * Format 1 (no shared sources) is still read. Pure: types, naming and parsing. Called by snapshot export and
 * the snapshot reader.
 */
import { createHash } from 'node:crypto';

export const SNAPSHOT_FORMAT = 2;
/** The placeholder a shared source's SELECT writes before each of its files' snapshot paths. */
export const SNAPSHOT_ROOT = '@snapshot/';
export const POINTER_FILE = 'CURRENT';

export interface SnapshotModel {
	readonly name: string;
	readonly version: string;
	/** source, table or view: what it was in the warehouse. */
	readonly kind: string;
	readonly definitionHash: string;
	readonly path: string | null;
	readonly sql: string | null;
	readonly parents: readonly string[];
	readonly rows: number;
	/** Relative to the snapshot directory; null for a shared source (`source`). */
	readonly file: string | null;
	/** A source read from copies of its export files: the SELECT the warehouse's view runs, over those copies. */
	readonly source?: SharedSource;
	readonly bytes: number;
}

export interface SharedSource {
	readonly select: string;
	/** `sources/<key>.parquet`, relative to the snapshot directory. */
	readonly files: readonly string[];
}

export interface SnapshotManifest {
	readonly format: 1 | typeof SNAPSHOT_FORMAT;
	readonly engine: 'duckdb' | 'clickhouse';
	readonly publishId: number;
	readonly publishedAt: string;
	readonly author: string;
	readonly message: string;
	readonly kind: string;
	readonly rollbackOf: number | null;
	readonly testsHash: string | null;
	readonly models: readonly SnapshotModel[];
}

export interface SnapshotPointer {
	readonly manifest: string;
	readonly publishId: number;
}

export const dataFileName = (name: string, version: string) => `data/${name}__${version}.parquet`;

/** The manifest's text and its content-addressed file name. */
export function serializeManifest(manifest: SnapshotManifest): { text: string; file: string } {
	const text = `${JSON.stringify(manifest, null, '\t')}\n`;
	const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
	return { text, file: `manifests/${String(manifest.publishId).padStart(8, '0')}-${digest}.json` };
}

export class SnapshotFormatError extends Error {
	override name = 'SnapshotFormatError';
}

/** Parses a manifest, refusing anything that is not one (a reader never guesses). */
export function parseManifest(text: string, where: string): SnapshotManifest {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new SnapshotFormatError(`${where}: not JSON (${error instanceof Error ? error.message : String(error)})`);
	}
	const m = value as Partial<SnapshotManifest>;
	if (m?.format !== 1 && m?.format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError(`${where}: format must be 1 or ${SNAPSHOT_FORMAT}, saw ${JSON.stringify(m?.format)}`);
	if (!Number.isInteger(m.publishId)) throw new SnapshotFormatError(`${where}: publishId must be a whole number`);
	if (!Array.isArray(m.models) || m.models.length === 0) throw new SnapshotFormatError(`${where}: models must list at least one model`);
	for (const model of m.models) {
		if (!/^[a-z_][a-z0-9_]*$/.test(model.name ?? '')) throw new SnapshotFormatError(`${where}: model name ${JSON.stringify(model.name)} is not an identifier`);
		if (model.source !== undefined && m.format !== 1) {
			checkSharedSource(model.source, `${where}: source ${model.name}`);
			if (model.file !== null) throw new SnapshotFormatError(`${where}: source ${model.name} has both a file and shared files`);
		} else if (typeof model.file !== 'string' || !/^data\/[a-z0-9_]+__[0-9a-f]+\.parquet$/.test(model.file)) {
			throw new SnapshotFormatError(`${where}: model ${model.name} has file ${JSON.stringify(model.file)}, expected data/<name>__<version>.parquet`);
		}
	}
	return m as SnapshotManifest;
}

export const sharedSourceFile = (key: string) => `sources/${key}.parquet`;

/**
 * Every SQL string literal of `select` that names a file (holds a `/` or ends in `.parquet`; timestamps and enum
 * values do neither), unquoted, through `replace`, whose answer is quoted back in. How a source's SELECT is read
 * from the warehouse's view, rewritten over the snapshot's copies, checked and resolved by a reader.
 */
export function replaceFileLiterals(select: string, replace: (file: string) => string): string {
	return select.replace(/'((?:[^']|'')*)'/g, (whole, body: string) => {
		const value = body.replace(/''/g, "'");
		if (!value.includes('/') && !value.endsWith('.parquet')) return whole;
		return `'${replace(value).replace(/'/g, "''")}'`;
	});
}

/** A shared source's SELECT over the snapshot at `dir` (absolute): each `'@snapshot/<file>'` becomes that file's path. */
export function sharedSourceSelect(source: SharedSource, dir: string): string {
	return replaceFileLiterals(source.select, (file) => (file.startsWith(SNAPSHOT_ROOT) ? `${dir.replace(/\/+$/, '')}/${file.slice(SNAPSHOT_ROOT.length)}` : file));
}

/** A shared source reads exactly its listed copies: every file literal in its SELECT is one of them. */
function checkSharedSource(source: Partial<SharedSource>, where: string): void {
	if (typeof source.select !== 'string' || !/^\s*select\b/i.test(source.select)) throw new SnapshotFormatError(`${where}: select must be a SELECT`);
	if (!Array.isArray(source.files) || source.files.length === 0) throw new SnapshotFormatError(`${where}: files must list at least one file`);
	const files = new Set<string>();
	for (const f of source.files) {
		if (typeof f !== 'string' || !/^sources\/[0-9a-f]{24}\.parquet$/.test(f)) throw new SnapshotFormatError(`${where}: file ${JSON.stringify(f)} is not sources/<key>.parquet`);
		files.add(f);
	}
	replaceFileLiterals(source.select, (file) => {
		if (!file.startsWith(SNAPSHOT_ROOT) || !files.has(file.slice(SNAPSHOT_ROOT.length))) throw new SnapshotFormatError(`${where}: select reads ${JSON.stringify(file)}, which is not one of its files`);
		return file;
	});
}

export function parsePointer(text: string, where: string): SnapshotPointer {
	let value: Partial<SnapshotPointer>;
	try {
		value = JSON.parse(text) as Partial<SnapshotPointer>;
	} catch {
		throw new SnapshotFormatError(`${where}: not JSON`);
	}
	if (typeof value.manifest !== 'string' || !/^manifests\/\d{8}-[0-9a-f]{16}\.json$/.test(value.manifest)) throw new SnapshotFormatError(`${where}: manifest must name manifests/<publish>-<sha256>.json`);
	if (!Number.isInteger(value.publishId)) throw new SnapshotFormatError(`${where}: publishId must be a whole number`);
	return value as SnapshotPointer;
}
