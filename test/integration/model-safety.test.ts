/**
 * Model SQL is untrusted text. Each escape is tried as a model file (the build fails for that model with a
 * clear message and publishes nothing) and through the analyst preview (a 422 problem), on a warehouse whose
 * DuckDB instance is confined to the exports directory; a statement that would run forever is interrupted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { removeSql, withPrivateSql, writeSql } from '../helpers/private-sql.ts';

const BUILD_TIMEOUT_MS = 3000;
const QUERY_TIMEOUT_MS = 1500;
const FOREVER = 'select count(*) as n from range(1000000000) as a cross join range(1000000000) as b';

let config: Config;
let warehouse: Warehouse;
let api: TestApi;
let leak: string;

beforeAll(async () => {
	const base = await withPrivateSql(await testConfig({ copyData: true }));
	config = { ...base, buildStatementTimeoutMs: BUILD_TIMEOUT_MS, queryTimeoutMs: QUERY_TIMEOUT_MS };
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
	// Inside the exports directory, where the settings layer alone would let DuckDB write: the gate must stop it.
	leak = path.join(config.dataDir, 'leak');
});
afterAll(() => warehouse?.close());

const ONLY_SELECT = /only a single SELECT statement is allowed/;

const escapes = () => [
	{ name: 'read /etc/passwd with read_csv', sql: "select * from read_csv('/etc/passwd')", refused: /table function read_csv\(\) is not allowed/ },
	{ name: 'read /etc/passwd as a table', sql: "select * from '/etc/passwd'", refused: /unknown table \/etc\/passwd/ },
	{ name: 'COPY ... TO a file', sql: `copy (select 1 as x) to '${leak}.csv'`, refused: ONLY_SELECT },
	{ name: 'ATTACH another database', sql: `attach '${leak}.duckdb' as other`, refused: ONLY_SELECT },
	{ name: 'INSTALL an extension', sql: 'install httpfs', refused: ONLY_SELECT },
	{ name: 'LOAD an extension', sql: 'load httpfs', refused: ONLY_SELECT },
	{ name: 'SET a setting', sql: 'set enable_external_access = true', refused: ONLY_SELECT },
	{ name: "query('...') to run other SQL", sql: "select * from query('select 42')", refused: /table function query\(\) is not allowed/ },
	{ name: 'a SELECT followed by a COPY', sql: `select 1 as x; copy (select 1) to '${leak}.parquet'`, refused: ONLY_SELECT },
	{ name: "the engine's own tables", sql: 'select * from ps_meta.publishes', refused: /ps_meta\.publishes: tables are read by bare name only/ },
	{ name: 'the publish sequence', sql: "select nextval('ps_meta.publish_seq') as n", refused: /function nextval\(\) is not allowed/ }
];

describe('escapes written as a model file', () => {
	it.each(escapes().map((e) => [e.name, e] as const))('%s: the build fails for that model and publishes nothing', async (_name, escape) => {
		const before = (await warehouse.publishedState()).publishId;
		await writeSql(config.sqlDir, 'models/escape.sql', `-- kind: table\n${escape.sql}\n`);
		try {
			const result = await warehouse.build({ author: 'test', message: 'escape attempt' });
			expect(result.status).toBe('failed');
			expect(result.publishId).toBeNull();
			const node = result.nodes.find((n) => n.name === 'escape')!;
			expect(node.status).toBe('failed');
			expect(node.error).toMatch(escape.refused);
			expect(node.error).toMatch(/^models\/escape\.sql(:\d+:\d+)?: /);
			expect((await warehouse.publishedState()).publishId).toBe(before);
			for (const ext of ['.csv', '.duckdb', '.parquet']) expect(existsSync(`${leak}${ext}`), `${leak}${ext}`).toBe(false);
		} finally {
			await removeSql(config.sqlDir, 'models/escape.sql');
		}
	});

	it('names the line and column of the refused call', async () => {
		await writeSql(config.sqlDir, 'models/escape.sql', "-- kind: table\n-- description: looks harmless\nselect *\nfrom   read_csv('/etc/passwd')\n");
		try {
			const result = await warehouse.build({ author: 'test', message: 'escape attempt' });
			expect(result.nodes.find((n) => n.name === 'escape')!.error).toMatch(/^models\/escape\.sql:4:8: table function read_csv\(\)/);
		} finally {
			await removeSql(config.sqlDir, 'models/escape.sql');
		}
	});

	it('a cross join that would run forever is interrupted at PARTNERSCOPE_BUILD_TIMEOUT_MS', async () => {
		await writeSql(config.sqlDir, 'models/escape.sql', `-- kind: table\n${FOREVER}\n`);
		try {
			const started = performance.now();
			const result = await warehouse.build({ author: 'test', message: 'runaway' });
			const ms = performance.now() - started;
			expect(result.status).toBe('failed');
			expect(result.nodes.find((n) => n.name === 'escape')!.error).toMatch(new RegExp(`interrupted after ${BUILD_TIMEOUT_MS} ms .*PARTNERSCOPE_BUILD_TIMEOUT_MS`));
			expect(ms).toBeLessThan(BUILD_TIMEOUT_MS + 15_000);
		} finally {
			await removeSql(config.sqlDir, 'models/escape.sql');
		}
		// With the file gone the project builds again (the runaway left nothing behind).
		expect(['published', 'up_to_date']).toContain((await warehouse.build({ author: 'test', message: 'clean' })).status);
	});
});

describe('escapes through POST /api/v1/models/preview', () => {
	const preview = (body: unknown) =>
		api.request('/api/v1/models/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it.each(escapes().map((e) => [e.name, e] as const))('%s: 422 with a clear refusal', async (_name, escape) => {
		const response = await preview({ sql: escape.sql });
		expect(response.status).toBe(422);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		const problem = (await response.json()) as { title: string; detail: string };
		expect(problem.title).toBe('Model error');
		expect(problem.detail).toMatch(/^the SQL was refused/);
		expect(problem.detail).toMatch(escape.refused);
		for (const ext of ['.csv', '.duckdb', '.parquet']) expect(existsSync(`${leak}${ext}`)).toBe(false);
	});

	it('a cross join that would run forever answers 504 after the query time limit', async () => {
		const started = performance.now();
		const response = await preview({ sql: FOREVER });
		expect(response.status).toBe(504);
		expect(((await response.json()) as { detail: string }).detail).toBe(`the query was interrupted after ${QUERY_TIMEOUT_MS} ms`);
		expect(performance.now() - started).toBeLessThan(QUERY_TIMEOUT_MS + 10_000);
	});

	it('runs an ordinary SELECT over the published models, cut to the limit', async () => {
		const response = await preview({ sql: 'select date, revenue from fct_program_daily order by date', limit: 3 });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { columns: { name: string; type: string }[]; rows: { date: string; revenue: number }[]; truncated: boolean; limit: number };
		expect(body.columns).toEqual([
			{ name: 'date', type: 'DATE' },
			{ name: 'revenue', type: expect.stringMatching(/^(DECIMAL|DOUBLE)/) }
		]);
		expect(body.rows).toHaveLength(3);
		expect(body.rows[0]!.date < body.rows[1]!.date).toBe(true);
		expect(body).toMatchObject({ truncated: true, limit: 3 });
	});

	it.each([
		[{ sql: 'select * from fct_daliy' }, 422, /line 1, column 15: reads unknown table fct_daliy/],
		[{ sql: 'select nope from fct_program_daily' }, 422, /the query failed: Binder Error/],
		[{ sql: 'select 1', limit: 0 }, 400, /limit must be a whole number/],
		[{ sql: '' }, 400, /sql is required/],
		[{ sql: 'select 1', extra: true }, 400, /unknown field "extra"/]
	])('%j answers %i', async (body, status, detail) => {
		const response = await preview(body);
		expect(response.status).toBe(status);
		expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
	});
});

describe("the warehouse's own DuckDB instance", () => {
	it.each([
		["select * from read_csv('/etc/passwd')", /Permission Error: Cannot access file "\/etc\/passwd"/],
		["copy (select 1 as x) to '/tmp/partnerscope-leak.csv'", /Permission Error/],
		["attach '/tmp/partnerscope-leak.duckdb' as other", /Permission Error/],
		['install httpfs', /Permission Error/],
		['set enable_external_access = true', /configuration has been locked/],
		["set allowed_directories = ['/']", /configuration has been locked/]
	])('refuses %s even without the gate', async (sql, error) => {
		await expect(warehouse.db.query(sql)).rejects.toThrow(error);
		expect(existsSync('/tmp/partnerscope-leak.csv')).toBe(false);
	});

	it('still reads the exports and its own tables', async () => {
		const [row] = await warehouse.db.query<{ n: number }>(`select count(*)::int as n from read_parquet('${path.join(config.dataDir, 'partners')}/**/*.parquet')`);
		expect(row!.n).toBeGreaterThan(0);
		const [own] = await warehouse.db.query<{ n: number }>('select count(*)::int as n from main.fct_program_daily');
		expect(own!.n).toBeGreaterThan(0);
	});
});
