/**
 * /api/v1/models through the real Hono app over a real warehouse: list, show, log, diff, plan, build,
 * rollback; only the analyst role may change models, whatever the caller's address; the author is the
 * signed-in user; problem+json for bad input; and an unknown table reported with the model file's line and column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import type { BuildResult } from '../../src/lib/server/models/run-build.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { EXCLUDE_PENDING, editSql, removeSql, withPrivateSql, writeSql } from '../helpers/private-sql.ts';

const LOCAL = { clientAddress: '127.0.0.1' };
const REMOTE = { clientAddress: '203.0.113.7' };

let config: Config;
let warehouse: Warehouse;
let api: TestApi;
let ana: TestUser;
let viewer: TestUser;
let executive: TestUser;

beforeAll(async () => {
	config = await withPrivateSql(await testConfig());
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
	ana = await addTestUser(api.store, 'ana', 'analyst');
	viewer = await addTestUser(api.store, 'vic', 'viewer');
	executive = await addTestUser(api.store, 'eve', 'executive');
});
afterAll(() => warehouse?.close());

const get = async <T>(path: string, status = 200): Promise<T> => {
	const response = await api.request(`/api/v1/models${path}`);
	expect(response.status, path).toBe(status);
	return (await response.json()) as T;
};
/** POSTs as the analyst `ana` unless other headers are given. */
const post = (path: string, body: unknown, env?: { clientAddress?: string }, headers: Record<string, string> = bearer(ana)) =>
	api.request(`/api/v1/models${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, env);

describe('reading the catalog and its history', () => {
	it('GET /models lists every source and model with its published version and lineage', async () => {
		const body = await get<{ publishId: number; models: { name: string; kind: string; parents: string[]; children: string[]; published: { version: string; rows: number } | null }[] }>('');
		expect(body.publishId).toBe(1);
		const byName = new Map(body.models.map((m) => [m.name, m]));
		expect(byName.get('src_sales')).toMatchObject({ kind: 'source', parents: [] });
		expect(byName.get('stg_sales')!.parents).toEqual(expect.arrayContaining(['src_sales', 'stg_fx_rates']));
		expect(byName.get('stg_sales')!.children).toContain('fct_daily');
		expect(byName.get('fct_program_daily')).toMatchObject({ kind: 'incremental', parents: ['fct_daily'] });
		expect(body.models.every((m) => m.published !== null && m.published.rows >= 0)).toBe(true);
	});

	it('GET /models/:name shows the header, the file, lineage and versions with their publishes', async () => {
		const body = await get<{ name: string; path: string; grain: string[]; tests: string[]; text: string; parents: string[]; children: string[]; versions: { version: string; publishes: number[]; current: boolean; available: boolean }[] }>(
			'/fct_program_daily'
		);
		expect(body).toMatchObject({ name: 'fct_program_daily', path: 'marts/fct_program_daily.sql', grain: ['date'], parents: ['fct_daily'] });
		expect(body.tests).toEqual(expect.arrayContaining(['unique(date)', 'not_null(date)']));
		expect(body.text).toMatch(/^-- kind: incremental\n-- time_column: date\n-- lookback: fct_daily 0\n-- grain: date/);
		expect(body.versions).toEqual([expect.objectContaining({ publishes: [1], current: true, available: true })]);
	});

	it.each([
		['/nope', 404, /no model or source named nope/],
		['?x=1', 400, /unknown parameter "x"/],
		['/log?limit=0', 400, /limit must be a whole number/],
		['/stg_sales/diff?from=abc', 400, /from must be a publish id/],
		['/stg_sales/diff?to=99', 404, /publish #99 does not exist/]
	])('GET /models%s answers %i with problem+json', async (path, status, detail) => {
		const response = await api.request(`/api/v1/models${path}`);
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
	});
});

describe('changing models: plan, build, rollback', () => {
	it.each([
		['nobody, from this machine (a same-host reverse proxy)', LOCAL, () => ({ authorization: '' }), 401],
		['nobody, from another machine', REMOTE, () => ({ authorization: '' }), 401],
		['a wrong token, from this machine', LOCAL, () => ({ authorization: 'Bearer pst_wrong-token-wrong-token' }), 401],
		['a viewer, from this machine', LOCAL, () => bearer(viewer), 403],
		['an executive, from this machine', LOCAL, () => bearer(executive), 403]
	])('refuses %s', async (_name, env, headers, status) => {
		for (const path of ['/plan', '/build', '/rollback', '/preview']) {
			const body = path === '/rollback' ? { publishId: 1 } : path === '/preview' ? { sql: 'select 1' } : {};
			const response = await post(path, body, env, headers());
			expect(response.status, path).toBe(status);
		}
		expect((await warehouse.publishedState()).publishId).toBe(1);
	});

	it('admits an analyst from any address', async () => {
		const local = await post('/plan', {}, LOCAL);
		expect(local.status).toBe(200);
		expect(((await local.json()) as BuildResult).status).toBe('up_to_date');
		const remote = await post('/plan', {}, REMOTE);
		expect(remote.status).toBe(200);
	});

	it('plan then build then rollback over HTTP, with the log and diff to match', async () => {
		await editSql(config.sqlDir, EXCLUDE_PENDING.file, EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);
		const plan = (await (await post('/plan', { author: 'ana' }, LOCAL)).json()) as BuildResult;
		expect(plan).toMatchObject({ mode: 'plan', status: 'planned', publishId: null });
		expect(plan.dataDiffs.map((d) => d.name)).toContain('fct_daily');

		// The author is the signed-in user, whatever the body says.
		const build = (await (await post('/build', { author: 'somebody-else', message: 'exclude pending' }, LOCAL)).json()) as BuildResult;
		expect(build).toMatchObject({ mode: 'build', status: 'published', publishId: 2 });

		const log = await get<{ publishes: { publishId: number; author: string; message: string; kind: string }[] }>('/log?limit=5');
		expect(log.publishes[0]).toMatchObject({ publishId: 2, author: 'ana', message: 'exclude pending', kind: 'build' });
		const diff = await get<{ diff: string; from: { publishId: number }; to: { publishId: number } }>('/stg_sales/diff');
		expect(diff).toMatchObject({ from: { publishId: 1 }, to: { publishId: 2 } });
		expect(diff.diff).toContain(`+    ${EXCLUDE_PENDING.to},`);

		const rollback = await post('/rollback', { publishId: 1, author: 'ana', message: 'back to the old numbers' }, LOCAL);
		expect(rollback.status).toBe(200);
		expect(await rollback.json()).toMatchObject({ publishId: 3, rollbackOf: 1 });
		expect((await get<{ publishes: { kind: string; message: string }[] }>('/log?limit=1')).publishes[0]).toMatchObject({ kind: 'rollback', message: 'back to the old numbers' });
	});

	it.each([
		[{}, 400, /publishId is required/],
		[{ publishId: 'one' }, 400, /publishId must be a publish id/],
		[{ publishId: 99 }, 404, /publish #99 does not exist/],
		[{ publishId: 3 }, 422, /already serving/]
	])('POST /rollback %j answers %i', async (body, status, detail) => {
		const response = await post('/rollback', body, LOCAL);
		expect(response.status).toBe(status);
		expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
	});

	it('reports an unknown table with the model file, its line and column, and skips what depends on it', async () => {
		await writeSql(config.sqlDir, 'models/marts/fct_typo.sql', '-- kind: table\n-- description: reads a table that does not exist\nselect *\nfrom   fct_daly\n');
		await writeSql(config.sqlDir, 'models/marts/fct_typo_child.sql', '-- kind: view\nselect * from fct_typo\n');
		try {
			const result = (await (await post('/build', {}, LOCAL)).json()) as BuildResult;
			expect(result.status).toBe('failed');
			const typo = result.nodes.find((n) => n.name === 'fct_typo')!;
			expect(typo.status).toBe('failed');
			expect(typo.error).toMatch(/^models\/marts\/fct_typo\.sql:4:8: reads unknown table fct_daly; known models and sources: .*fct_daily/);
			expect(result.nodes.find((n) => n.name === 'fct_typo_child')).toMatchObject({ status: 'skipped', error: 'skipped because fct_typo did not build' });
			expect(result.problems).toEqual([expect.stringMatching(/^fct_typo: models\/marts\/fct_typo\.sql:4:8: reads unknown table fct_daly/)]);
			expect((await warehouse.publishedState()).publishId).toBe(3);
		} finally {
			await removeSql(config.sqlDir, 'models/marts/fct_typo.sql');
			await removeSql(config.sqlDir, 'models/marts/fct_typo_child.sql');
		}
	});
});
