/**
 * The export contract on read, each rule through a real build over a copy of the generated exports with one
 * file added: problems (enumerations, negative amounts, zero or missing FX rates, disagreeing reference rows)
 * stop the build naming the file, the column and an example, and the last publish keeps serving; warnings
 * (future-dated rows quarantined, re-delivered copies collapsed to the latest state, TIMESTAMP without time
 * zone read as UTC) publish and show in health. Numbers are checked against the parquet rows read by hyparquet.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { Database } from '../../src/lib/server/db/database.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { runCli } from '../helpers/run-cli.ts';
import { readExportTable } from '../helpers/read-exports.ts';

let config: Config;
let warehouse: Warehouse;
let scratch: Database;
let api: TestApi;

beforeAll(async () => {
	config = await testConfig({ copyData: true });
	warehouse = await builtWarehouse(config);
	scratch = await Database.open({ path: ':memory:' });
	api = await testApi(warehouse, { log: () => {} });
});
afterAll(() => {
	warehouse?.close();
	scratch?.close();
});

async function firstFile(table: string): Promise<string> {
	const walk = async (d: string): Promise<string> => {
		for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
			if (e.isDirectory()) return walk(path.join(d, e.name));
			if (e.name.endsWith('.parquet')) return path.join(d, e.name);
		}
		throw new Error(`no parquet under ${d}`);
	};
	return walk(path.join(config.dataDir, table));
}

/** Writes `select` (over the table's first file as `f`) as a new parquet file in the table's folder. */
async function addFile(table: string, name: string, select: string): Promise<string> {
	const target = path.join(config.dataDir, table, name);
	await scratch.query(`copy (${select.replaceAll('{f}', `read_parquet('${await firstFile(table)}')`)}) to '${target}' (format parquet)`);
	return target;
}

const health = async () => (await (await api.request('/api/v1/health')).json()) as { status: string; message: string; dataWarnings: string[] };
const report = async () => (await api.request('/api/v1/reports/partners?from=2026-05-01&to=2026-05-31')).text();

describe('problems stop the build, name the file, and the last publish keeps serving', () => {
	it.each([
		{
			name: 'a cost_type outside the enumeration (the stored-XSS payload)',
			table: 'costs',
			select: `select * replace ('<img src=x onerror=alert(1)>' as cost_type) from {f} limit 3`,
			expected: /exports\/costs\/zz-bad\.parquet: column cost_type has 3 value\(s\) outside bonus, placement_fee.* \(e\.g\. "<img src=x onerror=alert\(1\)>"\)/
		},
		{ name: 'a sale status outside the enumeration', table: 'sales', select: `select * replace ('refunded' as status) from {f} limit 2`, expected: /sales\/zz-bad\.parquet: column status has 2 value\(s\) outside pending, approved, reversed, paid/ },
		{
			name: 'a negative sale amount',
			table: 'sales',
			select: `select * replace ('Z' || conversion_id as conversion_id, -sale_amount as sale_amount) from {f} limit 1`,
			expected: /sales\/zz-bad\.parquet: column sale_amount has 1 negative value\(s\) \(e\.g\. conversion_id Z.*: -.*\); a refund or clawback is a sale with status reversed/
		},
		{ name: 'a negative cost', table: 'costs', select: `select * replace ('Z' || cost_id as cost_id, -amount as amount) from {f} limit 1`, expected: /costs\/zz-bad\.parquet: column amount has 1 negative value/ },
		{
			name: 'a zero FX rate',
			table: 'fx_rates',
			select: `select * replace (date '2031-01-01' as date, 0.0::double as rate_to_base) from {f} where currency <> 'EUR' limit 1`,
			expected: /fx_rates\/zz-bad\.parquet: rate_to_base must be a number above 0; 1 rate\(s\) are zero, negative or missing \(e\.g\. [A-Z]{3} on 2031-01-01 = 0/
		},
		{ name: 'a missing FX rate', table: 'fx_rates', select: `select * replace (date '2031-01-02' as date, null::double as rate_to_base) from {f} limit 1`, expected: /rate\(s\) are zero, negative or missing \(e\.g\. [A-Z]{3} on 2031-01-02 = NULL/ },
		{ name: 'partners that disagree across files', table: 'partners', select: `select * replace (partner_name || ' (renamed)' as partner_name) from {f} limit 1`, expected: /partners: 1 partner_id value\(s\) appear with different contents/ }
	])('$name', async ({ table, select, expected }) => {
		const before = await report();
		const publishBefore = (await warehouse.publishedState()).publishId;
		const target = await addFile(table, 'zz-bad.parquet', select);
		try {
			const result = await warehouse.build({ author: 'test', message: 'bad export' });
			expect(result.status).toBe('failed');
			expect(result.nodes.find((n) => n.name === `src_${table}`)!.error).toMatch(expected);
			expect((await warehouse.publishedState()).publishId).toBe(publishBefore);
			expect(await report()).toBe(before);
			const h = await health();
			expect(h.status).toBe('degraded');
			expect(h.message).toMatch(expected);
		} finally {
			await rm(target);
		}
	});
});

describe('warnings publish and show in health', () => {
	it('a sale dated five years ahead is quarantined and does not move data through', async () => {
		const throughBefore = ((await (await api.request('/api/v1/metrics/summary')).json()) as { meta: { dataThrough: string } }).meta.dataThrough;
		const target = await addFile('sales', 'zz-future.parquet', `select * replace ('F' || conversion_id as conversion_id, converted_at + interval 5 year as converted_at, null::timestamptz as validated_at) from {f} limit 1`);
		try {
			const result = await warehouse.build({ author: 'test', message: 'future sale' });
			expect(result.status).toBe('published');
			const source = result.nodes.find((n) => n.name === 'src_sales')!;
			expect(source.warnings?.join('\n')).toMatch(/sales\/zz-future\.parquet: 1 row\(s\) with converted_at after the 48 h future tolerance .* quarantined: not counted and not moving "data through"/);
			const summary = (await (await api.request('/api/v1/metrics/summary')).json()) as { meta: { dataThrough: string } };
			expect(summary.meta.dataThrough).toBe(throughBefore);
			const [row] = await warehouse.db.query<{ n: number }>(`select count(*)::int as n from main.stg_sales where conversion_id like 'F%'`);
			expect(row!.n).toBe(0);
			expect((await health()).dataWarnings.join('\n')).toContain('zz-future.parquet');
			// Health's newest sale is the newest outside quarantine, as the parquet rows say (not the future one).
			const sales = await readExportTable<{ converted_at: Date | string }>(config.dataDir, 'sales');
			const kept = sales.map((s) => new Date(s.converted_at).getTime()).filter((t) => t <= Date.now() + 48 * 3_600_000);
			const latestSale = ((await (await api.request('/api/v1/health')).json()) as { latestSaleAt: string }).latestSaleAt;
			expect(new Date(latestSale).getTime()).toBe(Math.max(...kept));
		} finally {
			await rm(target);
		}
	});

	it('re-delivered sales collapse to the latest state per conversion, with the count reported', async () => {
		const source = await firstFile('sales');
		const pending = (await readExportTable<{ conversion_id: string; status: string }>(config.dataDir, 'sales')).filter((s) => s.status === 'pending').slice(0, 20);
		expect(pending.length).toBeGreaterThan(0);
		const ids = pending.map((p) => `'${p.conversion_id}'`).join(', ');
		const target = path.join(config.dataDir, 'sales', 'zz-redelivery.parquet');
		// The whole program again (a re-delivery), with 20 pending sales now reversed: the later state.
		await scratch.query(
			`copy (select * replace (case when conversion_id in (${ids}) then 'reversed' else status end as status,
				case when conversion_id in (${ids}) then converted_at + interval 10 day else validated_at end as validated_at)
			from read_parquet('${path.join(config.dataDir, 'sales')}/**/*.parquet') where conversion_id in (${ids}) or random() < 0.1) to '${target}' (format parquet)`
		);
		expect(source).not.toBe(target);
		try {
			const result = await warehouse.build({ author: 'test', message: 're-delivery' });
			expect(result.status).toBe('published');
			const copies = await scratch.query<{ n: number }>(`select count(*)::int as n from read_parquet('${target}')`);
			const warning = result.nodes.find((n) => n.name === 'src_sales')!.warnings!.join('\n');
			expect(warning).toContain(`sales: ${copies[0]!.n} re-delivered copies of the same conversion_id collapsed to the latest state`);
			const statuses = await warehouse.db.query<{ status: string; n: number }>(`select status, count(*)::int as n from main.stg_sales where conversion_id in (${ids}) group by 1`);
			expect(statuses).toEqual([{ status: 'reversed', n: pending.length }]);
			const [dupes] = await warehouse.db.query<{ n: number }>('select count(*)::int - count(distinct conversion_id)::int as n from main.stg_sales');
			expect(dupes!.n).toBe(0);
		} finally {
			await rm(target);
		}
	});

	it('a TIMESTAMP without time zone is read as UTC, the same under TZ=Asia/Tokyo, with a warning', async () => {
		const file = await firstFile('sales');
		const target = path.join(path.dirname(file), 'zz-naive.parquet');
		await scratch.query(
			`copy (select * replace ('N' || conversion_id as conversion_id, (converted_at at time zone 'UTC') as converted_at) from read_parquet('${file}') limit 50) to '${target}' (format parquet)`
		);
		const expected = (await scratch.query<{ d: string; n: number }>(`select (converted_at at time zone 'UTC')::date::varchar as d, count(*)::int as n from read_parquet('${file}') where conversion_id in (select conversion_id from read_parquet('${file}') limit 50) group by 1 order by 1`));
		try {
			const result = await warehouse.build({ author: 'test', message: 'naive timestamps' });
			expect(result.status).toBe('published');
			expect(result.nodes.find((n) => n.name === 'src_sales')!.warnings!.join('\n')).toMatch(/zz-naive\.parquet: converted_at is TIMESTAMP without time zone; read as UTC/);
			const days = await warehouse.db.query<{ d: string; n: number }>(`select converted_date::varchar as d, count(*)::int as n from main.stg_sales where conversion_id like 'N%' group by 1 order by 1`);
			expect(days).toEqual(expected);
			// The same exports built by a process in Tokyo time give the same days.
			const tokyo = { ...config, warehousePath: path.join(path.dirname(config.warehousePath), 'tokyo.duckdb') };
			const run = await runCli(['build'], tokyo, { env: { TZ: 'Asia/Tokyo' } });
			expect(run.code, run.stderr).toBe(0);
			const other = await Database.open({ path: tokyo.warehousePath });
			try {
				expect(await other.query(`select converted_date::varchar as d, count(*)::int as n from main.stg_sales where conversion_id like 'N%' group by 1 order by 1`)).toEqual(expected);
			} finally {
				other.close();
			}
		} finally {
			await rm(target);
		}
	});
});
