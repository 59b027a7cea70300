/**
 * Writes the deterministic sample affiliate program as parquet exports (the format of export-schema.ts):
 * runs the compiled SQL of reference-sql.ts and month-sql.ts in an in-memory DuckDB, month by month, into a
 * temporary sibling folder that replaces the data directory only when complete. Called by `partnerscope generate`.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../lib/server/db/database.ts';
import { AppError } from '../lib/server/errors.ts';
import { EXPORT_TABLES, type ExportTable } from '../lib/server/exports/export-schema.ts';
import { MIN_PARTNERS } from './planted-fraud-partners.ts';
import { clicksExportSql, monthClicksSql, monthSalesSql, monthStateSql, salesExportSql, salesFlushSql, type MonthPass } from './month-sql.ts';
import { contextTablesSql, costsExportSql, fxExportSql, partnersExportSql, partnersTableSql, setupSql, type GeneratorSettings } from './reference-sql.ts';
import { formatDate, parseDate, sampleCalendar } from './sample-calendar.ts';
import { lit } from './sql-fragments.ts';

export interface GenerateProgress {
	readonly table: ExportTable;
	/** Steps of this table done so far, out of total (months for clicks and sales, 1 for the others). */
	readonly done: number;
	readonly total: number;
	/** Rows written by this step. */
	readonly rows?: number;
	/** The month written (YYYY-MM), for clicks and sales. */
	readonly month?: string;
}

export interface GenerateOptions {
	readonly dataDir: string;
	/** Same seed and options give the same rows. Default 42. */
	readonly seed?: number;
	/** Traffic multiplier: 1 is about 3.3 million clicks over the default 730 days; grows linearly. Default 1. */
	readonly scale?: number;
	/** Last day of data, YYYY-MM-DD (UTC). Default: yesterday. */
	readonly endDate?: string;
	/** Number of days of data ending on endDate. Default 730. */
	readonly days?: number;
	/** Number of partners. Default 300. */
	readonly partners?: number;
	/** Replace a non-empty dataDir. Default false. */
	readonly force?: boolean;
	/** DuckDB threads; 0 or undefined = DuckDB's default. The output does not depend on it. */
	readonly threads?: number;
	readonly onProgress?: (event: GenerateProgress) => void;
}

export interface GenerateResult {
	readonly rows: Readonly<Record<ExportTable, number>>;
	readonly files: number;
	readonly seconds: number;
	readonly dataDir: string;
	readonly startDate: string;
	readonly endDate: string;
}

/** An option out of range: the caller can fix it. */
export class GenerateOptionsError extends AppError {
	override name = 'GenerateOptionsError';
	constructor(detail: string) {
		super(400, 'Invalid generator option', { detail });
	}
}

/** The data directory holds something and `force` was not given; nothing was written. */
export class DataDirNotEmptyError extends AppError {
	override name = 'DataDirNotEmptyError';
	constructor(detail: string) {
		super(409, 'Data directory not empty', { detail });
	}
}

export const GENERATE_DEFAULTS = { seed: 42, scale: 1, days: 730, partners: 300 } as const;

/** Yesterday (UTC) of `now`: the default last day of the sample. */
export function defaultEndDate(now: Date): string {
	return formatDate(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
}

export async function generateSample(options: GenerateOptions): Promise<GenerateResult> {
	const began = performance.now();
	const settings = normalizeOptions(options);
	const dataDir = path.resolve(options.dataDir);
	await assertWritable(dataDir, options.force ?? false);

	const tmpDir = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.tmp-${process.pid}-${Date.now()}`);
	const rows: Record<ExportTable, number> = { clicks: 0, sales: 0, partners: 0, costs: 0, fx_rates: 0 };
	let files = 0;
	const progress = options.onProgress ?? (() => {});
	// One private in-memory database: the generator's tables never touch the warehouse.
	const database = await Database.open({ path: ':memory:', threads: options.threads });
	try {
		await database.withConnection(async (connection) => {
			for (const table of EXPORT_TABLES) await mkdir(path.join(tmpDir, table), { recursive: true });
			const run = (sql: string) => connection.run(sql);
			const copy = async (select: string, file: string): Promise<number> => {
				await mkdir(path.dirname(file), { recursive: true });
				files++;
				return copyToParquet(connection, select, file);
			};

			for (const sql of [...setupSql(settings), ...contextTablesSql(settings), partnersTableSql(settings), ...monthStateSql()]) await run(sql);

			const single: [ExportTable, string][] = [
				['partners', partnersExportSql()],
				['fx_rates', fxExportSql()],
				['costs', costsExportSql(settings)]
			];
			for (const [table, select] of single) {
				rows[table] = await copy(select, path.join(tmpDir, table, 'part-0.parquet'));
				progress({ table, done: 1, total: 1, rows: rows[table] });
			}

			const months = settings.calendar.months;
			for (const [index, month] of months.entries()) {
				const pass: MonthPass = { index, start: month.start, end: month.end };
				const partition = `month=${month.key}`;
				for (const sql of monthClicksSql(settings, pass)) await run(sql);
				const clicks = await copy(clicksExportSql(), path.join(tmpDir, 'clicks', partition, 'part-0.parquet'));
				rows.clicks += clicks;
				progress({ table: 'clicks', done: index + 1, total: months.length, rows: clicks, month: month.key });

				for (const sql of monthSalesSql(settings, pass)) await run(sql);
				// A sale is written with the month it converts in; later conversions wait in the buffer.
				const next = formatDate(parseDate(month.end) + 86_400_000);
				const sales = await copy(salesExportSql(next), path.join(tmpDir, 'sales', partition, 'part-0.parquet'));
				await run(salesFlushSql(next));
				rows.sales += sales;
				progress({ table: 'sales', done: index + 1, total: months.length, rows: sales, month: month.key });
			}
		});
	} catch (error) {
		await rm(tmpDir, { recursive: true, force: true });
		throw error;
	} finally {
		database.close();
	}

	await swapIntoPlace(tmpDir, dataDir);
	return {
		rows,
		files,
		seconds: Math.round(performance.now() - began) / 1000,
		dataDir,
		startDate: settings.calendar.start,
		endDate: settings.calendar.end
	};
}

function normalizeOptions(o: GenerateOptions): GeneratorSettings {
	const seed = o.seed ?? GENERATE_DEFAULTS.seed;
	const scale = o.scale ?? GENERATE_DEFAULTS.scale;
	const days = o.days ?? GENERATE_DEFAULTS.days;
	const partners = o.partners ?? GENERATE_DEFAULTS.partners;
	const endDate = o.endDate ?? defaultEndDate(new Date());
	if (!Number.isSafeInteger(seed) || seed < 0) throw new GenerateOptionsError(`seed must be a whole number >= 0, saw ${seed}`);
	if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) throw new GenerateOptionsError(`scale must be a number above 0 and at most 1000, saw ${scale}`);
	if (!Number.isInteger(days) || days < 7 || days > 3660) throw new GenerateOptionsError(`days must be a whole number from 7 to 3660, saw ${days}`);
	if (!Number.isInteger(partners) || partners < MIN_PARTNERS || partners > 99_999)
		throw new GenerateOptionsError(`partners must be a whole number from ${MIN_PARTNERS} to 99999 (the planted fraud partners need ${MIN_PARTNERS}), saw ${partners}`);
	try {
		parseDate(endDate);
	} catch {
		throw new GenerateOptionsError(`end date must be a real date as YYYY-MM-DD, saw "${endDate}"`);
	}
	return { seed, scale, partners, calendar: sampleCalendar(endDate, days) };
}

async function assertWritable(dataDir: string, force: boolean): Promise<void> {
	const info = await stat(dataDir).catch(() => undefined);
	if (!info) return;
	if (!info.isDirectory()) throw new DataDirNotEmptyError(`${dataDir} exists and is not a directory`);
	if (!force && (await readdir(dataDir)).length > 0) throw new DataDirNotEmptyError(`${dataDir} already holds files; pass --force (force: true) to replace them`);
}

/** Replaces dataDir by the finished folder; the old contents are removed only after the new ones are in place. */
async function swapIntoPlace(tmpDir: string, dataDir: string): Promise<void> {
	const old = `${tmpDir}.old`;
	const existed = await stat(dataDir).then(
		() => true,
		() => false
	);
	if (existed) await rename(dataDir, old);
	try {
		await rename(tmpDir, dataDir);
	} catch (error) {
		if (existed) await rename(old, dataDir);
		throw error;
	}
	if (existed) await rm(old, { recursive: true, force: true });
}

async function copyToParquet(connection: DuckDBConnection, select: string, file: string): Promise<number> {
	const result = await connection.run(`COPY (${select}) TO ${lit(file)} (FORMAT parquet, COMPRESSION zstd)`);
	return Number(result.rowsChanged);
}
