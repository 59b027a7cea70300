/**
 * The sample generator end to end: writes tiny datasets into temporary folders, reads the parquet back with
 * DuckDB and checks the export contract, determinism, referential integrity and the planted features.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CHANNELS, EXPORT_SCHEMA, EXPORT_TABLES, SALE_STATUSES, type ExportTable } from '../../src/lib/server/exports/export-schema.ts';
import {
	DataDirNotEmptyError,
	GenerateOptionsError,
	generateSample,
	type GenerateProgress,
	type GenerateResult
} from '../../src/generate/generate-sample.ts';
import { PLANTED_FRAUD_PARTNERS } from '../../src/generate/planted-fraud-partners.ts';

/** About 35 thousand clicks in about a second: enough that the rates checked below hold for any seed (tried 1 to 12). */
const TINY = { seed: 11, scale: 0.04, days: 120, partners: 40, endDate: '2025-12-31' } as const;

let root: string;
let dataDir: string;
let result: GenerateResult;
const progress: GenerateProgress[] = [];
let instance: DuckDBInstance;
let db: DuckDBConnection;

/** Parquet files of a table (hive partition columns not added: they are not part of the contract). */
const source = (dir: string, table: ExportTable) => `read_parquet('${path.join(dir, table)}/**/*.parquet', hive_partitioning = false)`;

async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
	return (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
}
async function one<T = Record<string, unknown>>(sql: string): Promise<T> {
	return (await rows<T>(sql))[0]!;
}
/** md5 over the table's rows, sorted, so row order and file layout do not matter. */
async function contentHash(dir: string, table: ExportTable): Promise<string> {
	const r = await one<{ h: string }>(`SELECT md5(string_agg(r, chr(10) ORDER BY r)) AS h FROM (SELECT t::VARCHAR AS r FROM ${source(dir, table)} t)`);
	return r.h;
}

/** Relative path -> sha256 of every file under dir. */
async function fileDigests(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = path.join(entry.parentPath, entry.name);
		out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
	}
	return out;
}

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'partnerscope-generate-'));
	dataDir = path.join(root, 'exports');
	result = await generateSample({ dataDir, ...TINY, threads: 2, onProgress: (e) => progress.push(e) });
	instance = await DuckDBInstance.create(':memory:');
	db = await instance.connect();
	await db.run(`SET TimeZone = 'UTC'`);
	for (const t of EXPORT_TABLES) await db.run(`CREATE VIEW ${t} AS SELECT * FROM ${source(dataDir, t)}`);
	await db.run(`CREATE VIEW sales_channel AS SELECT s.*, p.channel FROM sales s JOIN partners p USING (partner_id)`);
});

afterAll(async () => {
	db?.closeSync();
	instance?.closeSync();
	await rm(root, { recursive: true, force: true });
});

describe('generateSample: layout and contract', () => {
	it('writes one folder per table, clicks and sales as one file per month', async () => {
		expect((await readdir(dataDir)).sort()).toEqual([...EXPORT_TABLES].sort());
		const months = ['month=2025-09', 'month=2025-10', 'month=2025-11', 'month=2025-12'];
		for (const table of ['clicks', 'sales']) {
			expect((await readdir(path.join(dataDir, table))).sort()).toEqual(months);
			for (const m of months) expect(await readdir(path.join(dataDir, table, m))).toEqual(['part-0.parquet']);
		}
		for (const table of ['partners', 'costs', 'fx_rates']) expect(await readdir(path.join(dataDir, table))).toEqual(['part-0.parquet']);
		expect(result.files).toBe(3 + 2 * months.length);
		expect(result.startDate).toBe('2025-09-03');
		expect(result.endDate).toBe('2025-12-31');
	});

	it('reports the rows it wrote, and progress per month and table', async () => {
		for (const t of EXPORT_TABLES) expect(result.rows[t], t).toBe(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).n));
		expect(result.rows.clicks).toBeGreaterThan(10_000);
		expect(result.rows.clicks).toBeLessThan(60_000);
		expect(result.rows.partners).toBe(40);
		const clickEvents = progress.filter((e) => e.table === 'clicks');
		expect(clickEvents.map((e) => `${e.done}/${e.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
		expect(clickEvents.reduce((sum, e) => sum + (e.rows ?? 0), 0)).toBe(result.rows.clicks);
		expect(progress.filter((e) => e.table === 'sales').reduce((sum, e) => sum + (e.rows ?? 0), 0)).toBe(result.rows.sales);
	});

	it.each(EXPORT_TABLES)('writes %s with exactly the contract columns and types', async (table) => {
		const described = await rows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source(dataDir, table)}`);
		const expected = EXPORT_SCHEMA[table].map((c) => ({ column_name: c.name, column_type: c.type.replace('TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE') }));
		expect(described.map(({ column_name, column_type }) => ({ column_name, column_type }))).toEqual(expected);
	});

	it.each(EXPORT_TABLES)('respects the enumerations and non-null columns of %s', async (table) => {
		for (const c of EXPORT_SCHEMA[table]) {
			if (!c.nullable) expect(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE "${c.name}" IS NULL`)).n), `${table}.${c.name} nulls`).toBe(0);
			if (c.values) {
				const seen = await rows<{ v: string }>(`SELECT DISTINCT "${c.name}" AS v FROM ${table} WHERE "${c.name}" IS NOT NULL`);
				for (const { v } of seen) expect(c.values, `${table}.${c.name}`).toContain(v);
			}
		}
	});

	it('keeps ids unique', async () => {
		const r = await one(`SELECT
			(SELECT count(*) - count(DISTINCT click_id) FROM clicks) AS clicks,
			(SELECT count(*) - count(DISTINCT conversion_id) FROM sales) AS conversions,
			(SELECT count(*) - count(DISTINCT order_id) FROM sales) AS orders,
			(SELECT count(*) - count(DISTINCT partner_id) FROM partners) AS partners,
			(SELECT count(*) - count(DISTINCT cost_id) FROM costs) AS costs,
			(SELECT count(*) - count(DISTINCT (date, currency)) FROM fx_rates) AS fx`);
		expect(r).toEqual({ clicks: '0', conversions: '0', orders: '0', partners: '0', costs: '0', fx: '0' });
	});
});

describe('generateSample: determinism', () => {
	it('writes the same rows, even the same bytes, for the same seed, whatever the thread count', async () => {
		const again = path.join(root, 'again');
		await generateSample({ dataDir: again, ...TINY, threads: 1 });
		for (const t of EXPORT_TABLES) expect(await contentHash(again, t), t).toBe(await contentHash(dataDir, t));
		expect(await fileDigests(again)).toEqual(await fileDigests(dataDir));
	});

	it('writes different rows for another seed', async () => {
		const other = path.join(root, 'other-seed');
		await generateSample({ dataDir: other, ...TINY, seed: TINY.seed + 1 });
		for (const t of ['clicks', 'sales', 'partners', 'costs', 'fx_rates'] as const) expect(await contentHash(other, t), t).not.toBe(await contentHash(dataDir, t));
	});
});

describe('generateSample: referential integrity', () => {
	it('links every sale with a click to a real click of the same partner, converted after it', async () => {
		const r = await one(`SELECT
			count(*) FILTER (WHERE s.click_id IS NOT NULL AND c.click_id IS NULL) AS missing,
			count(*) FILTER (WHERE c.partner_id <> s.partner_id) AS other_partner,
			count(*) FILTER (WHERE s.converted_at < c.clicked_at) AS before_click,
			count(*) FILTER (WHERE c.is_invalid) AS from_invalid_click
			FROM sales s LEFT JOIN clicks c USING (click_id)`);
		expect(r).toEqual({ missing: '0', other_partner: '0', before_click: '0', from_invalid_click: '0' });
	});

	it('uses only known partners, inside their active time', async () => {
		const r = await one(`SELECT
			(SELECT count(*) FROM clicks c ANTI JOIN partners p USING (partner_id)) AS clicks_unknown,
			(SELECT count(*) FROM sales s ANTI JOIN partners p USING (partner_id)) AS sales_unknown,
			(SELECT count(*) FROM costs c WHERE partner_id IS NOT NULL AND partner_id NOT IN (SELECT partner_id FROM partners)) AS costs_unknown,
			(SELECT count(*) FROM clicks c JOIN partners p USING (partner_id)
				WHERE c.clicked_at::DATE < p.joined_at OR c.clicked_at::DATE >= p.terminated_at) AS clicks_outside,
			(SELECT count(*) FROM costs c JOIN partners p USING (partner_id) WHERE c.channel <> p.channel) AS cost_channel_mismatch`);
		expect(r).toEqual({ clicks_unknown: '0', sales_unknown: '0', costs_unknown: '0', clicks_outside: '0', cost_channel_mismatch: '0' });
	});

	it('gives a customer exactly one first purchase, before any repeat, and cohorts that span months', async () => {
		const r = await one(`WITH firsts AS (SELECT customer_id, count(*) AS n, min(converted_at) AS at FROM sales WHERE customer_status = 'new' GROUP BY 1)
			SELECT
				(SELECT count(*) FROM firsts WHERE n > 1) AS two_firsts,
				(SELECT count(*) FROM sales s LEFT JOIN firsts f USING (customer_id)
					WHERE s.customer_status = 'returning' AND (f.at IS NULL OR f.at >= s.converted_at)) AS repeat_without_first,
				(SELECT count(*) FROM (SELECT customer_id FROM sales GROUP BY 1 HAVING count(DISTINCT date_trunc('month', converted_at)) > 1)) AS multi_month,
				(SELECT count(*) FROM sales WHERE customer_status = 'returning') AS returning`);
		expect(r.two_firsts).toBe('0');
		expect(r.repeat_without_first).toBe('0');
		expect(Number(r.multi_month)).toBeGreaterThan(20);
		expect(Number(r.returning)).toBeGreaterThan(50);
	});
});

describe('generateSample: sale lifecycle', () => {
	it('reverses 5 to 15 percent of validated sales, more for cashback', async () => {
		const all = await one<{ r: number }>(`SELECT avg((status = 'reversed')::INT) AS r FROM sales WHERE status <> 'pending'`);
		const cashback = await one<{ r: number }>(`SELECT avg((status = 'reversed')::INT) AS r FROM sales_channel WHERE status <> 'pending' AND channel = 'cashback'`);
		expect(all.r).toBeGreaterThan(0.05);
		expect(all.r).toBeLessThan(0.15);
		expect(cashback.r).toBeGreaterThan(all.r * 1.2);
	});

	it('keeps sales pending only within the last 60 days, validated 30 to 60 days after conversion', async () => {
		const r = await one(`SELECT
			count(*) FILTER (WHERE status = 'pending' AND converted_at < TIMESTAMPTZ '2026-01-01' - INTERVAL 60 DAY) AS old_pending,
			count(*) FILTER (WHERE status <> 'pending' AND converted_at >= TIMESTAMPTZ '2026-01-01' - INTERVAL 30 DAY) AS young_validated,
			count(*) FILTER (WHERE (status = 'pending') <> (validated_at IS NULL)) AS validated_mismatch,
			count(*) FILTER (WHERE validated_at NOT BETWEEN converted_at + INTERVAL 30 DAY AND converted_at + INTERVAL 60 DAY) AS lag_outside,
			count(*) FILTER (WHERE validated_at >= TIMESTAMPTZ '2026-01-01') AS validated_after_export,
			count(*) FILTER (WHERE (status = 'reversed') <> (reversal_reason IS NOT NULL)) AS reason_mismatch
			FROM sales`);
		expect(r).toEqual({ old_pending: '0', young_validated: '0', validated_mismatch: '0', lag_outside: '0', validated_after_export: '0', reason_mismatch: '0' });
	});

	it('has every status and the usual reversal reasons', async () => {
		const statuses = (await rows<{ status: string }>(`SELECT DISTINCT status FROM sales ORDER BY 1`)).map((r) => r.status);
		expect(statuses).toEqual([...SALE_STATUSES].sort());
		const reasons = (await rows<{ r: string }>(`SELECT DISTINCT reversal_reason AS r FROM sales WHERE reversal_reason IS NOT NULL ORDER BY 1`)).map((r) => r.r);
		expect(reasons).toEqual(['cancelled', 'duplicate', 'fraud', 'returned']);
	});
});

describe('generateSample: money', () => {
	it('sells in three currencies and has a rate for each on every date of the data', async () => {
		expect((await rows<{ c: string }>(`SELECT DISTINCT currency AS c FROM sales ORDER BY 1`)).map((r) => r.c)).toEqual(['EUR', 'GBP', 'USD']);
		const fx = await one(`SELECT count(*) AS n, count(DISTINCT date) AS dates, min(date)::VARCHAR AS first, max(date)::VARCHAR AS last,
			count(*) FILTER (WHERE currency = 'EUR' AND rate_to_base <> 1) AS eur_not_1,
			count(*) FILTER (WHERE rate_to_base <= 0) AS not_positive FROM fx_rates`);
		expect(fx).toEqual({ n: String(120 * 3), dates: '120', first: '2025-09-03', last: '2025-12-31', eur_not_1: '0', not_positive: '0' });
		const moving = await one<{ n: string }>(`SELECT count(DISTINCT rate_to_base) AS n FROM fx_rates WHERE currency = 'USD'`);
		expect(Number(moving.n)).toBeGreaterThan(100);
	});

	it('has a rate for every sale and every cost date in its currency', async () => {
		const r = await one(`SELECT
			(SELECT count(*) FROM sales s ANTI JOIN fx_rates f ON f.date = s.converted_at::DATE AND f.currency = s.currency) AS sales_converted,
			(SELECT count(*) FROM sales s ANTI JOIN fx_rates f ON f.date = s.validated_at::DATE AND f.currency = s.currency WHERE s.validated_at IS NOT NULL) AS sales_validated,
			(SELECT count(*) FROM costs c ANTI JOIN fx_rates f ON f.date = c.period_start AND f.currency = c.currency) AS cost_start,
			(SELECT count(*) FROM costs c ANTI JOIN fx_rates f ON f.date = c.period_end AND f.currency = c.currency) AS cost_end`);
		expect(r).toEqual({ sales_converted: '0', sales_validated: '0', cost_start: '0', cost_end: '0' });
	});

	it('has partner-level and program-level costs, over months and weeks', async () => {
		const r = await rows<{ cost_type: string; partner_level: string; program_level: string; days: string }>(
			`SELECT cost_type, count(partner_id) AS partner_level, count(*) - count(partner_id) AS program_level,
				list(DISTINCT period_end - period_start + 1 ORDER BY period_end - period_start + 1)::VARCHAR AS days
			FROM costs GROUP BY 1 ORDER BY 1`
		);
		const byType = Object.fromEntries(r.map((x) => [x.cost_type, x]));
		expect(Object.keys(byType).sort()).toEqual(['agency_fee', 'bonus', 'other', 'placement_fee', 'platform_fee', 'tenancy']);
		for (const t of ['bonus', 'placement_fee', 'tenancy']) expect(byType[t]!.program_level, t).toBe('0');
		for (const t of ['platform_fee', 'agency_fee', 'other']) expect(byType[t]!.partner_level, t).toBe('0');
		expect(byType.placement_fee!.days).toBe('[7]');
		expect(byType.platform_fee!.days).toBe('[30, 31]');
		expect(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM costs WHERE amount <= 0`)).n)).toBe(0);
	});

	it('keeps commission and network fee below the sale amount', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE commission_amount <= 0 OR commission_amount >= sale_amount) AS bad_commission,
			count(*) FILTER (WHERE network_fee_amount <= 0 OR network_fee_amount >= commission_amount) AS bad_fee FROM sales`);
		expect(r).toEqual({ bad_commission: '0', bad_fee: '0' });
	});
});

describe('generateSample: program shape', () => {
	it('has clicks and sales in every channel', async () => {
		const r = await rows<{ channel: string; clicks: string; sales: string }>(
			`SELECT p.channel, count(DISTINCT c.click_id) AS clicks, (SELECT count(*) FROM sales_channel s WHERE s.channel = p.channel) AS sales
			FROM partners p JOIN clicks c USING (partner_id) GROUP BY 1 ORDER BY 1`
		);
		expect(r.map((x) => x.channel)).toEqual([...CHANNELS].sort());
		for (const x of r) expect(Number(x.sales), x.channel).toBeGreaterThan(0);
	});

	it('lets a few partners carry most of the revenue', async () => {
		const r = await one<{ top5: number }>(`WITH rev AS (SELECT partner_id, sum(sale_amount * f.rate_to_base) AS eur FROM sales s
				JOIN fx_rates f ON f.date = s.converted_at::DATE AND f.currency = s.currency GROUP BY 1)
			SELECT sum(eur) FILTER (WHERE rank <= 5) / sum(eur) AS top5 FROM (SELECT *, row_number() OVER (ORDER BY eur DESC) AS rank FROM rev)`);
		expect(r.top5).toBeGreaterThan(0.5);
	});

	it('converts and spends differently by device and channel', async () => {
		const device = await rows<{ d: string; cr: number; aov: number }>(`SELECT c.device_type AS d, count(s.conversion_id) / count(*) AS cr, avg(s.sale_amount)::DOUBLE AS aov
			FROM clicks c LEFT JOIN sales s USING (click_id) WHERE c.device_type IN ('desktop', 'phone') GROUP BY 1 ORDER BY 1`);
		expect(device[0]!.cr).toBeGreaterThan(device[1]!.cr * 1.2);
		expect(device[0]!.aov).toBeGreaterThan(device[1]!.aov);
	});

	it('peaks on Black Friday', async () => {
		const r = await one<{ bf: string; median: number }>(`WITH d AS (SELECT clicked_at::DATE AS day, count(*) AS n FROM clicks GROUP BY 1)
			SELECT (SELECT n FROM d WHERE day = DATE '2025-11-28') AS bf, (SELECT median(n) FROM d) AS median`);
		expect(Number(r.bf)).toBeGreaterThan(r.median * 1.8);
	});

	it('has partners joining during the data, terminated ones, coupon sales without click and invalid clicks with a reason', async () => {
		const r = await one(`SELECT
			(SELECT count(*) FROM partners WHERE joined_at >= DATE '2025-09-03') AS joined,
			(SELECT count(*) FROM partners WHERE status = 'terminated' AND terminated_at IS NOT NULL) AS terminated,
			(SELECT count(*) FROM partners WHERE (status = 'terminated') <> (terminated_at IS NOT NULL)) AS terminated_mismatch,
			(SELECT count(*) FROM sales_channel WHERE click_id IS NULL AND channel = 'coupon' AND coupon_code IS NOT NULL) AS coupon_no_click,
			(SELECT count(*) FROM sales_channel WHERE click_id IS NULL AND channel <> 'coupon') AS other_no_click,
			(SELECT count(*) FROM clicks WHERE is_invalid AND invalid_reason IS NOT NULL) AS invalid,
			(SELECT count(*) FROM clicks WHERE is_invalid <> (invalid_reason IS NOT NULL)) AS reason_mismatch`);
		expect(Number(r.joined)).toBeGreaterThan(0);
		expect(Number(r.terminated)).toBeGreaterThan(0);
		expect(Number(r.coupon_no_click)).toBeGreaterThan(0);
		expect(Number(r.invalid)).toBeGreaterThan(100);
		expect({ terminated_mismatch: r.terminated_mismatch, other_no_click: r.other_no_click, reason_mismatch: r.reason_mismatch }).toEqual({
			terminated_mismatch: '0',
			other_no_click: '0',
			reason_mismatch: '0'
		});
	});
});

describe('generateSample: planted fraud partners', () => {
	const planted = (pattern: string) => PLANTED_FRAUD_PARTNERS.find((p) => p.pattern === pattern)!.partnerId;

	it('exist with their channel', async () => {
		const r = await rows<{ partner_id: string; channel: string }>(`SELECT partner_id, channel FROM partners WHERE partner_id IN (${PLANTED_FRAUD_PARTNERS.map((p) => `'${p.partnerId}'`).join(', ')}) ORDER BY 1`);
		expect(r).toEqual(PLANTED_FRAUD_PARTNERS.map((p) => ({ partner_id: p.partnerId, channel: p.channel })));
	});

	it('instant_conversion: most sales within 15 s of the click, and only that partner', async () => {
		const r = await rows<{ partner_id: string; fast: number }>(`SELECT s.partner_id, avg((s.converted_at - c.clicked_at < INTERVAL 15 SECOND)::INT) AS fast
			FROM sales s JOIN clicks c USING (click_id) GROUP BY 1 HAVING fast > 0`);
		expect(r.map((x) => x.partner_id)).toEqual([planted('instant_conversion')]);
		expect(r[0]!.fast).toBeGreaterThan(0.7);
	});

	it('high_reversal: the highest reversal rate of the partners with enough sales', async () => {
		const r = await rows<{ partner_id: string; r: number }>(`SELECT partner_id, avg((status = 'reversed')::INT) AS r FROM sales
			WHERE status <> 'pending' GROUP BY 1 HAVING count(*) >= 20 ORDER BY r DESC LIMIT 2`);
		expect(r[0]!.partner_id).toBe(planted('high_reversal'));
		expect(r[0]!.r).toBeGreaterThan(0.3);
	});

	it('click_spike: a day with many times its usual clicks and no more sales', async () => {
		const r = await one<{ peak: string; median: number; peak_sales: string }>(`WITH d AS (SELECT clicked_at::DATE AS day, count(*) AS n FROM clicks WHERE partner_id = '${planted('click_spike')}' GROUP BY 1),
			peak AS (SELECT day, n FROM d ORDER BY n DESC LIMIT 1)
			SELECT (SELECT n FROM peak) AS peak, (SELECT median(n) FROM d) AS median,
				(SELECT count(*) FROM sales s JOIN clicks c USING (click_id) WHERE c.partner_id = '${planted('click_spike')}' AND c.clicked_at::DATE = (SELECT day FROM peak)) AS peak_sales`);
		expect(Number(r.peak)).toBeGreaterThan(r.median * 6);
		expect(Number(r.peak_sales)).toBeLessThan(Number(r.peak) * 0.02);
	});
});

describe('generateSample: the data directory', () => {
	it('refuses to replace a non-empty directory without force, and replaces it with force', async () => {
		const dir = path.join(root, 'occupied');
		await mkdir(dir);
		await writeFile(path.join(dir, 'keep.txt'), 'mine');
		await expect(generateSample({ dataDir: dir, ...TINY, days: 14, partners: 20 })).rejects.toBeInstanceOf(DataDirNotEmptyError);
		expect(await readdir(dir)).toEqual(['keep.txt']);
		await generateSample({ dataDir: dir, ...TINY, days: 14, partners: 20, force: true });
		expect((await readdir(dir)).sort()).toEqual([...EXPORT_TABLES].sort());
	});

	it('leaves no temporary folder behind', async () => {
		expect((await readdir(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
	});

	it.each([
		[{ partners: 5 }, /partners/],
		[{ scale: 0 }, /scale/],
		[{ days: 2 }, /days/],
		[{ seed: -1 }, /seed/],
		[{ endDate: '2025-02-30' }, /end date/]
	])('rejects %j before writing anything', async (bad, message) => {
		const dir = path.join(root, 'rejected');
		await expect(generateSample({ dataDir: dir, ...TINY, ...bad })).rejects.toThrow(message);
		await expect(generateSample({ dataDir: dir, ...TINY, ...bad })).rejects.toBeInstanceOf(GenerateOptionsError);
		await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
	});
});

describe('partnerscope generate', () => {
	it('prints progress to stderr and a summary to stdout; exits 2 when the directory is taken', async () => {
		const out: string[] = [];
		const err: string[] = [];
		const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
		const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
		try {
			const dir = path.join(root, 'cli');
			const args = ['generate', '--data', dir, '--scale', '0.02', '--days', '31', '--partners', '20', '--end', '2025-12-31'];
			expect(await main(args)).toBe(0);
			expect(out.join('\n')).toMatch(/clicks\s+[\d,]+ rows/);
			expect(out.join('\n')).toMatch(/fx_rates\s+93 rows/);
			expect(err.some((l) => l.startsWith('clicks    2025-12 (1/1)'))).toBe(true);
			expect(await main(args)).toBe(2);
			expect(err.at(-1)).toMatch(/--force/);
			expect(await main([...args, '--force'])).toBe(0);
			expect(await main(['generate', '--scale', 'lots'])).toBe(2);
		} finally {
			log.mockRestore();
			error.mockRestore();
		}
	});
});
