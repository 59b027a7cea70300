/**
 * The snapshot format: one parquet file per model version (`data/<name>__<version>.parquet`, named by the
 * version, itself a content fingerprint), one manifest per publish (`manifests/<publish>-<sha256>.json`,
 * named by its own content) and the pointer `CURRENT` naming the manifest readers serve, replaced by an
 * atomic rename. Pure: types, naming and parsing. Called by snapshot export and the snapshot reader.
 */
import { createHash } from 'node:crypto';

export const SNAPSHOT_FORMAT = 1;
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
	/** Relative to the snapshot directory. */
	readonly file: string;
	readonly bytes: number;
}

export interface SnapshotManifest {
	readonly format: typeof SNAPSHOT_FORMAT;
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
	if (m?.format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError(`${where}: format must be ${SNAPSHOT_FORMAT}, saw ${JSON.stringify(m?.format)}`);
	if (!Number.isInteger(m.publishId)) throw new SnapshotFormatError(`${where}: publishId must be a whole number`);
	if (!Array.isArray(m.models) || m.models.length === 0) throw new SnapshotFormatError(`${where}: models must list at least one model`);
	for (const model of m.models) {
		if (!/^[a-z_][a-z0-9_]*$/.test(model.name ?? '')) throw new SnapshotFormatError(`${where}: model name ${JSON.stringify(model.name)} is not an identifier`);
		if (typeof model.file !== 'string' || !/^data\/[a-z0-9_]+__[0-9a-f]+\.parquet$/.test(model.file)) throw new SnapshotFormatError(`${where}: model ${model.name} has file ${JSON.stringify(model.file)}, expected data/<name>__<version>.parquet`);
	}
	return m as SnapshotManifest;
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
