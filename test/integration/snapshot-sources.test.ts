/**
 * Sources in snapshots are the export files themselves, copied once: at 100M clicks a copy of every click per
 * daily publish would make each snapshot 1.8 GB larger. A snapshot's source is the warehouse's own SELECT over
 * its copies of the files; a new delivery adds its new file only, and a reader answers the click drill-down
 * (which reads src_clicks rows) exactly as the build machine does, before and after the delivery.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/database.ts';
import { normalizeConfig, type Config } from '../../src/lib/server/config.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { SnapshotReader } from '../../src/lib/server/snapshots/snapshot-reader.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import type { SnapshotExport } from '../../src/lib/server/snapshots/export-snapshot.ts';
import type { SnapshotManifest } from '../../src/lib/server/snapshots/snapshot-manifest.ts';
import { builtWarehouse, fixture, testConfig } from '../helpers/fixture.ts';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { parquetFiles } from '../helpers/read-exports.ts';

let warehouse: Warehouse;
let api: TestApi;
let reader: SnapshotReader;
let readerConfig: Config;
let dataDir: string;
let snapshotDir: string;
let first: SnapshotExport;

const drillDown = () => {
	const { endDate } = fixture();
	const from = new Date(Date.parse(`${endDate}T00:00:00Z`) - 27 * 86_400_000).toISOString().slice(0, 10);
	return `/api/v1/quality/rows?signal=invalid_clicks&from=${from}&to=${endDate}&limit=500`;
};

/** The click drill-down's rows and totals (meta without request-time fields). */
async function answer(response: Response): Promise<{ rows: unknown[]; total: number; publishId: number }> {
	expect(response.status).toBe(200);
	const body = (await response.json()) as { rows: unknown[]; meta: { total_rows: number; publishId: number } };
	return { rows: body.rows, total: body.meta.total_rows, publishId: body.meta.publishId };
}

beforeAll(async () => {
	const base = await testConfig({ copyData: true });
	dataDir = base.dataDir;
	snapshotDir = path.join(path.dirname(base.warehousePath), 'snapshot');
	const config = normalizeConfig({}, { dataDir, warehousePath: base.warehousePath, sqlDir: base.sqlDir, snapshotDir });
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
	first = await warehouse.exportSnapshot(snapshotDir);
	readerConfig = normalizeConfig({ PARTNERSCOPE_AUTH: 'off', HOST: '127.0.0.1' }, { threads: '1', dataDir: config.dataDir, warehousePath: config.warehousePath });
	reader = new SnapshotReader(readerConfig, snapshotDir, { auth: { store: new AuthStore(readerConfig.authFile, { readOnly: true }), off: true }, log: () => {} });
}, 240_000);

afterAll(() => {
	reader?.close();
	warehouse?.close();
});

describe('sources in a snapshot', { timeout: 240_000 }, () => {
	it('are copies of the export files (each once) and the warehouse SELECT over them, not a parquet copy of the rows', async () => {
		const clicks = first.manifest.models.find((m) => m.name === 'src_clicks')!;
		const exportFiles = await parquetFiles(path.join(dataDir, 'clicks'));
		expect(clicks.file).toBeNull();
		expect(clicks.source!.files).toHaveLength(exportFiles.length);
		expect(clicks.source!.select).toMatch(/^SELECT /);
		expect(clicks.source!.select).not.toContain(dataDir);
		const sizes = await Promise.all(exportFiles.map(async (f) => (await stat(f)).size));
		expect(clicks.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
		for (const m of first.manifest.models.filter((m) => m.kind === 'source')) expect(m.file, m.name).toBeNull();
		const allExports = await parquetFiles(dataDir);
		// The build exported the snapshot already (PARTNERSCOPE_SNAPSHOT_DIR); one copy of each export file.
		expect(await readdir(path.join(snapshotDir, 'sources'))).toHaveLength(allExports.length);
		expect((await readdir(path.join(snapshotDir, 'data'))).filter((f) => f.startsWith('src_'))).toEqual([]);
	});

	it('a reader answers the click drill-down with the build machine rows', async () => {
		const own = await answer(await api.request(drillDown()));
		const read = await answer(await reader.fetch(new Request(`http://localhost${drillDown()}`)));
		expect(own.total).toBeGreaterThan(0);
		expect(read).toEqual(own);
	});

	it('a new delivery adds its own file to the snapshot, not another copy of every export', async () => {
		// A late delivery of clicks: a new file with rows the first files did not have.
		const scratch = await Database.open({ path: ':memory:' });
		const clicksDir = path.join(dataDir, 'clicks');
		await scratch.query(
			`copy (select * replace ('L' || click_id as click_id, true as is_invalid, 'bot' as invalid_reason) from read_parquet('${clicksDir}/**/*.parquet') order by clicked_at desc limit 300) to '${clicksDir}/zz-late.parquet' (format parquet)`
		);
		scratch.close();
		const before = await answer(await api.request(drillDown()));
		const copiesBefore = await readdir(path.join(snapshotDir, 'sources'));
		expect((await warehouse.build({ author: 'test', message: 'late clicks' })).status).toBe('published');
		const second = await warehouse.exportSnapshot(snapshotDir);
		expect(second.written).toEqual([]); // the build exported it
		const copiesAfter = await readdir(path.join(snapshotDir, 'sources'));
		expect(copiesAfter.filter((f) => !copiesBefore.includes(f))).toHaveLength(1);
		expect(copiesBefore.filter((f) => !copiesAfter.includes(f))).toEqual([]);
		const clicks = second.manifest.models.find((m) => m.name === 'src_clicks')!;
		const old = first.manifest.models.find((m) => m.name === 'src_clicks')!;
		expect(clicks.version).not.toBe(old.version);
		expect(clicks.source!.files).toEqual(expect.arrayContaining([...old.source!.files]));
		expect(clicks.source!.files).toHaveLength(old.source!.files.length + 1);
		// The source files the unchanged sources name are the same files as before.
		const sales = (e: SnapshotExport) => e.manifest.models.find((m) => m.name === 'src_sales')!.source!.files;
		expect(sales(second)).toEqual(sales(first));

		const own = await answer(await api.request(drillDown()));
		expect(own.total).toBeGreaterThan(before.total);
		const read = await answer(await reader.fetch(new Request(`http://localhost${drillDown()}`)));
		expect(read).toEqual(own);
		// Nothing the kept manifests name was pruned.
		for (const f of [...clicks.source!.files, ...old.source!.files]) expect(existsSync(path.join(snapshotDir, f)), f).toBe(true);
	});

	it('a reader refuses a manifest whose source reads a file it does not list (503 naming it), and a damaged pointer does not stop the publish it serves', async () => {
		// A copy of the snapshot whose src_clicks SELECT reads a file outside it.
		const tampered = path.join(path.dirname(snapshotDir), 'snapshot-tampered');
		await cp(snapshotDir, tampered, { recursive: true });
		const { manifest } = JSON.parse(await readFile(path.join(tampered, 'CURRENT'), 'utf8')) as { manifest: string };
		const m = JSON.parse(await readFile(path.join(tampered, manifest), 'utf8')) as SnapshotManifest;
		const clicks = m.models.find((x) => x.name === 'src_clicks')!;
		const select = clicks.source!.select.replace(`'@snapshot/${clicks.source!.files[0]}'`, "'/etc/passwd.parquet'");
		expect(select).not.toBe(clicks.source!.select);
		await writeFile(path.join(tampered, manifest), JSON.stringify({ ...m, models: m.models.map((x) => (x === clicks ? { ...x, source: { ...x.source!, select } } : x)) }));
		const logged: string[] = [];
		const strict = new SnapshotReader(readerConfig, tampered, { auth: { store: new AuthStore(readerConfig.authFile, { readOnly: true }), off: true }, log: (line) => logged.push(line) });
		try {
			const refused = await strict.fetch(new Request('http://localhost/api/v1/health'));
			expect(refused.status).toBe(503);
			expect(((await refused.json()) as { detail: string }).detail).toMatch(/select reads "\/etc\/passwd\.parquet", which is not one of its files/);
			expect(logged.join('\n')).toMatch(/could not open snapshot/);
		} finally {
			strict.close();
		}
		// The real snapshot's pointer damaged while a reader serves it: the reader keeps its publish.
		const before = await answer(await reader.fetch(new Request(`http://localhost${drillDown()}`)));
		const pointer = path.join(snapshotDir, 'CURRENT');
		const good = await readFile(pointer, 'utf8');
		await writeFile(pointer, '{"manifest": "../../etc/passwd"');
		try {
			expect(await answer(await reader.fetch(new Request(`http://localhost${drillDown()}`)))).toEqual(before);
		} finally {
			await writeFile(pointer, good);
		}
	});
});

