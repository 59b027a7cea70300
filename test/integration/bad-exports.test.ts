/**
 * Bad exports: a corrupt file, a missing column, a value of the wrong type, an empty data directory.
 * Each gets an error naming the file and column, the build publishes nothing, and the last good
 * publish keeps serving the same numbers.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/database.ts';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import type { Config } from '../../src/lib/server/config.ts';

let config: Config;
let warehouse: Warehouse;
let scratch: Database;

beforeAll(async () => {
	config = await testConfig({ copyData: true });
	warehouse = await builtWarehouse(config);
	scratch = await Database.open({ path: ':memory:' });
});
afterAll(() => {
	warehouse?.close();
	scratch?.close();
});

async function firstFile(table: string): Promise<string> {
	const dir = path.join(config.dataDir, table);
	const walk = async (d: string): Promise<string> => {
		for (const e of await readdir(d, { withFileTypes: true })) {
			if (e.isDirectory()) return walk(path.join(d, e.name));
			if (e.name.endsWith('.parquet')) return path.join(d, e.name);
		}
		throw new Error(`no parquet under ${d}`);
	};
	return walk(dir);
}

async function partnerNumbers(api: TestApi) {
	const response = await api.request('/api/v1/reports/partners?from=2026-05-01&to=2026-05-31');
	return { status: response.status, body: await response.text() };
}

describe('a build over bad exports', () => {
	it.each([
		{
			name: 'a corrupt parquet file',
			table: 'sales',
			file: 'zz-corrupt.parquet',
			write: async (target: string) => writeFile(target, 'PAR1 this is not a parquet file'),
			expected: /exports\/sales\/zz-corrupt\.parquet: unreadable parquet file/
		},
		{
			name: 'a file without a required column',
			table: 'costs',
			file: 'zz-missing.parquet',
			write: async (target: string) =>
				scratch.query(`copy (select * exclude (amount) from read_parquet('${await firstFile('costs')}')) to '${target}' (format parquet)`),
			expected: /exports\/costs\/zz-missing\.parquet: missing column amount \(expected DECIMAL\(18,2\)\)/
		},
		{
			name: 'a value that cannot be cast',
			table: 'clicks',
			file: 'zz-type.parquet',
			write: async (target: string) =>
				scratch.query(
					`copy (select * replace ('maybe' as is_invalid) from read_parquet('${await firstFile('clicks')}') limit 10) to '${target}' (format parquet)`
				),
			expected: /exports\/clicks\/zz-type\.parquet: column is_invalid must be BOOLEAN, saw VARCHAR with 10 value\(s\) that cannot be cast/
		}
	])('$name: names the file and column, publishes nothing, keeps serving', async ({ table, file, write, expected }) => {
		const api = await testApi(warehouse);
		const before = await partnerNumbers(api);
		const publishBefore = (await warehouse.publishedState()).publishId;
		const target = path.join(config.dataDir, table, file);
		await write(target);
		try {
			const result = await warehouse.build({ author: 'test', message: 'bad export' });
			expect(result.status).toBe('failed');
			expect(result.publishId).toBeNull();
			const failed = result.nodes.find((n) => n.name === `src_${table}`)!;
			expect(failed.status).toBe('failed');
			expect(failed.error).toMatch(expected);
			// Everything downstream is skipped, never half-built.
			expect(result.nodes.filter((n) => n.status === 'success')).toEqual([]);
			expect(result.nodes.find((n) => n.name === 'fct_partner_daily')!.status).toBe('skipped');
			expect((await warehouse.publishedState()).publishId).toBe(publishBefore);
			expect(await partnerNumbers(api)).toEqual(before);
			const health = (await (await api.request('/api/v1/health')).json()) as { status: string; message: string };
			expect(health.status).toBe('degraded');
			expect(health.message).toMatch(expected);
		} finally {
			const { rm } = await import('node:fs/promises');
			await rm(target);
		}
		// With the bad file gone, the same exports build again and health recovers.
		const again = await warehouse.build({ author: 'test', message: 'fixed' });
		expect(['published', 'up_to_date']).toContain(again.status);
		const health = (await (await api.request('/api/v1/health')).json()) as { status: string };
		expect(health.status).toBe('ok');
	});

	it('an empty data directory: health explains it in plain words and reports answer 503', async () => {
		const empty = await testConfig();
		const emptyDir = path.join(path.dirname(empty.warehousePath), 'empty-exports');
		await mkdir(emptyDir);
		const fresh = await Warehouse.open({ ...empty, dataDir: emptyDir });
		try {
			const result = await fresh.build({ author: 'test', message: 'empty' });
			expect(result.status).toBe('failed');
			const api = await testApi(fresh);
			const health = await api.request('/api/v1/health');
			expect(health.status).toBe(503);
			const body = (await health.json()) as { status: string; message: string };
			expect(body.status).toBe('unavailable');
			expect(body.message).toContain('empty-exports/clicks/: no parquet files');
			const report = await api.request('/api/v1/reports/partners');
			expect(report.status).toBe(503);
			expect(report.headers.get('content-type')).toBe('application/problem+json');
			expect(((await report.json()) as { detail: string }).detail).toContain('no parquet files');
		} finally {
			fresh.close();
		}
	});
});
