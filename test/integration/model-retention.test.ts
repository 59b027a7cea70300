/**
 * Retention on a real warehouse: with PARTNERSCOPE_RETAIN_PUBLISHES=2 and PARTNERSCOPE_RETAIN_DAYS=0, each
 * publish drops the versions no retained publish references (and candidates no publish took); rollback to a
 * retained publish stays instant, rollback to a cleaned-up one is a clear error. Days are checked with an
 * injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig, type Config } from '../../src/lib/server/config.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { physicalName } from '../../src/lib/server/models/catalog.ts';
import { testConfig } from '../helpers/fixture.ts';
import { editSql, withPrivateSql } from '../helpers/private-sql.ts';

const PROGRAM = 'models/marts/fct_program_daily.sql';
let config: Config;
let warehouse: Warehouse;
/** The clock retention reads: the real one, moved ahead by `daysAhead` (publish times come from DuckDB's now()). */
let daysAhead = 0;
const clock = () => new Date(Date.now() + daysAhead * 86_400_000);

/** Adds a constant column to the program mart, so each call gives it a new version. */
async function nextVersion(n: number): Promise<void> {
	await editSql(config.sqlDir, PROGRAM, /select\n    date,/, `select\n    date,\n    ${n} as edition,`);
}

async function versionTables(): Promise<Set<string>> {
	const rows = await warehouse.db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'ps_versions'");
	return new Set(rows.map((r) => r.table_name));
}

async function programVersion(): Promise<string> {
	return (await warehouse.publishedState()).models.get('fct_program_daily')!.version;
}

beforeAll(async () => {
	const base = await withPrivateSql(await testConfig());
	config = { ...base, retainPublishes: 2, retainDays: 0 };
	warehouse = await Warehouse.open(config, { now: clock });
});
afterAll(() => warehouse?.close());

describe('retention after each publish', () => {
	const versions: string[] = [];

	it('keeps the tables of the last two publishes and drops the rest', async () => {
		expect((await warehouse.build({ author: 'test' })).status).toBe('published');
		versions.push(await programVersion());
		for (const n of [1, 2]) {
			await nextVersion(n);
			const result = await warehouse.build({ author: 'test', message: `edition ${n}` });
			expect(result.status).toBe('published');
			versions.push(await programVersion());
			expect(result.retention!.errors).toEqual([]);
		}
		const tables = await versionTables();
		expect(tables.has(physicalName('fct_program_daily', versions[0]!))).toBe(false);
		expect(tables.has(physicalName('fct_program_daily', versions[1]!))).toBe(true);
		expect(tables.has(physicalName('fct_program_daily', versions[2]!))).toBe(true);
		// Versions all three publishes share (the sources, the staging models) are kept.
		const sales = (await warehouse.publishedState()).models.get('stg_sales')!.version;
		expect(tables.has(physicalName('stg_sales', sales))).toBe(true);

		const log = await warehouse.log();
		expect(log.map((e) => [e.publishId, e.restorable])).toEqual([
			[3, true],
			[2, true],
			[1, false]
		]);
	});

	it('rollback to a cleaned-up publish is a clear error; to a retained one it is instant', async () => {
		const refused = await warehouse.rollback(1).catch((error: Error & { extensions?: { missing?: string[] } }) => error);
		expect(refused).toBeInstanceOf(Error);
		expect((refused as Error).message).toMatch(/publish #1 can no longer be restored instantly: retention has cleaned up \d+ of its \d+ tables \(ps_versions\.\w+__\w+/);
		expect((refused as { extensions: { missing: string[] } }).extensions.missing).toContain(`ps_versions.${physicalName('fct_program_daily', versions[0]!)}`);
		const started = performance.now();
		const result = await warehouse.rollback(2);
		expect(performance.now() - started).toBeLessThan(2000);
		expect(result).toMatchObject({ publishId: 4, rollbackOf: 2 });
		expect(await programVersion()).toBe(versions[1]);
		// The rollback is itself a publish: retention now keeps #4 and #3 (which share their tables with #2).
		expect(result.retention!.retained).toEqual([4, 3]);
	});

	it('drops candidates that a plan built but no publish took', async () => {
		await nextVersion(3);
		const plan = await warehouse.plan();
		expect(plan.status).toBe('planned');
		const candidate = plan.plan.nodes.find((n) => n.name === 'fct_program_daily')!.version;
		expect((await versionTables()).has(physicalName('fct_program_daily', candidate))).toBe(true);
		await nextVersion(4); // a different edit is built instead
		expect((await warehouse.build({ author: 'test' })).status).toBe('published');
		expect((await versionTables()).has(physicalName('fct_program_daily', candidate))).toBe(false);
	});

	it('keeps every publish younger than PARTNERSCOPE_RETAIN_DAYS, whatever their number', async () => {
		warehouse.close();
		const young = await Warehouse.open({ ...config, retainPublishes: 1, retainDays: 7 }, { now: clock });
		warehouse = young;
		await nextVersion(5);
		const result = await warehouse.build({ author: 'test' });
		expect(result.retention!.retained).toEqual([6, 5, 4, 3, 2, 1]);
		daysAhead = 30;
		await nextVersion(6);
		const later = await warehouse.build({ author: 'test' });
		expect(later.retention!.retained).toEqual([7]);
	});
});

describe('retention settings', () => {
	it('default to 10 publishes and 7 days and refuse nonsense', () => {
		expect(normalizeConfig({})).toMatchObject({ retainPublishes: 10, retainDays: 7 });
		expect(normalizeConfig({ PARTNERSCOPE_RETAIN_PUBLISHES: '3', PARTNERSCOPE_RETAIN_DAYS: '0' })).toMatchObject({ retainPublishes: 3, retainDays: 0 });
		expect(() => normalizeConfig({ PARTNERSCOPE_RETAIN_PUBLISHES: '0' })).toThrow(/PARTNERSCOPE_RETAIN_PUBLISHES must be a whole number from 1/);
		expect(() => normalizeConfig({ PARTNERSCOPE_RETAIN_DAYS: 'a week' })).toThrow(/PARTNERSCOPE_RETAIN_DAYS/);
	});
});
