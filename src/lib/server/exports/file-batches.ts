/**
 * Export files read in batches instead of one statement each: a daily delivery adds two or three files a day,
 * so a warehouse's first build meets thousands of small files, and per-file statements (describe, checks,
 * fingerprints) cost far more than their rows. Files are grouped by their parquet schema (one footer read for
 * the whole list), so one statement with `filename = true` reads a group and answers per file exactly what a
 * statement per file would: the same types, hence the same casts and hashes. A file whose footer cannot be
 * read is returned apart for the per-file path, which names it in its message. Used by the source
 * fingerprints, the source validation and the export contract's per-file rules.
 */
import type { Database } from '../db/database.ts';

/** At most this many files per statement: a bounded IN-list and a bounded group by filename. */
export const FILES_PER_STATEMENT = 128;

export interface SchemaGroups {
	/** Files with the same column names and types, each group at most FILES_PER_STATEMENT long. */
	readonly groups: readonly (readonly string[])[];
	/** Files whose schema could not be read (left to the per-file path and its message). */
	readonly unreadable: readonly string[];
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const fileList = (paths: readonly string[]) => `[${paths.map(literal).join(', ')}]`;

export function chunks<T>(items: readonly T[], size = FILES_PER_STATEMENT): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Groups the files by schema (column names, physical and DuckDB types, in file order). */
export async function groupBySchema(db: Database, paths: readonly string[], timeoutMs?: number): Promise<SchemaGroups> {
	const signatures = new Map<string, string>();
	const unreadable: string[] = [];
	const read = async (list: readonly string[]) => {
		const rows = await db.query<{ file_name: string; signature: string }>(
			`select file_name, string_agg(name || ':' || coalesce(type, '') || ':' || coalesce(duckdb_type, '') || ':' || coalesce(logical_type, ''), '|' order by column_id) as signature
			 from parquet_schema(${fileList(list)}) group by file_name`,
			undefined,
			{ timeoutMs }
		);
		for (const r of rows) signatures.set(r.file_name, r.signature);
	};
	for (const chunk of chunks(paths, 1024)) {
		try {
			await read(chunk);
		} catch {
			// One bad footer fails the list: find it file by file.
			for (const file of chunk) await read([file]).catch(() => unreadable.push(file));
		}
	}
	const bySignature = new Map<string, string[]>();
	for (const file of paths) {
		const signature = signatures.get(file);
		if (signature === undefined) {
			if (!unreadable.includes(file)) unreadable.push(file);
			continue;
		}
		const group = bySignature.get(signature) ?? [];
		group.push(file);
		bySignature.set(signature, group);
	}
	return { groups: [...bySignature.values()].flatMap((g) => chunks(g)), unreadable };
}
