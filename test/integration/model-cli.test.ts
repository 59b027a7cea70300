/**
 * The `partnerscope` command end to end, as a child process over real DuckDB files: build, plan, models
 * log/diff/rollback against a warehouse it opens itself; a clear error when another process holds the file;
 * and, with the real server running (it holds the file), the same commands handed to the server, which then
 * serves the new numbers without a restart.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/lib/server/config.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { readServerState, serverStatePath } from '../../src/lib/server/warehouse/server-state-file.ts';
import { builtWarehouse, fixture, testConfig } from '../helpers/fixture.ts';
import { EXCLUDE_PENDING, editSql, withPrivateSql } from '../helpers/private-sql.ts';
import { runCli } from '../helpers/run-cli.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { referencePartnerReport } from '../helpers/independent-metrics.ts';
import { readExports } from '../helpers/read-exports.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';

const RANGE = { from: '2026-05-01', to: '2026-06-30' };

// Each command is a fresh Node process (tsx compiles the CLI on start): seconds per run, so a roomier limit.
describe('partnerscope build / plan / models, opening the warehouse itself', { timeout: 180_000 }, () => {
	let config: Config;
	beforeAll(async () => {
		config = await withPrivateSql(await testConfig());
	});

	it('build on a fresh warehouse prints the plan, one line per model and the publish', async () => {
		const run = await runCli(['build', '--message', 'first build'], config);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^plan \(nothing published yet\):\n {2}added {5}src_clicks \(source\) \w{8}/);
		expect(run.stdout).toMatch(/^ {2}success {2}fct_program_daily [\d,]+ rows \d+ ms \(full: first build of this definition\)$/m);
		expect(run.stdout).toMatch(/^ {2}test pass {2}tests\/reconcile_program_daily\.sql$/m);
		expect(run.stdout).toMatch(/\npublished #1 in \d+ ms\n$/);
	});

	it('after an edit, plan shows the change and its data diff; build publishes it', async () => {
		await editSql(config.sqlDir, EXCLUDE_PENDING.file, EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);
		const plan = await runCli(['plan'], config);
		expect(plan.code).toBe(0);
		expect(plan.stdout).toMatch(/^plan against publish #1:\n {2}changed {3}stg_sales \(incremental\) \w{8} -> \w{8}$/m);
		expect(plan.stdout).toMatch(/^ {2}rebuilt {3}fct_program_daily \(incremental\) \w{8} -> \w{8} because fct_daily changed$/m);
		expect(plan.stdout).toMatch(/^data diff \(published -> candidate\):$/m);
		expect(plan.stdout).toMatch(/^ {4}revenue +[\d,.]+ -> [\d,.]+ +-[\d,.]+ \(-[\d.]+%\), \d+ keys$/m);
		expect(plan.stdout).toMatch(/plan ready in \d+ ms: candidates built and tested, nothing published/);

		const build = await runCli(['build', '--message', 'exclude pending sales'], config);
		expect(build.code).toBe(0);
		expect(build.stdout).toMatch(/^ {2}reused {3}stg_sales [\d,]+ rows/m);
		expect(build.stdout).toMatch(/data diff \(published -> candidate\):/);
		expect(build.stdout).toMatch(/\npublished #2 in \d+ ms/);
	});

	it('models log, diff and rollback read and change the history', async () => {
		const log = await runCli(['models', 'log'], config);
		expect(log.code).toBe(0);
		expect(log.stdout).toMatch(/^#2 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}build {5}cli-test {2}"exclude pending sales" {2}\d+ models {2}\(current\)\n {6}changed {2}stg_sales \w{8} -> \w{8}$/m);
		const diff = await runCli(['models', 'diff', 'stg_sales'], config);
		expect(diff.code).toBe(0);
		expect(diff.stdout).toContain(`-    ${EXCLUDE_PENDING.from},\n+    ${EXCLUDE_PENDING.to},`);
		const rollback = await runCli(['models', 'rollback', '1'], config);
		expect(rollback.code).toBe(0);
		expect(rollback.stdout).toMatch(/^published #3: rollback to publish #1 \(\d+ models\)$/m);
		const again = await runCli(['models', 'rollback', '#3'], config);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/publish #3 is already serving/);
	});

	it('a file held by another process, with no server answering, is a clear error', async () => {
		const holder = await Warehouse.open(config);
		try {
			const run = await runCli(['build'], config);
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/the warehouse .*warehouse\.duckdb is in use by another process \(PID \d+\) and no Partnerscope server advertises itself for it/);
		} finally {
			holder.close();
		}
	});
});

describe('partnerscope build with the server running', { timeout: 180_000 }, () => {
	let config: Config;
	let server: RunningServer;
	let store: AuthStore;
	let reader: TestUser;
	const report = async () =>
		JSON.stringify(((await (await fetch(`${server.url}/api/v1/reports/partners?from=${RANGE.from}&to=${RANGE.to}`, { headers: bearer(reader) })).json()) as { rows: unknown[] }).rows);

	beforeAll(async () => {
		config = await withPrivateSql(await testConfig());
		(await builtWarehouse(config)).close();
		store = AuthStore.forWarehouse(config.warehousePath);
		reader = await addTestUser(store, 'reader', 'viewer');
		// runCli's author name; the hand-off signs in as this user.
		await addTestUser(store, 'cli-test', 'analyst');
		server = await startServer(config);
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('advertises itself beside the warehouse', () => {
		const state = readServerState(config.warehousePath);
		expect(state).toMatchObject({ url: server.url, warehouse: config.warehousePath, sqlDir: config.sqlDir });
		expect(state!.pid).toBeGreaterThan(0);
	});

	it('hands the build to the server, which serves the new numbers without a restart', async () => {
		const before = await report();
		await editSql(config.sqlDir, EXCLUDE_PENDING.file, EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);
		const run = await runCli(['build', '--message', 'through the server'], config);
		expect(run.code).toBe(0);
		expect(run.stderr).toContain(`handing this to the running server at ${server.url}`);
		expect(run.stdout).toMatch(/^plan against publish #1:\n {2}changed {3}stg_sales/m);
		expect(run.stdout).toMatch(/data diff \(published -> candidate\):/);
		expect(run.stdout).toMatch(/\npublished #2 in \d+ ms/);

		const after = JSON.parse(await report()) as { partner_id: string; revenue: number }[];
		expect(JSON.stringify(after)).not.toBe(before);
		const rows = await readExports(fixture().dataDir);
		const reference = referencePartnerReport({ ...rows, sales: rows.sales.filter((s) => s.status !== 'pending') }, RANGE.from, RANGE.to);
		for (const row of after) {
			const ref = reference.get(row.partner_id);
			if (ref) expect(Math.abs(row.revenue - ref.revenue), row.partner_id).toBeLessThan(0.005);
		}

		const log = await runCli(['models', 'log', '--limit', '1'], config);
		expect(log.stdout).toMatch(/^#2 .*"through the server"/);
		expect(log.stdout.split('\n')[0]).toContain('cli-test');
		const rollback = await runCli(['models', 'rollback', '1'], config);
		expect(rollback.stdout).toMatch(/^published #3: rollback to publish #1/m);
		expect(await report()).toBe(before);
	});

	it('the hand-off signs in as the user and keeps to their role; its short-lived token is gone afterwards', async () => {
		const tokensBefore = store.listTokens('cli-test').length;
		const demoted = await runCli(['users', 'set-role', 'cli-test', 'viewer', '--warehouse', config.warehousePath], config, { locations: false });
		expect(demoted.code, demoted.stderr).toBe(0);
		const refused = await runCli(['build', '--message', 'a viewer tries'], config);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/needs the analyst role; cli-test is viewer/);
		expect(store.listTokens('cli-test').length).toBe(tokensBefore);
		const stranger = await runCli(['plan'], config, { env: { PARTNERSCOPE_AUTHOR: 'nobody-we-know' } });
		expect(stranger.code).toBe(1);
		expect(stranger.stderr).toMatch(/Sign-in required/);
		// It says who it tried and what to set, not only that sign-in is needed.
		expect(stranger.stderr).toMatch(/"nobody-we-know" \(your OS user or PARTNERSCOPE_AUTHOR\) is not one of its users: set PARTNERSCOPE_USER/);
		const misnamed = await runCli(['plan'], config, { env: { PARTNERSCOPE_USER: 'no-such-user' } });
		expect(misnamed.code).toBe(1);
		expect(misnamed.stderr).toMatch(/PARTNERSCOPE_USER "no-such-user" is not one of its users/);
		await runCli(['users', 'set-role', 'cli-test', 'analyst', '--warehouse', config.warehousePath], config, { locations: false });
		const token = await runCli(['tokens', 'create', 'cli-test', '--name', 'ci', '--warehouse', config.warehousePath], config, { locations: false });
		const secret = /token \(shown once\): (\S+)/.exec(token.stdout)![1]!;
		const withToken = await runCli(['plan'], config, { env: { PARTNERSCOPE_AUTHOR: 'nobody-we-know', PARTNERSCOPE_TOKEN: secret } });
		expect(withToken.code, withToken.stderr).toBe(0);
	});

	it('removes its state file when it stops', async () => {
		expect(existsSync(serverStatePath(config.warehousePath))).toBe(true);
		await server.stop();
		expect(existsSync(serverStatePath(config.warehousePath))).toBe(false);
	});
});
