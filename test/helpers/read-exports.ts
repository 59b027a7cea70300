/**
 * Reads the generated parquet exports with hyparquet (a JavaScript parquet reader, not DuckDB), so the
 * numbers tests compare against are computed without the SQL they check.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** Every parquet file under a folder, recursively, sorted. */
export async function parquetFiles(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...(await parquetFiles(full)));
		else if (entry.name.endsWith('.parquet')) out.push(full);
	}
	return out.sort();
}

export async function readExportTable<T = Record<string, unknown>>(dataDir: string, table: string): Promise<T[]> {
	const rows: T[] = [];
	for (const file of await parquetFiles(path.join(dataDir, table))) {
		rows.push(...((await parquetReadObjects({ file: await asyncBufferFromFile(file), compressors })) as T[]));
	}
	return rows;
}

export interface ExportRows {
	clicks: { partner_id: string; clicked_at: Date; is_invalid: boolean }[];
	sales: { partner_id: string; converted_at: Date; status: string; sale_amount: number; commission_amount: number; network_fee_amount: number; currency: string }[];
	costs: { partner_id: string | null; period_start: Date; period_end: Date; amount: number; currency: string }[];
	fx: { date: Date; currency: string; rate_to_base: number }[];
	partners: { partner_id: string; partner_name: string; channel: string }[];
}

export async function readExports(dataDir: string): Promise<ExportRows> {
	const [clicks, sales, costs, fx, partners] = await Promise.all([
		readExportTable<ExportRows['clicks'][number]>(dataDir, 'clicks'),
		readExportTable<ExportRows['sales'][number]>(dataDir, 'sales'),
		readExportTable<ExportRows['costs'][number]>(dataDir, 'costs'),
		readExportTable<ExportRows['fx'][number]>(dataDir, 'fx_rates'),
		readExportTable<ExportRows['partners'][number]>(dataDir, 'partners')
	]);
	return { clicks, sales, costs, fx, partners };
}
