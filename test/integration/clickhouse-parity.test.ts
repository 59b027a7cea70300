/**
 * The same shipped models built on DuckDB and on ClickHouse (embedded chDB, the same transpiled SQL and
 * settings a server gets) over the same generated exports publish the same rows: every model, every row,
 * counts exactly and money to the cent. The ClickHouse side is built by the real CLI as the README says
 * (`partnerscope plan --engine clickhouse`, then `PARTNERSCOPE_ENGINE=clickhouse partnerscope build`). Then the
 * ClickHouse publish pointer names every version, and a snapshot exported from ClickHouse serves the dashboard
 * numbers DuckDB serves, through sign-in.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/database.ts';
import { openClickHouse, type ClickHouseConnection } from '../../src/lib/server/engines/clickhouse-connection.ts';
import { physicalTable, readClickHousePointer, runClickHouseBuild } from '../../src/lib/server/engines/run-clickhouse-build.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { exportClickHouseSnapshot } from '../../src/lib/server/engines/clickhouse-snapshot-source.ts';
import { SnapshotReader } from '../../src/lib/server/snapshots/snapshot-reader.ts';
import { builtWarehouse, fixture, testConfig } from '../helpers/fixture.ts';
import { runCli, type CliRun } from '../helpers/run-cli.ts';
import { editSql, withPrivateSql } from '../helpers/private-sql.ts';
import { testApi } from '../helpers/test-api.ts';
import { bearer } from '../helpers/test-users.ts';

const DATABASE = 'partnerscope_parity';
let duck: Warehouse;
let catalog: Database;
let ch: ClickHouseConnection;
let chDir: string;
let plan: CliRun;
let build: CliRun;
/** What the CLI's ClickHouse build recorded in its catalog: the build's outcome and the published versions. */
let result: {
	status: string;
	publishId: number;
	nodes: { name: string; status: string }[];
	dataTests: { name: string; status: string }[];
	published: { name: string; version: string; kind: string }[];
};

beforeAll(async () => {
	const config = await testConfig();
	duck = await builtWarehouse(config);
	chDir = await mkdtemp(path.join(fixture().root, 'chdb-'));
	// The real CLI, as the README says: plan shows the ClickHouse SQL and builds the candidates, build publishes them.
	const cliConfig = { ...config, warehousePath: path.join(chDir, 'catalog.duckdb') };
	const env = { PARTNERSCOPE_ENGINE: 'clickhouse', PARTNERSCOPE_CLICKHOUSE_URL: `chdb:${path.join(chDir, 'chdb')}`, PARTNERSCOPE_CLICKHOUSE_DATABASE: DATABASE };
	plan = await runCli(['plan', '--engine', 'clickhouse'], cliConfig, { env: { PARTNERSCOPE_CLICKHOUSE_URL: env.PARTNERSCOPE_CLICKHOUSE_URL, PARTNERSCOPE_CLICKHOUSE_DATABASE: DATABASE } });
	build = await runCli(['build', '--message', 'parity'], cliConfig, { env });
	catalog = await Database.open({ path: cliConfig.warehousePath });
	ch = await openClickHouse({ url: env.PARTNERSCOPE_CLICKHOUSE_URL, user: 'default', password: '', database: DATABASE });
	const [last] = await catalog.query<{ status: string; publish_id: number; summary: string }>('select status, publish_id, summary::varchar as summary from ps_meta.builds order by started_at desc limit 1');
	const summary = JSON.parse(last!.summary) as { nodes: { name: string; status: string }[]; dataTests: { name: string; status: string }[] };
	const published = await catalog.query<{ name: string; version: string; kind: string }>(
		'select pm.name, pm.version, mv.node_kind as kind from ps_meta.publish_models pm join ps_meta.model_versions mv using (name, version) where pm.publish_id = $id order by pm.name',
		{ id: last!.publish_id }
	);
	result = { status: last!.status, publishId: Number(last!.publish_id), nodes: summary.nodes, dataTests: summary.dataTests, published };
}, 900_000);

afterAll(async () => {
	duck?.close();
	catalog?.close();
	await ch?.close();
});

type Cell = string | number | boolean | null;

/** One value as both engines mean it: numbers as numbers, instants as ISO UTC, dates as YYYY-MM-DD. */
function normalize(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'boolean' || typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	const text = String(value);
	if (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text)) return Number(text);
	const instant = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(\.\d+)?)(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(text);
	if (instant) return new Date(`${instant[1]}T${instant[2]}${instant[4] ?? 'Z'}`).toISOString();
	return text;
}

function sortKey(row: Record<string, Cell>, columns: readonly string[]): string {
	return JSON.stringify(columns.map((c) => (typeof row[c] === 'number' ? Math.round((row[c] as number) * 100) : row[c])));
}

describe('PARTNERSCOPE_ENGINE=clickhouse (chDB) against DuckDB', () => {
	it('plans from the CLI with the ClickHouse SQL of every model, transpiled or hand-written', () => {
		expect(plan.code, plan.stderr).toBe(0);
		expect(plan.stdout).toMatch(/ClickHouse SQL of the changed models \(@polyglot-sql\/sdk \d+\.\d+\.\d+; settings join_use_nulls = 1, aggregate_functions_null_for_empty = 1/);
		expect(plan.stdout).toMatch(/-- fct_partner_daily \(added; transpiled\)\nSELECT /);
		expect(plan.stdout).toContain('-- fct_daily (added; hand-written models/marts/fct_daily.clickhouse.sql)');
	});

	it('publishes from the CLI, with every model built and every column and data test passing on ClickHouse', () => {
		expect(build.code, build.stderr + build.stdout).toBe(0);
		const failed = result.nodes.filter((n) => n.status === 'failed' || n.status === 'skipped');
		expect(failed).toEqual([]);
		expect(result.dataTests.length).toBeGreaterThan(0);
		expect(result.dataTests.filter((t) => t.status !== 'pass')).toEqual([]);
		expect(result.status).toBe('published');
	});

	it('has the same rows in every model: counts exactly, money to the cent', async () => {
		const models = result.published.filter((n) => n.kind !== 'source');
		expect(models.length).toBeGreaterThanOrEqual(15);
		for (const node of models) {
			const duckRows = (await duck.db.query(`select * from main."${node.name}"`)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])));
			const chRows = (await ch.query<Record<string, unknown>>(`SELECT * FROM \`${DATABASE}\`.\`${physicalTable(node.name, node.version)}\``)).map((r) =>
				Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)]))
			);
			expect(chRows.length, `${node.name}: row count`).toBe(duckRows.length);
			expect(duckRows.length, `${node.name}: the fixture gives it rows`).toBeGreaterThan(0);
			const columns = Object.keys(duckRows[0]!);
			expect(Object.keys(chRows[0]!).sort(), `${node.name}: columns`).toEqual([...columns].sort());
			const byKey = (rows: Record<string, Cell>[]) => [...rows].sort((a, b) => (sortKey(a, columns) < sortKey(b, columns) ? -1 : 1));
			const [d, c] = [byKey(duckRows), byKey(chRows)];
			const mismatches: string[] = [];
			for (let i = 0; i < d.length && mismatches.length < 5; i++) {
				for (const column of columns) {
					const [x, y] = [d[i]![column], c[i]![column]];
					const money = /amount|revenue|cost|commission|fee|rate|seconds|ltv|margin/.test(column);
					const same =
						typeof x === 'number' && typeof y === 'number'
							? money || !Number.isInteger(x)
								? Math.abs(x - y) < 0.005
								: x === y
							: x === y;
					if (!same) mismatches.push(`${node.name} row ${i} column ${column}: duckdb ${JSON.stringify(x)}, clickhouse ${JSON.stringify(y)}`);
				}
			}
			expect(mismatches, node.name).toEqual([]);
		}
	}, 300_000);

	it('switches the ClickHouse publish pointer to exactly the published versions', async () => {
		const pointer = await readClickHousePointer(ch, DATABASE);
		expect(pointer?.publishId).toBe(result.publishId);
		expect(result.published.length).toBe(result.nodes.length);
		for (const node of result.published) expect(pointer!.tables[node.name], node.name).toBe(physicalTable(node.name, node.version));
	});

	it('serves, through a snapshot exported from ClickHouse, the dashboard numbers DuckDB serves (to the cent)', { timeout: 300_000 }, async () => {
		const snapshotDir = path.join(chDir, 'snapshot');
		const exported = await exportClickHouseSnapshot(catalog, ch, DATABASE, snapshotDir);
		expect(exported.manifest.engine).toBe('clickhouse');
		expect(exported.written.length).toBe(result.published.length);
		// Both through sign-in, as the same admin: the build machine's API and a reader reading its users file read-only.
		const api = await testApi(duck);
		const reader = new SnapshotReader(duck.config, snapshotDir, { auth: { store: new AuthStore(api.store.file, { readOnly: true }) }, log: () => {} });
		// Numbers to the cent, and every field that is not the publish's identity (its id, time and engine-specific versions).
		const comparable = (body: unknown): unknown =>
			JSON.parse(JSON.stringify(body, (key, value) => (key === 'publishId' || key === 'publishedAt' || key === 'modelVersions' ? undefined : typeof value === 'number' ? Math.round(value * 100) / 100 : value)));
		try {
			for (const page of ['/api/v1/reports/partners?from=2026-02-01&to=2026-06-30', '/api/v1/reports/overview?weeks=26', '/api/v1/metrics/breakdown?by=channel,month&from=2026-02-01&to=2026-06-30']) {
				const [fromClickHouse, fromDuckDB] = await Promise.all([reader.fetch(new Request(`http://localhost${page}`, { headers: bearer(api.admin) })), api.request(page)]);
				expect(fromClickHouse.status, page).toBe(200);
				expect(comparable(await fromClickHouse.json()), page).toEqual(comparable(await fromDuckDB.json()));
			}
		} finally {
			reader.close();
		}
	});

	it('is up to date on a second build, reusing every table', { timeout: 300_000 }, async () => {
		const again = await runClickHouseBuild(catalog, ch, { sqlDir: duck.config.sqlDir, dataDir: duck.config.dataDir, database: DATABASE });
		expect(again.status).toBe('up_to_date');
	});

	it('drops by retention the ClickHouse tables no kept publish names, and keeps every table the current publish serves', { timeout: 300_000 }, async () => {
		const tables = async () => (await ch.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = '${DATABASE}'`)).map((t) => t.name);
		const before = (await readClickHousePointer(ch, DATABASE))!;
		// A changed model: new versions of fct_program_daily and of the model reading it; the others keep theirs.
		const edited = await withPrivateSql(await testConfig());
		await editSql(edited.sqlDir, 'models/marts/fct_program_daily.sql', /from fct_daily\s+group by date/, 'from fct_daily\nwhere true\ngroup by date');
		const next = await runClickHouseBuild(catalog, ch, { sqlDir: edited.sqlDir, dataDir: duck.config.dataDir, database: DATABASE, retention: { keepPublishes: 1, keepDays: 0 } });
		expect(next.status).toBe('published');
		const after = (await readClickHousePointer(ch, DATABASE))!;
		const oldTable = before.tables.fct_program_daily!;
		expect(after.tables.fct_program_daily).not.toBe(oldTable);
		// Exactly the tables of the first publish that the second one no longer serves (retention keeps one publish).
		const replaced = Object.values(before.tables).filter((t) => !Object.values(after.tables).includes(t));
		expect(replaced).toContain(oldTable);
		expect([...next.retention!.dropped].sort()).toEqual(replaced.sort());
		expect(next.retention?.errors).toEqual([]);
		const left = await tables();
		expect(left).not.toContain(oldTable);
		for (const table of Object.values(after.tables)) expect(left, table).toContain(table);
		expect(left).toContain('ps_publishes');
	});
});
