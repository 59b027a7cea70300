/**
 * The statement gate decides by what DuckDB binds, not by names in the text: escapes that name matching missed
 * (a CTE declared in a subquery shadowing a table read outside it, system views by bare name exposing settings
 * and the warehouse path, a published model read without declaring it) are refused as model files (the build
 * fails for that model, nothing is published) and through the preview (422); ordinary models still build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { readsOfPlan } from '../../src/lib/server/models/bound-reads.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { removeSql, withPrivateSql, writeSql } from '../helpers/private-sql.ts';

let config: Config;
let warehouse: Warehouse;
let api: TestApi;

beforeAll(async () => {
	config = await withPrivateSql(await testConfig());
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse, { log: () => {} });
});
afterAll(() => warehouse?.close());

const hidden = (name: string) => `select * from (with ${name} as (select 1 as x) select * from ${name}) as a, ${name} as b limit 5`;

const escapes = [
	{ name: 'the view definitions through a system view hidden by a CTE in a subquery', sql: hidden('duckdb_views'), refused: /reads through duckdb_views\(\), which is not allowed/ },
	{ name: 'the warehouse path through duckdb_databases', sql: hidden('duckdb_databases'), refused: /reads through duckdb_databases\(\), which is not allowed/ },
	{ name: 'the catalog through duckdb_tables', sql: hidden('duckdb_tables'), refused: /reads through duckdb_tables\(\), which is not allowed/ }
];

describe('as a model file', () => {
	it.each(escapes.map((e) => [e.name, e] as const))('%s: the model fails, nothing is published', async (_n, escape) => {
		const before = (await warehouse.publishedState()).publishId;
		await writeSql(config.sqlDir, 'models/escape.sql', `-- kind: table\n${escape.sql}\n`);
		try {
			const result = await warehouse.build({ author: 'test', message: 'escape' });
			expect(result.status).toBe('failed');
			expect(result.nodes.find((n) => n.name === 'escape')!.error).toMatch(escape.refused);
			expect((await warehouse.publishedState()).publishId).toBe(before);
		} finally {
			await removeSql(config.sqlDir, 'models/escape.sql');
		}
	});

	it('a published model read while declaring no parent (hidden by a CTE elsewhere) is refused', async () => {
		await writeSql(config.sqlDir, 'models/escape.sql', `-- kind: table\n${hidden('fct_daily')}\n`);
		try {
			const result = await warehouse.build({ author: 'test', message: 'undeclared read' });
			expect(result.status).toBe('failed');
			expect(result.nodes.find((n) => n.name === 'escape')!.error).toMatch(/reads fct_daily( \(version [0-9a-f]+\))?, which it does not declare as a parent/);
		} finally {
			await removeSql(config.sqlDir, 'models/escape.sql');
		}
	});

	it('an ordinary model reading its declared parents (and their views) builds', async () => {
		await writeSql(config.sqlDir, 'models/fine.sql', '-- kind: table\nwith t as (select partner_id from stg_partners) select count(*) as n from t join stg_sales using (partner_id)\n');
		try {
			const result = await warehouse.build({ author: 'test', message: 'fine' });
			expect(result.nodes.find((n) => n.name === 'fine')!.status, JSON.stringify(result.nodes.find((n) => n.name === 'fine'))).toBe('success');
			expect(result.status).toBe('published');
		} finally {
			await removeSql(config.sqlDir, 'models/fine.sql');
			await warehouse.build({ author: 'test', message: 'remove fine' });
		}
	});
});

describe('through the preview', () => {
	const preview = (sql: string) => api.request('/api/v1/models/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql }) });
	it.each(escapes.map((e) => [e.name, e] as const))('%s: 422', async (_n, escape) => {
		const response = await preview(escape.sql);
		expect(response.status).toBe(422);
		expect(((await response.json()) as { detail: string }).detail).toMatch(escape.refused);
	});
	it('published models still answer', async () => {
		const response = await preview('select count(*) as n from fct_daily');
		expect(response.status).toBe(200);
	});
});

it('reads the scans and functions out of a plan (pure)', () => {
	const plan = [{ name: 'CROSS_PRODUCT', children: [{ name: 'SEQ_SCAN', extra_info: { Table: 'warehouse.ps_versions.a__1' } }, { name: 'RANGE', extra_info: { Function: 'RANGE' } }] }];
	expect(readsOfPlan(plan)).toEqual({ tables: ['ps_versions.a__1'], functions: ['range'] });
});
