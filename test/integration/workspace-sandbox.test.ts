/**
 * The analyst workspace routes as an attacker with the analyst role would use them (issue 11): every escape
 * from the SQL sandbox (files outside the exports, the users file, COPY TO, ATTACH, INSTALL/LOAD, SET,
 * PRAGMA, getenv, settings, system tables) sent through /workspace/check, /workspace/preview and
 * /workspace/plan is refused at its stage, leaves no file behind, and publishes nothing; and a preview that
 * would exhaust the server (a cross join aggregated into one list, a result of huge rows) is stopped at its
 * memory or answer cap with a clear 422 while the server keeps serving reports and small previews.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { PREVIEW_MAX_BYTES } from '../../src/lib/server/models/preview-select.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { withPrivateSql } from '../helpers/private-sql.ts';

const MEMORY_CAP_MB = 128;

let config: Config;
let warehouse: Warehouse;
let api: TestApi;
let ana: TestUser;
let leak: string;
let outsideParquet: string;

beforeAll(async () => {
	const base = await withPrivateSql(await testConfig({ copyData: true }));
	// A long time limit, so only the memory cap can stop the runaway previews below.
	config = { ...base, previewTimeoutMs: 120_000, queryTimeoutMs: 120_000, previewMemoryMb: MEMORY_CAP_MB };
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
	ana = await addTestUser(api.store, 'ana', 'analyst');
	leak = path.join(config.dataDir, 'leak');
	// A real parquet file, readable by the OS user, but outside the exports directory.
	const outside = await mkdtemp(path.join(tmpdir(), 'ps-outside-'));
	const sales = path.join(config.dataDir, 'sales');
	const first = (await readdir(sales, { recursive: true })).map(String).find((f) => f.endsWith('.parquet'))!;
	outsideParquet = path.join(outside, 'sales.parquet');
	await copyFile(path.join(sales, first), outsideParquet);
});
afterAll(() => warehouse?.close());

const call = (route: string, body: unknown) =>
	api.app.request(`/api/v1/models/workspace${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(ana) }, body: JSON.stringify(body) });
const modelText = (sql: string) => `-- kind: view\n-- description: an escape attempt\n${sql}\n`;

/** The paths exist only once the fixture is made; the cases name them with placeholders. */
const fill = (sql: string) => sql.replaceAll('{OUTSIDE}', outsideParquet).replaceAll('{USERS}', `${config.warehousePath}.auth.json`).replaceAll('{LEAK}', leak);

const ONLY_SELECT = /only a single SELECT statement is allowed/;
const escapes = () => [
	{ name: 'read_csv of /etc/passwd', sql: "select * from read_csv('/etc/passwd')", refused: /table function read_csv\(\) is not allowed/ },
	{ name: 'read_parquet of a parquet outside the exports', sql: `select * from read_parquet('{OUTSIDE}')`, refused: /table function read_parquet\(\) is not allowed/ },
	{ name: 'a parquet outside the exports by its path', sql: `select * from '{OUTSIDE}'`, refused: /unknown table/ },
	{ name: 'read_text of the users file', sql: `select * from read_text('{USERS}')`, refused: /table function read_text\(\) is not allowed/ },
	{ name: 'read_json of the users file', sql: `select * from read_json_auto('{USERS}')`, refused: /table function read_json_auto\(\) is not allowed/ },
	{ name: 'glob of the file system', sql: "select * from glob('/etc/*')", refused: /table function glob\(\) is not allowed/ },
	{ name: 'COPY TO a file', sql: `copy (select 1 as x) to '{LEAK}.csv'`, refused: ONLY_SELECT },
	{ name: 'a SELECT, then COPY TO', sql: `select 1 as x; copy (select 1) to '{LEAK}.parquet'`, refused: ONLY_SELECT },
	{ name: 'ATTACH another database', sql: `attach '{LEAK}.duckdb' as other`, refused: ONLY_SELECT },
	{ name: 'INSTALL an extension', sql: 'install httpfs', refused: ONLY_SELECT },
	{ name: 'LOAD an extension', sql: 'load httpfs', refused: ONLY_SELECT },
	{ name: 'SET a setting', sql: 'set enable_external_access = true', refused: ONLY_SELECT },
	{ name: 'PRAGMA', sql: 'pragma database_list', refused: ONLY_SELECT },
	{ name: 'a pragma table function', sql: 'select * from pragma_database_list()', refused: /table function pragma_database_list\(\) is not allowed/ },
	{ name: 'getenv', sql: "select getenv('HOME') as home", refused: /function getenv\(\) is not allowed/ },
	{ name: 'current_setting', sql: "select current_setting('allowed_directories') as dirs", refused: /function current_setting\(\) is not allowed/ },
	{ name: 'duckdb_settings()', sql: 'select * from duckdb_settings()', refused: /table function duckdb_settings\(\) is not allowed/ },
	{ name: "the engine's own tables", sql: 'select * from ps_meta.publishes', refused: /tables are read by bare name only/ }
];

describe('sandbox escapes through the workspace routes', () => {
	it.each(escapes().map((e) => [e.name, e] as const))('%s: refused by check, preview and plan; nothing written or published', async (_name, escape) => {
		const before = (await warehouse.publishedState()).publishId;
		const text = modelText(fill(escape.sql));

		const check = (await (await call('/check', { name: 'escape', text })).json()) as { ok: boolean; diagnostics: { line: number; message: string; stage: string }[] };
		expect(check.ok).toBe(false);
		expect(check.diagnostics[0]!.stage).toBe('gate');
		expect(check.diagnostics[0]!.line).toBe(3); // the SELECT's line in the file, after the two header lines
		expect(check.diagnostics[0]!.message).toMatch(escape.refused);

		const preview = await call('/preview', { name: 'escape', text });
		const problem = (await preview.json()) as { title: string; detail: string };
		expect(preview.status, problem.detail).toBe(422);
		expect(preview.headers.get('content-type')).toBe('application/problem+json');
		expect(problem.detail).toMatch(escape.refused);

		const plan = await call('/plan', { drafts: [{ name: 'escape', text }] });
		const planned = (await plan.json()) as { status: string; publishId: number | null; nodes: { name: string; status: string; error?: string }[] };
		expect(plan.status).toBe(200);
		expect(planned.status).toBe('failed');
		const node = planned.nodes.find((n) => n.name === 'escape')!;
		expect(node.status).toBe('failed');
		expect(node.error).toMatch(escape.refused);

		expect((await warehouse.publishedState()).publishId).toBe(before);
		for (const ext of ['.csv', '.duckdb', '.parquet']) expect(existsSync(`{LEAK}${ext}`), `{LEAK}${ext}`).toBe(false);
		expect(existsSync(path.join(config.sqlDir, 'models', 'marts', 'escape.sql'))).toBe(false);
	});
});

describe('previews that would exhaust the server', { timeout: 300_000 }, () => {
	const report = () => api.request('/api/v1/reports/partners?from=2026-05-01&to=2026-05-31');

	it(`a cross join gathered into one list is stopped at the ${MEMORY_CAP_MB} MB memory cap; reports and small previews still answer`, async () => {
		const before = await report();
		expect(before.status).toBe(200);
		const expected = await before.text();
		// A trillion rows folded into one list: memory grows until something stops it. The time limit is two minutes.
		const huge = 'select list(a.range * b.range) as everything from range(1000000) as a cross join range(1000000) as b';
		const [stopped, during] = await Promise.all([call('/preview', { name: 'hog', text: modelText(huge) }), new Promise((r) => setTimeout(r, 300)).then(report)]);
		const problem = (await stopped.json()) as { title: string; detail: string };
		expect(stopped.status, problem.detail).toBe(422);
		expect(problem.title, problem.detail).toBe('Preview too large');
		expect(problem.detail).toMatch(new RegExp(`used more than ${MEMORY_CAP_MB} MB of memory`));
		// Readers were never stopped, and answer the same numbers after.
		expect(during.status).toBe(200);
		expect(await during.text()).toBe(expected);
		const after = await report();
		expect(after.status).toBe(200);
		expect(await after.text()).toBe(expected);
		const small = await call('/preview', { name: 'small', text: modelText('select partner_id, partner_name from stg_partners order by partner_id') });
		expect(small.status).toBe(200);
		expect(((await small.json()) as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
	});

	it('a result of huge rows is cut at the answer cap with a clear 422', async () => {
		// 20 rows of 1 MB each: under the memory cap, over the 16 MB an answer may carry.
		const wide = "select range as i, repeat('x', 1000000) as s from range(20)";
		const response = await api.request('/api/v1/models/preview', { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(ana) }, body: JSON.stringify({ sql: wide, limit: 100 }) });
		const problem = (await response.json()) as { title: string; detail: string };
		expect(response.status, problem.detail).toBe(422);
		expect(problem.title, problem.detail).toBe('Preview too large');
		expect(problem.detail).toMatch(new RegExp(`passed ${PREVIEW_MAX_BYTES / 1024 / 1024} MB of JSON`));
		expect((await report()).status).toBe(200);
	});
});
