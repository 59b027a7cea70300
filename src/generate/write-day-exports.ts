/**
 * Replays a complete export folder as daily deliveries, the way a tracking platform refreshes: each day's
 * clicks and sales arrive as new files (`clicks/day=YYYY-MM-DD/part_0.parquet`), sales carry their status as
 * known on the delivery day (pending until validated_at), and a sale's later validation or reversal re-delivers
 * its day's file. fx_rates is rewritten whole; partners and costs are copied once. Called by the incremental
 * build tests and the benchmark, so both exercise the same late data.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Database } from '../lib/server/db/database.ts';

export interface DayExportsOptions {
	/** The complete exports (as `partnerscope generate` writes them). */
	readonly from: string;
	/** The folder the deliveries accumulate in (created when missing). */
	readonly to: string;
	/** Deliver everything known through this UTC day (YYYY-MM-DD). */
	readonly through: string;
	/** Days whose clicks and sales are held back (they arrive late, with a later call). */
	readonly holdBack?: readonly string[];
}

interface Manifest {
	/** The days whose clicks and sales files exist, with the day their sales status was last delivered. */
	readonly delivered: Record<string, string>;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const MANIFEST = '.day-exports.json';

/** Writes what is new since the last call; returns the files written. */
export async function writeDayExports(options: DayExportsOptions): Promise<string[]> {
	const manifestPath = path.join(options.to, MANIFEST);
	const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(await readFile(manifestPath, 'utf8')) : { delivered: {} };
	const held = new Set(options.holdBack ?? []);
	// Bounded: the first delivery sorts every click (100M at --scale 30), which otherwise takes 80% of RAM.
	const spill = await mkdtemp(path.join(tmpdir(), 'day-exports-'));
	const db = await Database.open({ path: ':memory:', threads: 2, queryTimeoutMs: 3_600_000, memoryLimit: '4GB', tempDirectory: spill });
	const written: string[] = [];
	try {
		const glob = (table: string) => lit(path.join(options.from, table, '**', '*.parquet'));
		// Written beside and renamed over: a delivery appears whole, and a hard-linked copy of the folder keeps its own files.
		const copy = async (select: string, file: string) => {
			await mkdir(path.dirname(file), { recursive: true });
			await db.query(`copy (${select}) to ${lit(`${file}.partial`)} (format parquet, compression zstd)`);
			await rename(`${file}.partial`, file);
			written.push(path.relative(options.to, file));
		};
		for (const table of ['partners', 'costs']) {
			const file = path.join(options.to, table, 'part-0.parquet');
			if (!existsSync(file)) await copy(`select * from read_parquet(${glob(table)})`, file);
		}
		const fx = path.join(options.to, 'fx_rates', 'part-0.parquet');
		const [fxNow] = await db.query<{ n: number }>(`select count(*)::integer as n from read_parquet(${glob('fx_rates')}) where date <= ${lit(options.through)}::date`);
		const fxBefore = existsSync(fx) ? (await db.query<{ n: number }>(`select count(*)::integer as n from read_parquet(${lit(fx)})`))[0]!.n : -1;
		if (fxNow!.n !== fxBefore) await copy(`select * from read_parquet(${glob('fx_rates')}) where date <= ${lit(options.through)}::date order by date, currency`, fx);

		const end = `${lit(`${options.through} 00:00:00+00`)}::timestamptz + interval 1 day`;
		await db.query(`create table sales as select *, (converted_at at time zone 'UTC')::date as day from read_parquet(${glob('sales')}) where converted_at < ${end}`);
		await db.query(`create table click_days as select distinct (clicked_at at time zone 'UTC')::date::varchar as day from read_parquet(${glob('clicks')}) where clicked_at < ${end}`);
		const days = (await db.query<{ day: string }>(`select day from click_days union select day::varchar from sales order by 1`)).map((r) => r.day);
		const salesAsOf = `select * exclude (day, status, validated_at, reversal_reason),
				case when validated_at < ${end} then status else 'pending' end as status,
				case when validated_at < ${end} then validated_at end as validated_at,
				case when validated_at < ${end} then reversal_reason end as reversal_reason`;
		if (Object.keys(manifest.delivered).length === 0 && days.length > 0) {
			// The first delivery writes every day at once (one pass per table, one folder per day).
			// `not in ()` of an empty list would be `not in (null)`, which keeps nothing.
			const heldList = [...held].map((d) => `${lit(d)}::date`).join(', ') || `'0001-01-01'::date`;
			await db.query(`copy (select *, (clicked_at at time zone 'UTC')::date as day from read_parquet(${glob('clicks')})
				where clicked_at < ${end} and (clicked_at at time zone 'UTC')::date not in (${heldList}) order by clicked_at, click_id)
				to ${lit(path.join(options.to, 'clicks'))} (format parquet, compression zstd, partition_by (day), filename_pattern 'part_{i}', overwrite_or_ignore)`);
			await db.query(`copy (${salesAsOf}, day from sales where day not in (${heldList}) order by converted_at, conversion_id)
				to ${lit(path.join(options.to, 'sales'))} (format parquet, compression zstd, partition_by (day), filename_pattern 'part_{i}', overwrite_or_ignore)`);
			for (const day of days) if (!held.has(day)) manifest.delivered[day] = options.through;
		}
		for (const day of days) {
			if (held.has(day) || manifest.delivered[day] === options.through) continue;
			if (held.has(day)) continue;
			const last = manifest.delivered[day];
			if (last === undefined) {
				await copy(
					`select * from read_parquet(${glob('clicks')}) where clicked_at >= ${lit(`${day} 00:00:00+00`)}::timestamptz and clicked_at < ${lit(`${day} 00:00:00+00`)}::timestamptz + interval 1 day order by clicked_at, click_id`,
					path.join(options.to, 'clicks', `day=${day}`, 'part_0.parquet')
				);
			}
			// A day's sales are (re)delivered when new, or when one of them was decided since the last delivery.
			const [decided] = await db.query<{ n: number }>(
				`select count(*)::integer as n from sales where day = ${lit(day)}::date and validated_at >= ${lit(`${last ?? '0001-01-01'} 00:00:00+00`)}::timestamptz + interval 1 day and validated_at < ${end}`
			);
			if (last === undefined || decided!.n > 0) {
				await copy(`${salesAsOf} from sales where day = ${lit(day)}::date order by converted_at, conversion_id`, path.join(options.to, 'sales', `day=${day}`, 'part_0.parquet'));
			}
			manifest.delivered[day] = options.through;
		}
		await writeFile(`${manifestPath}.partial`, JSON.stringify(manifest));
		await rename(`${manifestPath}.partial`, manifestPath);
	} finally {
		db.close();
		await rm(spill, { recursive: true, force: true });
	}
	return written;
}

/** Removes a delivery folder (tests). */
export async function removeDayExports(dir: string): Promise<void> {
	await rm(dir, { recursive: true, force: true });
}
