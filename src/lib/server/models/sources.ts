/**
 * Sources: the export tables, declared once from the export contract. They are the only way models reach
 * parquet files, and they are views over the files, never copies. A source's version comes from its files'
 * names and content (source-days.ts), so new exports give new versions downstream. Validation names the file, the column and what was expected.
 * Called by the build; the file listing and checks are I/O, the SQL text builders are pure.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../files/list-files.ts';
import { EXPORT_SCHEMA, EXPORT_TABLES, type ExportTable } from '../exports/export-schema.ts';
import type { Database } from '../db/database.ts';
import { quoteIdent, quoteLiteral } from './sql-text.ts';
import { fileList, groupBySchema } from '../exports/file-batches.ts';

export const SOURCE_PREFIX = 'src_';
export const sourceName = (table: ExportTable) => `${SOURCE_PREFIX}${table}`;
export const SOURCE_NAMES: readonly string[] = EXPORT_TABLES.map(sourceName);

export interface ExportFile {
	readonly path: string;
	/** Relative to the data directory, with forward slashes. */
	readonly relative: string;
	readonly size: number;
	readonly mtimeMs: number;
}

export interface SourceSnapshot {
	readonly table: ExportTable;
	readonly name: string;
	readonly files: readonly ExportFile[];
}

/** Lists every parquet file of every export table (recursively, so hive partitions work). */
export async function snapshotSources(dataDir: string): Promise<SourceSnapshot[]> {
	return Promise.all(
		EXPORT_TABLES.map(async (table) => ({ table, name: sourceName(table), files: await listParquet(dataDir, path.join(dataDir, table)) }))
	);
}

async function listParquet(root: string, dir: string): Promise<ExportFile[]> {
	return Promise.all(
		(await listFiles(dir, '.parquet')).map(async (full) => {
			const s = await stat(full);
			return { path: full, relative: path.relative(root, full).split(path.sep).join('/'), size: s.size, mtimeMs: Math.trunc(s.mtimeMs) };
		})
	);
}

/** What a source's version depends on for an engine that copies it (ClickHouse): the contract's columns and every file's name, size and time. */
export function sourceFingerprintInput(snapshot: SourceSnapshot): string {
	const columns = EXPORT_SCHEMA[snapshot.table].map((c) => `${c.name}:${c.type}`).join(',');
	const files = snapshot.files.map((f) => `${f.relative}|${f.size}|${f.mtimeMs}`).join('\n');
	return `${columns}\n${files}`;
}

/**
 * Checks each file against the contract: readable, every required column present, values castable to the
 * declared type. Returns the problems (empty = good), each naming the file, the column and what was wrong.
 */
export async function validateSource(
	db: Database,
	snapshot: SourceSnapshot,
	dataDir: string,
	alreadyValid: (file: ExportFile) => boolean = () => false,
	timeoutMs?: number
): Promise<string[]> {
	const label = (p: string) => path.relative(path.dirname(dataDir), p).split(path.sep).join('/');
	if (snapshot.files.length === 0) return [`${path.basename(dataDir)}/${snapshot.table}/: no parquet files (expected one or more *.parquet files)`];
	const found = new Map<string, string[]>();
	const problem = (file: string, text: string) => found.set(file, [...(found.get(file) ?? []), `${label(file)}: ${text}`]);
	// Files of one schema share one describe and one cast check grouped by file (file-batches.ts); a group
	// whose check fails is checked again file by file so the message names the right file.
	const checkGroup = async (group: readonly string[]) => {
		let described: { column_name: string; column_type: string }[];
		try {
			described = await db.query(`describe select * from read_parquet(${quoteLiteral(group[0]!)})`);
		} catch (error) {
			for (const file of group) problem(file, `unreadable parquet file (${firstLine(error)})`);
			return;
		}
		const types = new Map(described.map((d) => [d.column_name.toLowerCase(), d.column_type]));
		const checks: string[] = [];
		for (const column of EXPORT_SCHEMA[snapshot.table]) {
			const seen = types.get(column.name);
			if (seen === undefined) {
				for (const file of group) problem(file, `missing column ${column.name} (expected ${column.type})`);
			} else if (!sameType(seen, column.type)) {
				checks.push(
					`sum(case when ${quoteIdent(column.name)} is not null and try_cast(${quoteIdent(column.name)} as ${column.type}) is null then 1 else 0 end) as ${quoteIdent(column.name)}`
				);
			}
		}
		if (checks.length === 0) return;
		try {
			const rows = await db.query(`select filename as ps_file, ${checks.join(', ')} from read_parquet(${fileList(group)}, filename = true) group by filename`, undefined, { timeoutMs });
			for (const row of rows) {
				for (const [name, count] of Object.entries(row)) {
					if (name === 'ps_file' || Number(count) === 0) continue;
					const column = EXPORT_SCHEMA[snapshot.table].find((c) => c.name === name)!;
					problem(String(row.ps_file), `column ${name} must be ${column.type}, saw ${types.get(name)} with ${count} value(s) that cannot be cast`);
				}
			}
		} catch (error) {
			if (group.length === 1) problem(group[0]!, `could not check column types (${firstLine(error)})`);
			else for (const file of group) await checkGroup([file]);
		}
	};
	const { groups, unreadable } = await groupBySchema(
		db,
		snapshot.files.filter((f) => !alreadyValid(f)).map((f) => f.path),
		timeoutMs
	);
	for (const group of [...groups, ...unreadable.map((f) => [f])]) await checkGroup(group);
	return snapshot.files.flatMap((f) => found.get(f.path) ?? []);
}

function sameType(seen: string, expected: string): boolean {
	const norm = (t: string) => t.toUpperCase().replace(/\s+/g, '').replace('TIMESTAMPWITHTIMEZONE', 'TIMESTAMPTZ');
	return norm(seen) === norm(expected);
}

function firstLine(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^Query failed: /, '');
}

/** The SELECT that materializes a source: the contract's columns, cast to their declared types, extra columns dropped. */
export function sourceSelectSql(snapshot: SourceSnapshot): string {
	const files = `[${snapshot.files.map((f) => quoteLiteral(f.path)).join(', ')}]`;
	const columns = EXPORT_SCHEMA[snapshot.table].map((c) => `cast(${quoteIdent(c.name)} as ${c.type}) as ${quoteIdent(c.name)}`);
	return `select ${columns.join(', ')} from read_parquet(${files}, union_by_name = true, hive_partitioning = false)`;
}
