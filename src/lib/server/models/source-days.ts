/**
 * Day fingerprints of the export sources: each parquet file is read once (when first seen, or when its size or
 * modification time changes) for its rows and a content hash per day of the table's time column, kept in
 * ps_meta.file_days. From them a source's version depends on content, not on file times, and an incremental
 * build knows exactly which days a new or re-delivered file changed. Called by run-build before planning.
 */
import type { Database } from '../db/database.ts';
import { EXPORT_SCHEMA, type ExportTable } from '../exports/export-schema.ts';
import { applyExportContract } from '../exports/apply-export-contract.ts';
import { META_SCHEMA } from './catalog.ts';
import type { DayFingerprints } from './plan-incremental-days.ts';
import { sourceSelectSql, type ExportFile, type SourceSnapshot } from './sources.ts';
import { quoteIdent, quoteLiteral } from './sql-text.ts';
import { fileList, groupBySchema } from '../exports/file-batches.ts';

/** The column each export table is read by day with (UTC day); the others are read whole. */
export const SOURCE_TIME_COLUMNS: Readonly<Partial<Record<ExportTable, string>>> = { clicks: 'clicked_at', sales: 'converted_at', fx_rates: 'date' };

export interface FileDay {
	readonly day: string | null;
	readonly rows: bigint;
	readonly fp: bigint;
}

export const fileKey = (table: ExportTable, file: ExportFile) => `${table}/${file.relative}|${file.size}|${file.mtimeMs}`;

/** The SQL expression of a row's UTC day, over the contract's (cast) column. */
export function sourceDayExpr(table: ExportTable, column = SOURCE_TIME_COLUMNS[table]): string | null {
	if (!column) return null;
	const type = EXPORT_SCHEMA[table].find((c) => c.name === column)!.type;
	return type === 'DATE' ? `cast(${quoteIdent(column)} as date)` : `(cast(${quoteIdent(column)} as timestamptz) at time zone 'UTC')::date`;
}

/**
 * Reads the day fingerprints of every file not seen before (a file that cannot be read is left out: the
 * source's validation names it) and returns those of every current file, keyed by fileKey.
 */
export async function fingerprintSourceFiles(db: Database, snapshots: readonly SourceSnapshot[], timeoutMs: number): Promise<Map<string, FileDay[]>> {
	const known = new Map<string, FileDay[]>();
	const rows = await db.query<{ file_key: string; day: string | null; row_count: string; fp: string }>(
		`select file_key, day::varchar as day, row_count::varchar as row_count, fp::varchar as fp from ${META_SCHEMA}.file_days`
	);
	for (const r of rows) {
		const list = known.get(r.file_key) ?? [];
		list.push({ day: r.day, rows: BigInt(r.row_count), fp: BigInt(r.fp) });
		known.set(r.file_key, list);
	}
	const result = new Map<string, FileDay[]>();
	for (const snapshot of snapshots) {
		const day = sourceDayExpr(snapshot.table);
		const columns = EXPORT_SCHEMA[snapshot.table].map((c) => quoteIdent(c.name)).join(', ');
		const keyOf = new Map(snapshot.files.map((f) => [f.path, fileKey(snapshot.table, f)]));
		const fresh: string[] = [];
		for (const file of snapshot.files) {
			const seen = known.get(keyOf.get(file.path)!);
			if (seen) result.set(keyOf.get(file.path)!, seen);
			else fresh.push(file.path);
		}
		if (fresh.length === 0) continue;
		// Files of one schema are read by one statement (grouped by file); a group that fails (a file off the
		// contract, e.g. a column missing) is read file by file, and a file that cannot be read is left out.
		const read = async (paths: readonly string[]) => {
			const rows = await db.query<{ file: string; day: string | null; row_count: string; fp: string }>(
				`select filename as file, ${day ?? 'null::date'}::varchar as day, count(*)::varchar as row_count, coalesce(sum(hash(${columns})::hugeint), 0)::varchar as fp
				 from read_parquet(${fileList(paths)}, filename = true) group by all`,
				undefined,
				{ timeoutMs }
			);
			const byFile = new Map<string, FileDay[]>(paths.map((p) => [p, []]));
			for (const r of rows) byFile.get(r.file)?.push({ day: r.day, rows: BigInt(r.row_count), fp: BigInt(r.fp) });
			await storeFileDays(db, [...byFile].map(([p, days]) => [keyOf.get(p)!, days]));
			for (const [p, days] of byFile) result.set(keyOf.get(p)!, days);
		};
		const { groups, unreadable } = await groupBySchema(db, fresh, timeoutMs);
		for (const group of [...groups, ...unreadable.map((f) => [f])]) {
			try {
				await read(group);
			} catch {
				if (group.length === 1) continue; // unreadable or off-contract: validation reports it with the file and column
				for (const file of group) await read([file]).catch(() => undefined);
			}
		}
	}
	return result;
}

/** Replaces the recorded days of the given files, in one transaction. */
async function storeFileDays(db: Database, files: readonly (readonly [string, readonly FileDay[]])[]): Promise<void> {
	const values = files.flatMap(([key, days]) =>
		days.map((d) => `(${quoteLiteral(key)}, ${d.day === null ? 'null' : `${quoteLiteral(d.day)}::date`}, ${d.rows}::bigint, ${d.fp}::hugeint)`)
	);
	await db.withConnection(async (c) => {
		await c.run('begin transaction');
		try {
			await c.run(`delete from ${META_SCHEMA}.file_days where file_key in (select unnest(${listOf(files.map(([key]) => key))}))`);
			if (values.length > 0) await c.run(`insert into ${META_SCHEMA}.file_days values ${values.join(', ')}`);
			await c.run('commit');
		} catch (error) {
			await c.run('rollback').catch(() => undefined);
			throw error;
		}
	});
}

const listOf = (items: readonly string[]) => `[${items.map(quoteLiteral).join(', ')}]::varchar[]`;

/** A source's content per day (all files added up); tables read whole have one entry under ''. */
export function sourceDays(snapshot: SourceSnapshot, files: ReadonlyMap<string, readonly FileDay[]>): Map<string, string> {
	const sums = new Map<string, { rows: bigint; fp: bigint }>();
	for (const file of snapshot.files) {
		for (const d of files.get(fileKey(snapshot.table, file)) ?? []) {
			const key = d.day ?? '';
			const s = sums.get(key) ?? { rows: 0n, fp: 0n };
			sums.set(key, { rows: s.rows + d.rows, fp: s.fp + d.fp });
		}
	}
	return new Map([...sums].sort(([a], [b]) => a.localeCompare(b)).map(([day, s]) => [day, `${s.rows}:${s.fp}`]));
}

/**
 * The text a source's version hashes: where the files are, the contract's columns, the file names and the
 * content per day. A file rewritten with the same rows keeps the version; a file not fingerprinted (unreadable)
 * counts by size and time. The folder counts because a source version is a view over the files' paths: exports
 * moved elsewhere make a new view (and the incremental models then find no changed day).
 */
export function sourceContentInput(snapshot: SourceSnapshot, files: ReadonlyMap<string, readonly FileDay[]>): string {
	const first = snapshot.files[0];
	const folder = first ? first.path.slice(0, first.path.length - first.relative.length) : '';
	const columns = `${folder}\n${EXPORT_SCHEMA[snapshot.table].map((c) => `${c.name}:${c.type}`).join(',')}`;
	const names = snapshot.files.map((f) => (files.has(fileKey(snapshot.table, f)) ? f.relative : `${f.relative}|${f.size}|${f.mtimeMs}`)).sort();
	const days = [...sourceDays(snapshot, files)].map(([day, print]) => `${day}=${print}`);
	return `${columns}\n${names.join('\n')}\n${days.join('\n')}`;
}

/** Records a source version's day fingerprints (once per version) so incremental builds can diff them later. */
export async function storeSourceVersionDays(db: Database, name: string, version: string, days: DayFingerprints): Promise<void> {
	const [exists] = await db.query(`select 1 from ${META_SCHEMA}.version_days where name = $name and version = $version limit 1`, { name, version });
	if (exists || days.size === 0) return;
	const values = [...days]
		.filter(([day]) => day !== '')
		.map(([day, print]) => {
			const [rows, fp] = print.split(':');
			return `(${quoteLiteral(day)}::date, ${BigInt(rows!)}::bigint, ${BigInt(fp!)}::hugeint)`;
		});
	if (values.length === 0) return;
	await db.query(`insert into ${META_SCHEMA}.version_days select $name, $version, d, r, f from (values ${values.join(', ')}) as v(d, r, f)`, { name, version });
}

/**
 * The SELECT of a source limited to some days: only the files holding one of those days are read, and a
 * range on the raw column lets parquet statistics skip row groups. The export contract (copies collapsed to
 * the latest state, future rows quarantined) applies within the window, which equals applying it to all
 * rows as long as the copies of one key share its day (a re-delivered sale keeps its converted_at).
 */
export function sourceWindowSql(snapshot: SourceSnapshot, files: ReadonlyMap<string, readonly FileDay[]>, days: readonly string[], now: Date, withoutCopies = false): string {
	return applyExportContract(rawWindowSql(snapshot, files, days), snapshot.table, now, { withoutCopies });
}

/** The window without the contract (the contract check counts what the contract would drop in it). */
export function rawWindowSql(snapshot: SourceSnapshot, files: ReadonlyMap<string, readonly FileDay[]>, days: readonly string[]): string {
	const column = SOURCE_TIME_COLUMNS[snapshot.table];
	const dayExpr = sourceDayExpr(snapshot.table);
	if (!column || !dayExpr) throw new Error(`source ${snapshot.name} has no time column`);
	const wanted = new Set(days);
	const holding = snapshot.files.filter((f) => (files.get(fileKey(snapshot.table, f)) ?? [{ day: null }]).some((d) => d.day === null || wanted.has(d.day)));
	if (holding.length === 0 || days.length === 0) return `select * from (${sourceSelectSql({ ...snapshot, files: snapshot.files.slice(0, 1) })}) where false`;
	const first = days[0]!;
	const last = days[days.length - 1]!;
	const isDate = EXPORT_SCHEMA[snapshot.table].find((c) => c.name === column)!.type === 'DATE';
	const range = isDate
		? `${quoteIdent(column)} between ${quoteLiteral(first)}::date and ${quoteLiteral(last)}::date`
		: `${quoteIdent(column)} >= ${quoteLiteral(`${first} 00:00:00+00`)}::timestamptz and ${quoteIdent(column)} < ${quoteLiteral(`${last} 00:00:00+00`)}::timestamptz + interval 1 day`;
	return `select * from (${sourceSelectSql({ ...snapshot, files: holding })}) where ${range} and ${dayExpr} in (${days.map((d) => `${quoteLiteral(d)}::date`).join(', ')})`;
}
