/**
 * One answer, one publish: 16 readers ask for the partner report while the served publish flips between two
 * builds with different numbers (rollbacks, each a new publish id). Every answer's meta.publishId must name the
 * publish whose rows it carries.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { Database } from '../../src/lib/server/db/database.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';

let warehouse: Warehouse;
let api: TestApi;
const PATH = '/api/v1/reports/partners?from=2026-04-01&to=2026-06-30';

beforeAll(async () => {
	const config = await testConfig({ copyData: true });
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse, { log: () => {} });
	// A second publish with different numbers: more sales for one partner.
	const scratch = await Database.open({ path: ':memory:' });
	const sales = path.join(config.dataDir, 'sales');
	await scratch.query(`copy (select * replace ('X' || conversion_id as conversion_id) from read_parquet('${sales}/**/*.parquet') where converted_at >= '2026-05-01' limit 200) to '${sales}/zz-more.parquet' (format parquet)`);
	scratch.close();
	const second = await warehouse.build({ author: 'test', message: 'more sales' });
	expect(second.status).toBe('published');
});
afterAll(() => warehouse?.close());

type Answer = { rows: unknown[]; meta: { publishId: number } };

it('every answer carries the publish id of its rows while publishes land', { timeout: 300_000 }, async () => {
	const [a, b] = [1, 2];
	const rowsOf = new Map<number, string>();
	for (const id of [b]) rowsOf.set(id, JSON.stringify(((await (await api.request(PATH)).json()) as Answer).rows));
	await warehouse.rollback(a, { author: 'test' });
	const first = (await (await api.request(PATH)).json()) as Answer;
	rowsOf.set(first.meta.publishId, JSON.stringify(first.rows));
	expect(rowsOf.get(first.meta.publishId)).not.toBe(rowsOf.get(b));
	const content = new Map<number, string>([[a, rowsOf.get(first.meta.publishId)!], [b, rowsOf.get(b)!], [first.meta.publishId, rowsOf.get(first.meta.publishId)!]]);
	let done = false;
	const mismatches: string[] = [];
	let answers = 0;
	const reader = async () => {
		while (!done) {
			const body = (await (await api.request(PATH)).json()) as Answer;
			answers++;
			const expected = content.get(body.meta.publishId);
			if (expected !== undefined && expected !== JSON.stringify(body.rows)) mismatches.push(`publish ${body.meta.publishId}`);
		}
	};
	const readers = Array.from({ length: 16 }, reader);
	for (let i = 0; i < 5; i++) {
		const target = i % 2 === 0 ? b : a;
		const outcome = await warehouse.rollback(target, { author: 'test' });
		content.set(outcome.publishId, content.get(target)!);
	}
	done = true;
	await Promise.all(readers);
	expect(answers).toBeGreaterThan(16);
	expect(mismatches).toEqual([]);
});
