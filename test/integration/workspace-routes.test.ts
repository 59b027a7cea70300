/**
 * /api/v1/models/workspace through the real Hono app over a real warehouse built from a private copy of sql/:
 * reading a file as it is on disk, saving with conflict detection (stale hash, new model that exists, model
 * deleted meanwhile), creating and deleting models, refusing path traversal in names and folders, the
 * engine's analysis at line and column, preview of a draft, plan of a draft (data diff checked against the
 * exports read without DuckDB) and the write-access seam.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { BuildResult } from '../../src/lib/server/models/run-build.ts';
import { hashText } from '../../src/lib/server/workspace/hash-text.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { REPO_ROOT, builtWarehouse, fixture, testConfig } from '../helpers/fixture.ts';
import { fxLookup } from '../helpers/independent-metrics.ts';
import { EXCLUDE_PENDING, withPrivateSql } from '../helpers/private-sql.ts';
import { readExports } from '../helpers/read-exports.ts';


let config: Config;
let warehouse: Warehouse;
let api: TestApi;
let ana: TestUser;
let viewer: TestUser;
let repoSnapshot: Map<string, string>;

async function snapshot(dir: string): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile()) {
			const full = path.join(entry.parentPath, entry.name);
			out.set(path.relative(dir, full), await readFile(full, 'utf8'));
		}
	}
	return out;
}

beforeAll(async () => {
	repoSnapshot = await snapshot(path.join(REPO_ROOT, 'sql'));
	config = await withPrivateSql(await testConfig());
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
	ana = await addTestUser(api.store, 'ana', 'analyst');
	viewer = await addTestUser(api.store, 'vic', 'viewer');
});
afterAll(async () => {
	warehouse?.close();
	// The repository's own models are never written by these tests.
	expect(await snapshot(path.join(REPO_ROOT, 'sql'))).toEqual(repoSnapshot);
});

/** Calls a workspace route as the analyst `ana` unless other credentials are given ({} = none). */
const call = (method: string, route: string, body?: unknown, auth: Record<string, string> = bearer(ana)) =>
	api.app.request(`/api/v1/models/workspace${route}`, { method, headers: { 'content-type': 'application/json', ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const json = async <T>(response: Response, status: number): Promise<T> => {
	const body = await response.json();
	expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(status);
	return body as T;
};
type FileBody = { name: string; path: string; text: string; hash: string };
type Conflict = { status: number; detail: string; conflict: { currentHash: string | null; currentText: string | null; diff: string; lines: { op: string; text: string }[] } };
const modelFile = (relative: string) => path.join(config.sqlDir, 'models', relative);

describe('reading and saving model files', () => {
	it('reads the file as it is on disk, and an edit made on disk shows up', async () => {
		const first = await json<FileBody>(await call('GET', '/files/fct_program_daily'), 200);
		const disk = await readFile(modelFile('marts/fct_program_daily.sql'), 'utf8');
		expect(first).toEqual({ name: 'fct_program_daily', path: 'marts/fct_program_daily.sql', text: disk, hash: hashText(disk) });
		await writeFile(modelFile('marts/fct_program_daily.sql'), `${disk}-- edited in a text editor\n`);
		const second = await json<FileBody>(await call('GET', '/files/fct_program_daily'), 200);
		expect(second.text.endsWith('-- edited in a text editor\n')).toBe(true);
		expect(second.hash).not.toBe(first.hash);
	});

	it('saves with the hash it opened, and answers a stale hash with 409 and a diff, writing nothing', async () => {
		const opened = await json<FileBody>(await call('GET', '/files/fct_program_daily'), 200);
		const mine = opened.text.replace('-- edited in a text editor', '-- analyst one');
		expect(await json(await call('PUT', '/files/fct_program_daily', { text: mine, baseHash: opened.hash }), 200)).toMatchObject({ action: 'updated', hash: hashText(mine), path: 'marts/fct_program_daily.sql' });
		expect(await readFile(modelFile('marts/fct_program_daily.sql'), 'utf8')).toBe(mine);

		// A second analyst opened the same text before the save above: the save is refused with what changed.
		const theirs = opened.text.replace('-- edited in a text editor', '-- analyst two');
		const conflict = await json<Conflict>(await call('PUT', '/files/fct_program_daily', { text: theirs, baseHash: opened.hash }), 409);
		expect(conflict.detail).toMatch(/models\/marts\/fct_program_daily\.sql changed since you opened it/);
		expect(conflict.conflict).toMatchObject({ currentHash: hashText(mine), currentText: mine });
		expect(conflict.conflict.diff).toContain('--- fct_program_daily.sql (now on disk)');
		expect(conflict.conflict.diff).toMatch(/^--- analyst one$/m);
		expect(conflict.conflict.diff).toMatch(/^\+-- analyst two$/m);
		expect(conflict.conflict.lines.filter((l) => l.op !== 'same').map((l) => `${l.op}:${l.text}`)).toEqual(['delete:-- analyst one', 'insert:-- analyst two']);
		expect(await readFile(modelFile('marts/fct_program_daily.sql'), 'utf8')).toBe(mine);

		// With the current hash (after comparing) the save goes through.
		expect(await json(await call('PUT', '/files/fct_program_daily', { text: theirs, baseHash: conflict.conflict.currentHash }), 200)).toMatchObject({ action: 'updated' });
	});

	it('creates a new model in its folder, refuses to create it twice, deletes it with its hash, and a stale save after that is a conflict', async () => {
		const text = '-- kind: view\n-- owner: test\n-- description: Revenue per day.\nselect date, revenue from fct_program_daily\n';
		expect(await json(await call('PUT', '/files/fct_revenue_daily', { text, baseHash: null, folder: 'marts/finance' }), 200)).toMatchObject({ action: 'created', path: 'marts/finance/fct_revenue_daily.sql' });
		expect(await readFile(modelFile('marts/finance/fct_revenue_daily.sql'), 'utf8')).toBe(text);
		const twice = await json<Conflict>(await call('PUT', '/files/fct_revenue_daily', { text: `${text}-- again\n`, baseHash: null }), 409);
		expect(twice.detail).toMatch(/model fct_revenue_daily already exists \(models\/marts\/finance\/fct_revenue_daily\.sql\)/);

		expect((await call('DELETE', '/files/fct_revenue_daily', { baseHash: hashText('something else') })).status).toBe(409);
		expect(await json(await call('DELETE', '/files/fct_revenue_daily', { baseHash: hashText(text) }), 200)).toMatchObject({ action: 'deleted', hash: null });
		const gone = await json<Conflict>(await call('PUT', '/files/fct_revenue_daily', { text, baseHash: hashText(text) }), 409);
		expect(gone.detail).toMatch(/was deleted since you opened it/);
		expect(gone.conflict.currentText).toBeNull();
		expect((await call('GET', '/files/fct_revenue_daily')).status).toBe(404);
	});

	it.each([
		['../../etc/passwd', 404],
		['..%2F..%2Fpasswd', 400],
		['%2e%2e', 404],
		['Stg_Sales', 400],
		['a.b', 400],
		['log', 400],
		['workspace', 400],
		['x'.repeat(64), 400]
	])('refuses the model name %s (%i) and writes nothing', async (name, status) => {
		const before = await snapshot(path.dirname(config.sqlDir));
		const response = await call('PUT', `/files/${name}`, { text: '-- kind: view\nselect 1 as x\n', baseHash: null });
		expect(response.status).toBe(status);
		expect(await snapshot(path.dirname(config.sqlDir))).toEqual(before);
	});

	it.each(['..', '../..', 'marts/../../x', '/tmp', 'marts\\..', 'a/b/c/d/e'])('refuses the folder %s', async (folder) => {
		const response = await call('PUT', '/files/fct_escape', { text: '-- kind: view\nselect 1 as x\n', baseHash: null, folder });
		expect(response.status).toBe(400);
		expect(((await response.json()) as { parameter: string }).parameter).toBe('folder');
	});

	it('refuses a file whose header the engine cannot read, at its line', async () => {
		const response = await call('PUT', '/files/fct_bad_header', { text: '-- kind: table\n-- grain: date, 1x\nselect 1\n', baseHash: null });
		expect(await json(response, 422)).toMatchObject({ line: 2, detail: expect.stringMatching(/grain: "1x" is not a column name/) });
	});
});

describe('the engine analysis as the analyst types', () => {
	const check = async (text: string) =>
		json<{ ok: boolean; diagnostics: { line: number; column: number; message: string; stage: string }[]; reads: string[]; columns: { name: string; type: string }[] }>(
			await call('POST', '/check', { name: 'fct_draft', text }),
			200
		);

	it.each([
		['a syntax error', '-- kind: view\n-- owner: me\nselect date,\n    revenue\nfrom fct_program_daily\nwher date > 1\n', { line: 6, column: 6, stage: 'gate', message: /syntax error at or near "date"/ }],
		['a table function outside the allowlist', "-- kind: view\nselect *\nfrom read_csv('/etc/passwd')\n", { line: 3, column: 6, stage: 'gate', message: /read_csv\(\) is not allowed/ }],
		['an unknown table', '-- kind: view\nselect *\n  from fct_daly\n', { line: 3, column: 8, stage: 'gate', message: /reads unknown table fct_daly/ }],
		['an unknown column', '-- kind: view\nselect date,\n       revenu\nfrom fct_program_daily\n', { line: 3, column: 8, stage: 'binder', message: /Referenced column "revenu" not found/ }],
		['a bad header', '-- kind: tabel\nselect 1\n', { line: 1, column: 1, stage: 'header', message: /kind must be one of view, table/ }]
	])('puts %s at its line and column', async (_what, text, expected) => {
		const result = await check(text);
		expect(result.ok).toBe(false);
		expect(result.diagnostics).toEqual([{ line: expected.line, column: expected.column, stage: expected.stage, message: expect.stringMatching(expected.message) }]);
	});

	it('binds a good draft and says what it reads and which columns it has', async () => {
		const result = await check('-- kind: view\nselect date, revenue * 2 as double_revenue from fct_program_daily\n');
		expect(result).toMatchObject({ ok: true, diagnostics: [], reads: ['fct_program_daily'] });
		expect(result.columns).toEqual([{ name: 'date', type: 'DATE' }, { name: 'double_revenue', type: expect.stringMatching(/DECIMAL|DOUBLE/) }]);
	});

	it('lists the published tables and their columns for completion', async () => {
		const { tables } = await json<{ tables: { name: string; columns: { name: string }[] }[] }>(await call('GET', '/schema'), 200);
		const names = tables.map((t) => t.name);
		expect(names).toEqual(expect.arrayContaining(['src_sales', 'stg_sales', 'fct_daily', 'fct_program_daily']));
		expect(tables.find((t) => t.name === 'stg_sales')!.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['conversion_id', 'is_counted', 'sale_amount_base']));
	});
});

describe('preview and plan of a draft', () => {
	it('previews the edited model against the published parents, capped in rows, with column types', async () => {
		const text = '-- kind: view\nselect date, revenue, conversions from fct_program_daily order by date\n';
		const result = await json<{ columns: { name: string; type: string }[]; rows: { date: string }[]; truncated: boolean; limit: number }>(
			await call('POST', '/preview', { name: 'fct_program_daily', text, limit: 5 }),
			200
		);
		expect(result.columns.map((c) => c.name)).toEqual(['date', 'revenue', 'conversions']);
		expect(result.rows).toHaveLength(5);
		expect(result).toMatchObject({ truncated: true, limit: 5 });
		expect(result.rows[0]!.date).toBe(fixture().startDate);
	});

	it.each([
		["-- kind: view\nselect * from read_parquet('/etc/passwd')\n", /line 1, column 15: table function read_parquet\(\) is not allowed/],
		['-- kind: view\nselect * from ps_meta.publishes\n', /tables are read by bare name only/],
		["-- kind: view\nselect current_setting('threads') as t\n", /current_setting\(\) is not allowed/],
		['-- kind: view\nselect 1 as x; drop table fct_daily\n', /only a single SELECT|one statement|single/]
	])('refuses an escape through the preview: %s', async (text, detail) => {
		const response = await call('POST', '/preview', { name: 'fct_x', text });
		expect(((await json(response, 422)) as { detail: string }).detail).toMatch(detail);
	});

	it('plans a draft without touching the files or the publish: models that change, tests, data diff checked against the exports, metrics and pages', async () => {
		const opened = await json<FileBody>(await call('GET', '/files/stg_sales'), 200);
		const draft = opened.text.replace(EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);
		const before = (await warehouse.publishedState()).publishId;
		const plan = await json<BuildResult & { impact: { metrics: { key: string }[]; pages: { href: string }[] } }>(
			await call('POST', '/plan', { drafts: [{ name: 'stg_sales', text: draft }], message: 'exclude pending' }),
			200
		);
		expect(plan).toMatchObject({ mode: 'plan', status: 'planned', publishId: null });
		const change = new Map(plan.plan.nodes.map((n) => [n.name, n.change]));
		expect(change.get('stg_sales')).toBe('changed');
		expect(change.get('fct_daily')).toBe('rebuilt');
		expect(change.get('stg_partners')).toBe('unchanged');
		expect(plan.dataTests.length).toBeGreaterThan(0);
		expect(plan.dataTests.every((t) => t.status === 'pass')).toBe(true);

		// The revenue that disappears from fct_daily is exactly the pending sales' revenue, from the parquet files read without DuckDB.
		const rows = await readExports(fixture().dataDir);
		const rate = fxLookup(rows.fx);
		const pending = rows.sales.filter((s) => s.status === 'pending').reduce((sum, s) => sum + Number(s.sale_amount) * rate(s.currency, new Date(s.converted_at).toISOString().slice(0, 10)), 0);
		expect(pending).toBeGreaterThan(0);
		const revenue = plan.dataDiffs.find((d) => d.name === 'fct_daily')!.columns.find((c) => c.column === 'revenue')!;
		expect(revenue.before! - revenue.after!).toBeCloseTo(pending, 2);
		expect(revenue.top.length).toBeGreaterThan(0);

		expect(plan.impact.metrics.map((m) => m.key)).toEqual(expect.arrayContaining(['revenue', 'conversions', 'commission', 'roas', 'aov']));
		expect(plan.impact.metrics.map((m) => m.key)).not.toContain('clicks');
		expect(plan.impact.pages.map((p) => p.href)).toEqual(expect.arrayContaining(['/', '/roi', '/forecast']));
		expect(await readFile(modelFile('staging/stg_sales.sql'), 'utf8')).toBe(opened.text);
		expect((await warehouse.publishedState()).publishId).toBe(before);

		// Save, then the build reuses the candidates the plan built.
		await json(await call('PUT', '/files/stg_sales', { text: draft, baseHash: opened.hash }), 200);
		const build = (await (await api.request('/api/v1/models/build', { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(ana) }, body: JSON.stringify({ message: 'exclude pending' }) })).json()) as BuildResult;
		expect(build.status).toBe('published');
		expect(build.nodes.find((n) => n.name === 'stg_sales')!.status).toBe('reused');
	});

	it('compares two stored versions side by side, and a version with the file on disk', async () => {
		const model = (await (await api.request('/api/v1/models/stg_sales')).json()) as { versions: { version: string; current: boolean }[] };
		const [newer, older] = [model.versions.find((v) => v.current)!.version, model.versions.find((v) => !v.current)!.version];
		const result = await json<{ lines: { op: string; text: string; oldLine: number | null; newLine: number | null }[]; same: boolean }>(
			await call('GET', `/compare/stg_sales?from=${older}&to=${newer}`),
			200
		);
		expect(result.same).toBe(false);
		expect(result.lines.filter((l) => l.op !== 'same').map((l) => `${l.op}:${l.text.trim()}`)).toEqual([`delete:${EXCLUDE_PENDING.from},`, `insert:${EXCLUDE_PENDING.to},`]);
		expect((await json<{ same: boolean }>(await call('GET', `/compare/stg_sales?from=${newer}&to=file`), 200)).same).toBe(true);
		expect((await call('GET', '/compare/stg_sales?from=zzz&to=file')).status).toBe(400);
		expect((await call('GET', `/compare/stg_sales?from=${'0'.repeat(16)}&to=file`)).status).toBe(404);
	});
});

describe('write access', () => {
	it.each([
		['GET', '/schema', undefined],
		['GET', '/files/stg_sales', undefined],
		['POST', '/check', { name: 'x', text: 'select 1' }],
		['POST', '/preview', { name: 'x', text: '-- kind: view\nselect 1' }],
		['POST', '/plan', { drafts: [{ name: 'x', text: null }] }],
		['PUT', '/files/stg_sales', { text: 'x', baseHash: null }],
		['DELETE', '/files/stg_sales', { baseHash: null }],
		['GET', '/compare/stg_sales?from=file&to=file', undefined]
	])('refuses %s %s to a viewer (403) and to anonymous callers (401)', async (method, route, body) => {
		expect((await call(method, route, body, bearer(viewer))).status).toBe(403);
		expect((await call(method, route, body, {})).status).toBe(401);
	});
});
