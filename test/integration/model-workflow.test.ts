/**
 * The model workflow on real DuckDB files, with a private copy of sql/: editing a shipped model, `plan` shows
 * what changes and the data diff without publishing, `build` publishes a new version (reusing the planned
 * candidates), the history records it (log, diff with the edited line), `rollback` restores the previous
 * numbers exactly, and a failing test (column or data test) leaves the old numbers serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { formatBuildResult } from '../../src/lib/server/models/format-build.ts';
import { builtWarehouse, fixture, testConfig } from '../helpers/fixture.ts';
import { EXCLUDE_PENDING, editSql, removeSql, withPrivateSql, writeSql } from '../helpers/private-sql.ts';
import { fxLookup, referencePartnerReport } from '../helpers/independent-metrics.ts';
import { readExports, type ExportRows } from '../helpers/read-exports.ts';

const RANGE = 'from=2026-05-01&to=2026-06-30';
let exportsRows: ExportRows;

beforeAll(async () => {
	exportsRows = await readExports(fixture().dataDir);
});

async function partnerRows(api: TestApi): Promise<{ text: string; rows: Record<string, number | string | null>[]; publishId: number }> {
	const response = await api.request(`/api/v1/reports/partners?${RANGE}`);
	expect(response.status).toBe(200);
	const body = (await response.json()) as { rows: Record<string, number | string | null>[]; meta: { publishId: number } };
	return { text: JSON.stringify(body.rows), rows: body.rows, publishId: body.meta.publishId };
}

/** Total revenue of counted sales, straight from the parquet rows (hyparquet, not DuckDB). */
function referenceRevenue(counted: (status: string) => boolean): number {
	const rate = fxLookup(exportsRows.fx);
	return exportsRows.sales.filter((s) => counted(s.status)).reduce((sum, s) => sum + s.sale_amount * rate(s.currency, new Date(s.converted_at).toISOString().slice(0, 10)), 0);
}

describe('editing a shipped model: plan, build, history, rollback', () => {
	let config: Config;
	let warehouse: Warehouse;
	let api: TestApi;
	let before: Awaited<ReturnType<typeof partnerRows>>;

	beforeAll(async () => {
		config = await withPrivateSql(await testConfig());
		warehouse = await builtWarehouse(config);
		api = await testApi(warehouse);
		before = await partnerRows(api);
		await editSql(config.sqlDir, EXCLUDE_PENDING.file, EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);
	});
	afterAll(() => warehouse?.close());

	it('plan shows the changed model, the models rebuilt because of it and a data diff, and publishes nothing', async () => {
		const plan = await warehouse.plan();
		expect(plan.status).toBe('planned');
		expect(plan.publishId).toBeNull();
		const change = new Map(plan.plan.nodes.map((n) => [n.name, n]));
		expect(change.get('stg_sales')).toMatchObject({ change: 'changed' });
		expect(change.get('fct_daily')).toMatchObject({ change: 'rebuilt', because: ['stg_sales'] });
		expect(change.get('fct_partner_daily')).toMatchObject({ change: 'rebuilt', because: ['fct_daily'] });
		expect(change.get('fct_program_daily')).toMatchObject({ change: 'rebuilt', because: ['fct_daily'] });
		expect(change.get('src_sales')!.change).toBe('unchanged');
		expect(plan.nodes.filter((n) => n.status === 'success').map((n) => n.name)).toEqual(expect.arrayContaining(['stg_sales', 'fct_daily', 'fct_partner_daily', 'fct_program_daily']));

		// The data diff's revenue totals match an independent computation over the parquet rows.
		const program = plan.dataDiffs.find((d) => d.name === 'fct_program_daily')!;
		expect(program.rowsBefore).toBe(program.rowsAfter);
		const revenue = program.columns.find((c) => c.column === 'revenue')!;
		expect(revenue.before!).toBeCloseTo(referenceRevenue((s) => s !== 'reversed'), 2);
		expect(revenue.after!).toBeCloseTo(referenceRevenue((s) => s !== 'reversed' && s !== 'pending'), 2);
		expect(revenue.changedKeys).toBeGreaterThan(0);
		expect(revenue.top.length).toBe(5);
		const moves = revenue.top.map((t) => Math.abs((t.after ?? 0) - (t.before ?? 0)));
		expect(moves).toEqual([...moves].sort((a, b) => b - a));
		expect(program.columns.find((c) => c.column === 'valid_clicks')!.changedKeys).toBe(0);
		// stg_sales keeps its rows and amounts: only the boolean is_counted changed.
		expect(plan.dataDiffs.find((d) => d.name === 'stg_sales')).toMatchObject({ keysAdded: 0, keysRemoved: 0, keysChanged: 0 });

		const text = formatBuildResult(plan);
		expect(text).toContain('changed   stg_sales (incremental)');
		expect(text).toMatch(/rebuilt   fct_program_daily \(incremental\) \w{8} -> \w{8} because fct_daily changed/);
		expect(text).toMatch(/fct_program_daily \(rebuilt, grain date\): 150 -> 150 rows; keys 0 added, 0 removed, \d+ changed/);
		expect(text).toContain('nothing published');

		// Nothing is published: the dashboard still shows the old numbers.
		expect(await partnerRows(api)).toEqual(before);
	});

	it('build publishes the new version, reusing the planned candidates, and the API serves the new numbers', async () => {
		const result = await warehouse.build({ author: 'analyst', message: 'pending sales no longer count' });
		expect(result.status).toBe('published');
		expect(result.publishId).toBe(before.publishId + 1);
		for (const name of ['stg_sales', 'fct_daily', 'fct_partner_daily', 'fct_program_daily']) expect(result.nodes.find((n) => n.name === name)!.status).toBe('reused');
		expect(result.dataDiffs.map((d) => d.name)).toEqual(expect.arrayContaining(['stg_sales', 'fct_program_daily']));
		expect(formatBuildResult(result)).toMatch(/data diff \(published -> candidate\):[\s\S]*published #2 in \d+ ms/);

		const after = await partnerRows(api);
		expect(after.publishId).toBe(result.publishId);
		const withoutPending = { ...exportsRows, sales: exportsRows.sales.filter((s) => s.status !== 'pending') };
		const reference = referencePartnerReport(withoutPending, '2026-05-01', '2026-06-30');
		for (const row of after.rows) {
			const ref = reference.get(row.partner_id as string);
			if (!ref) continue; // a partner with costs only in the range
			expect(Math.abs((row.revenue as number) - ref.revenue), `${row.partner_id} revenue`).toBeLessThan(0.005);
			expect(row.conversions).toBe(ref.conversions);
		}
		expect(after.text).not.toBe(before.text);
	});

	it('the log records both publishes with author, message and what changed; diff shows the edited line', async () => {
		const log = await warehouse.log();
		expect(log.map((e) => [e.publishId, e.kind, e.current])).toEqual([
			[2, 'build', true],
			[1, 'build', false]
		]);
		expect(log[0]).toMatchObject({ author: 'analyst', message: 'pending sales no longer count', restorable: true });
		expect(log[0]!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'stg_sales', change: 'changed' }), expect.objectContaining({ name: 'fct_daily', change: 'rebuilt' })]));
		expect(log[0]!.changes.some((c) => c.name === 'src_sales')).toBe(false);

		const diff = await warehouse.diff('stg_sales');
		expect(diff).toMatchObject({ from: { publishId: 1 }, to: { publishId: 2 }, sameVersion: false });
		expect(diff.diff).toContain(`-    ${EXCLUDE_PENDING.from},`);
		expect(diff.diff).toContain(`+    ${EXCLUDE_PENDING.to},`);
		expect(diff.diff.match(/^[-+](?![-+])/gm)).toHaveLength(2);
		expect((await warehouse.diff('fct_daily', 1, 2)).diff).toBe(''); // rebuilt: same file, new parents
		expect((await warehouse.diff('stg_sales', 2, 2)).sameVersion).toBe(true);
		await expect(warehouse.diff('stg_sales', 7)).rejects.toThrow(/publish #7 does not exist/);
	});

	it('rollback restores the previous numbers exactly, recorded as a rollback', async () => {
		const rollback = await warehouse.rollback(1, { author: 'analyst' });
		expect(rollback).toMatchObject({ publishId: 3, rollbackOf: 1, removed: [] });
		const restored = await partnerRows(api);
		expect(restored.text).toBe(before.text);
		expect(restored.publishId).toBe(3);
		const [latest] = await warehouse.log({ limit: 1 });
		expect(latest).toMatchObject({ publishId: 3, kind: 'rollback', rollbackOf: 1, author: 'analyst', message: 'rollback to #1', current: true });
		await expect(warehouse.rollback(3)).rejects.toThrow(/already serving/);
		await expect(warehouse.rollback(42)).rejects.toThrow(/publish #42 does not exist/);
	});

	it('building the edited files again republishes the new version from its existing tables', async () => {
		const result = await warehouse.build({ author: 'analyst', message: 'again' });
		expect(result.status).toBe('published');
		expect(result.nodes.find((n) => n.name === 'stg_sales')!.status).toBe('reused');
		expect((await partnerRows(api)).text).not.toBe(before.text);
	});
});

describe('a failing test leaves the old numbers serving', () => {
	let config: Config;
	let warehouse: Warehouse;
	let api: TestApi;

	beforeAll(async () => {
		config = await withPrivateSql(await testConfig());
		warehouse = await builtWarehouse(config);
		api = await testApi(warehouse);
	});
	afterAll(() => warehouse?.close());

	async function expectOldNumbersServe(before: Awaited<ReturnType<typeof partnerRows>>, publishId: number) {
		expect((await warehouse.publishedState()).publishId).toBe(publishId);
		expect(await partnerRows(api)).toEqual(before);
		const health = (await (await api.request('/api/v1/health')).json()) as { status: string };
		expect(health.status).toBe('degraded');
	}

	it('a column test in the header that fails: the model fails and nothing is published', async () => {
		const before = await partnerRows(api);
		await editSql(config.sqlDir, 'models/marts/fct_partner_daily.sql', /^-- test: not_null\(date, partner_id\)$/m, '-- test: not_null(date, partner_id)\n-- test: accepted_values(partner_id: nobody)');
		try {
			const result = await warehouse.build({ author: 'test', message: 'failing column test' });
			expect(result.status).toBe('failed');
			expect(result.publishId).toBeNull();
			const node = result.nodes.find((n) => n.name === 'fct_partner_daily')!;
			expect(node.status).toBe('failed');
			expect(node.error).toMatch(/^tests failed: accepted_values\(partner_id: nobody\) \(\d+ failing rows\)$/);
			expect(formatBuildResult(result)).toContain('build failed');
			await expectOldNumbersServe(before, before.publishId);
		} finally {
			await editSql(config.sqlDir, 'models/marts/fct_partner_daily.sql', '\n-- test: accepted_values(partner_id: nobody)', '');
		}
	});

	it('a data test that returns rows after a plausible edit: nothing is published', async () => {
		const before = await partnerRows(api);
		// Counting only approved revenue in the partner mart no longer reconciles with the staged sales.
		await editSql(config.sqlDir, 'models/marts/fct_partner_daily.sql', 'coalesce(sum(revenue), 0) as revenue', 'coalesce(sum(approved_revenue), 0) as revenue');
		const result = await warehouse.build({ author: 'test', message: 'approved revenue only' });
		expect(result.status).toBe('failed');
		expect(result.nodes.find((n) => n.name === 'fct_partner_daily')!.status).toBe('success');
		expect(result.dataTests.find((t) => t.name === 'tests/reconcile_partner_daily_to_sales.sql')).toMatchObject({ status: 'fail', failingRows: 1 });
		// The data diff still shows what the edit would have done.
		const revenue = result.dataDiffs.find((d) => d.name === 'fct_partner_daily')!.columns.find((c) => c.column === 'revenue')!;
		expect(revenue.after!).toBeLessThan(revenue.before!);
		await expectOldNumbersServe(before, before.publishId);
		await editSql(config.sqlDir, 'models/marts/fct_partner_daily.sql', 'coalesce(sum(approved_revenue), 0) as revenue', 'coalesce(sum(revenue), 0) as revenue');
	});

	it('a new data test file that returns rows: nothing is published; removing it builds again', async () => {
		const before = await partnerRows(api);
		await writeSql(config.sqlDir, 'tests/no_revenue_at_all.sql', '-- fails on purpose\nselect date, revenue from fct_program_daily where revenue > 0');
		const result = await warehouse.build({ author: 'test', message: 'a failing data test' });
		expect(result.status).toBe('failed');
		expect(result.dataTests.find((t) => t.name === 'tests/no_revenue_at_all.sql')).toMatchObject({ status: 'fail' });
		await expectOldNumbersServe(before, before.publishId);
		await removeSql(config.sqlDir, 'tests/no_revenue_at_all.sql');
		expect(['up_to_date', 'published']).toContain((await warehouse.build({ author: 'test', message: 'fixed' })).status);
	});
});
