// Batched reads must answer per file exactly what one statement per file answers, whatever else is in the
// batch: files of another schema, a corrupt file, a file that breaks a rule, more files than one statement takes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { checkExportFile, checkExportFiles } from './check-export-contract.ts';
import { FILES_PER_STATEMENT, groupBySchema } from './file-batches.ts';

let dir: string;
let db: Database;
const files: string[] = [];
const NOW = new Date('2026-11-30T12:00:00Z');

/** A clicks file of `rows` rows on `day`; `device` lets a file break the device_type enumeration. */
async function clicksFile(name: string, day: string, rows: number, options: { device?: string; naiveTime?: boolean } = {}): Promise<string> {
	const file = path.join(dir, `${name}.parquet`);
	const time = options.naiveTime ? `'${day} 10:00:00'::timestamp + to_seconds(i)` : `'${day} 10:00:00+00'::timestamptz + to_seconds(i)`;
	await db.query(
		`copy (select '${name}-' || i as click_id, ${time} as clicked_at, 'P' || (i % 3) as partner_id, null::varchar as creative_id,
			null::varchar as sub_id, null::varchar as landing_page, case when i = 0 then '${options.device ?? 'phone'}' else 'desktop' end as device_type,
			'DE' as country, null::varchar as ip_hash, true as is_unique, i % 5 = 0 as is_invalid, null::varchar as invalid_reason
		from range(${rows}) as t(i)) to '${file}' (format parquet)`
	);
	return file;
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'file-batches-'));
	db = await Database.open({ path: ':memory:' });
	for (let i = 0; i < FILES_PER_STATEMENT + 3; i++) files.push(await clicksFile(`day-${i}`, `2026-10-${String((i % 28) + 1).padStart(2, '0')}`, 5 + (i % 4)));
	files.push(await clicksFile('bad-device', '2026-11-02', 4, { device: '<img src=x onerror=alert(1)>' }));
	files.push(await clicksFile('naive-time', '2026-11-03', 3, { naiveTime: true }));
	files.push(await clicksFile('future', '2027-06-01', 2));
	const corrupt = path.join(dir, 'corrupt.parquet');
	await writeFile(corrupt, 'PAR1 this is not a parquet file');
	files.push(corrupt);
});

afterAll(async () => {
	db.close();
	await rm(dir, { recursive: true, force: true });
});

describe('groupBySchema', () => {
	it('puts files of one schema together in bounded groups and sets the unreadable apart', async () => {
		const { groups, unreadable } = await groupBySchema(db, files);
		expect(unreadable).toEqual([path.join(dir, 'corrupt.parquet')]);
		expect(groups.every((g) => g.length <= FILES_PER_STATEMENT)).toBe(true);
		expect(groups.flat().sort()).toEqual(files.filter((f) => !f.endsWith('corrupt.parquet')).sort());
		// The file with a TIMESTAMP without time zone has a schema of its own.
		expect(groups.find((g) => g.includes(path.join(dir, 'naive-time.parquet')))).toEqual([path.join(dir, 'naive-time.parquet')]);
	});
});

describe('checkExportFiles', () => {
	it('answers for every file what checking it alone answers', async () => {
		const readable = files.filter((f) => !f.endsWith('corrupt.parquet'));
		const label = (f: string) => `exports/clicks/${path.basename(f)}`;
		const batched = await checkExportFiles(db, 'clicks', readable.map((f) => ({ path: f, label: label(f) })), NOW);
		for (const file of readable) expect(batched.get(file), file).toEqual(await checkExportFile(db, 'clicks', { path: file, label: label(file) }, NOW));
		expect(batched.get(path.join(dir, 'bad-device.parquet'))!.problems).toEqual([
			'exports/clicks/bad-device.parquet: column device_type has 1 value(s) outside desktop, phone, tablet, other (e.g. "<img src=x onerror=alert(1)>")'
		]);
		expect(batched.get(path.join(dir, 'naive-time.parquet'))!.warnings).toEqual(['exports/clicks/naive-time.parquet: clicked_at is TIMESTAMP without time zone; read as UTC']);
		expect(batched.get(path.join(dir, 'future.parquet'))!.warnings[0]).toMatch(/^exports\/clicks\/future\.parquet: 2 row\(s\) with clicked_at after the/);
		expect(batched.get(path.join(dir, 'day-0.parquet'))).toEqual({ problems: [], warnings: [], latest: '2026-10-01 10:00:04+00', latestKept: '2026-10-01 10:00:04+00' });
	});

	it('a corrupt file in the list fails the check with its own error, as checking it alone does', async () => {
		const corrupt = path.join(dir, 'corrupt.parquet');
		await expect(checkExportFiles(db, 'clicks', [files[0]!, corrupt].map((f) => ({ path: f, label: f })), NOW)).rejects.toThrow(/corrupt\.parquet/);
	});
});
