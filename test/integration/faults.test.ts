/**
 * Faults the server must survive with the last publish serving and health saying what happened: a build that
 * runs out of memory and temp space (DuckDB memory_limit + max_temp_directory_size), a build whose disk fills
 * (a 40 MB tmpfs, when this runs as root), a build killed with SIGKILL (recorded as interrupted at the next
 * open), SIGTERM during a build (graceful: interrupted, recorded, file released), and previews over their cap.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser } from '../helpers/test-users.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { markerPath } from '../../src/lib/server/warehouse/build-marker.ts';
import { builtWarehouse, fixture, REPO_ROOT, testConfig } from '../helpers/fixture.ts';
import { withPrivateSql, writeSql } from '../helpers/private-sql.ts';
import { startServer } from '../helpers/start-server.ts';

const HEAVY = `-- kind: table\nselect a.range as a, b.range as b, md5(a.range::varchar || b.range::varchar) as h from range(40000) as a, range(400) as b order by h\n`;

async function report(api: TestApi) {
	const r = await api.request('/api/v1/reports/partners?from=2026-05-01&to=2026-05-31');
	return { status: r.status, body: await r.text() };
}

describe('resource faults during a build', () => {
	it('out of memory and temp space: the build fails cleanly, the last publish serves', { timeout: 300_000 }, async () => {
		const config = await withPrivateSql({ ...(await testConfig()), memoryLimit: '256MB', tempLimit: '1MB', buildStatementTimeoutMs: 60_000 });
		const warehouse = await builtWarehouse(config);
		try {
			const api = await testApi(warehouse, { log: () => {} });
			const before = await report(api);
			await writeSql(config.sqlDir, 'models/heavy.sql', `-- kind: table\nselect list(range) as l from range(100000000)\n`);
			const result = await warehouse.build({ author: 'test', message: 'heavy' });
			expect(result.status).toBe('failed');
			expect(result.nodes.find((n) => n.name === 'heavy')!.error).toMatch(/Out of Memory|max_temp_directory_size|memory/i);
			expect(await report(api)).toEqual(before);
			expect(((await (await api.request('/api/v1/health')).json()) as { status: string }).status).toBe('degraded');
		} finally {
			warehouse.close();
		}
	});

	const root = process.getuid?.() === 0;
	it.skipIf(!root)('disk full (a 40 MB tmpfs): the build fails, the database is reopened, the last publish serves, health reports the fault', { timeout: 300_000 }, async () => {
		const base = await testConfig();
		const mount = await mkdtemp(path.join(path.dirname(base.warehousePath), 'tmpfs-'));
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', mount]);
		let warehouse: Warehouse | undefined;
		try {
			const config = await withPrivateSql({ ...base, warehousePath: path.join(mount, 'warehouse.duckdb'), tempLimit: '1MB' });
			warehouse = await builtWarehouse(config);
			const api = await testApi(warehouse, { log: () => {} });
			const before = await report(api);
			expect(before.status).toBe(200);
			await writeSql(config.sqlDir, 'models/heavy.sql', `-- kind: table\nselect a.range as a, md5(a.range::varchar) as h, md5(h) as h2, md5(h2) as h3 from range(3000000) as a\n`);
			const result = await warehouse.build({ author: 'test', message: 'fills the disk' }).catch((error: Error) => ({ status: 'threw', error: error.message }));
			expect(result.status).not.toBe('published');
			const after = await report(api);
			expect(after).toEqual(before);
			const health = (await (await api.request('/api/v1/health')).json()) as { status: string; fault: { message: string; reopened: boolean } | null };
			expect(health.status).toBe('degraded');
			if (health.fault) expect(health.fault.reopened).toBe(true);
		} finally {
			warehouse?.close();
			execFileSync('umount', ['-l', mount]);
		}
	});
});

describe('killed and stopped builds', () => {
	it('a build killed with SIGKILL is recorded as interrupted at the next open; the last publish serves', { timeout: 300_000 }, async () => {
		const config = await testConfig({ copyData: true });
		(await builtWarehouse(config)).close();
		const sql = (await withPrivateSql(config)).sqlDir;
		await writeSql(sql, 'models/heavy.sql', HEAVY);
		const child = spawn(process.execPath, [path.join(REPO_ROOT, 'src/cli/bin.js'), 'build', '--data', config.dataDir, '--warehouse', config.warehousePath, '--sql', sql], { stdio: 'ignore' });
		const deadline = Date.now() + 60_000;
		while (!existsSync(markerPath(config.warehousePath)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		expect(existsSync(markerPath(config.warehousePath))).toBe(true);
		await new Promise((r) => setTimeout(r, 1500));
		child.kill('SIGKILL');
		await new Promise((r) => child.once('exit', r));
		const warehouse = await Warehouse.open(config);
		try {
			const api = await testApi(warehouse, { log: () => {} });
			const health = (await (await api.request('/api/v1/health')).json()) as { status: string; message: string; lastBuild: { status: string } };
			expect(health.lastBuild.status).toBe('interrupted');
			expect(health.status).toBe('degraded');
			expect(health.message).toMatch(/was killed before it finished/);
			expect((await report(api)).status).toBe(200);
			expect(existsSync(markerPath(config.warehousePath))).toBe(false);
		} finally {
			warehouse.close();
		}
	});

	it('SIGTERM during a build: the server stops within seconds, the build is recorded, the file is released', { timeout: 300_000 }, async () => {
		const config = await withPrivateSql(await testConfig());
		(await builtWarehouse(config)).close();
		await writeSql(config.sqlDir, 'models/heavy.sql', HEAVY);
		const server = await startServer(config);
		const build = fetch(`${server.url}/api/v1/models/build`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
		await new Promise((r) => setTimeout(r, 2000));
		const started = Date.now();
		await server.stop();
		expect(Date.now() - started).toBeLessThan(30_000);
		await build;
		expect(existsSync(markerPath(config.warehousePath))).toBe(false);
		const warehouse = await Warehouse.open(config); // would throw WarehouseLockedError if the file were still held
		try {
			const last = await warehouse.lastBuild();
			expect(last?.status).not.toBe('interrupted');
			expect((await warehouse.publishedState()).publishId).toBe(1);
		} finally {
			warehouse.close();
		}
	});
});

describe('previews', () => {
	it('are capped per caller and in total (429), with a short time limit', { timeout: 120_000 }, async () => {
		// The memory watch has its own test (preview-memory-watch); here a large cap keeps it out of the way, so
		// that what stops the slow previews is the time limit, whatever else the process holds meanwhile.
		const config = { ...(await testConfig()), previewTimeoutMs: 1500, previewConcurrency: 2, previewConcurrencyPerCaller: 1, previewMemoryMb: 1_000_000 };
		const warehouse = await builtWarehouse(config);
		try {
			const api = await testApi(warehouse, { log: () => {} });
			// Three analysts, each with a token: the cap counts per signed-in user.
			const tokens: Record<string, string> = {};
			for (const name of ['analyst-a', 'analyst-b', 'analyst-c']) tokens[name] = (await addTestUser(api.store, name, 'analyst')).token;
			const slow = 'select count(*) as n from range(1000000000) as a cross join range(1000000000) as b';
			const preview = (who: string) =>
				api.request('/api/v1/models/preview', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` }, body: JSON.stringify({ sql: slow }) });
			const started = Date.now();
			const statuses = (await Promise.all([preview('analyst-a'), preview('analyst-a'), preview('analyst-b'), preview('analyst-c')])).map((r) => r.status).sort();
			expect(statuses).toEqual([429, 429, 504, 504]);
			expect(Date.now() - started).toBeLessThan(10_000);
			const ok = await preview('analyst-a');
			expect(ok.status).toBe(504); // the slots are free again
		} finally {
			warehouse.close();
		}
	});
});

afterAll(async () => {
	await rm(path.join(fixture().root, 'never'), { recursive: true, force: true });
	void cp;
	void mkdir;
});
