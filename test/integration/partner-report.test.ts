/**
 * GET /api/v1/reports/partners against an independent TypeScript computation over the same parquet files,
 * through the real Hono app and a real DuckDB warehouse built from generated exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { readExports, type ExportRows } from '../helpers/read-exports.ts';
import { referencePartnerReport } from '../helpers/independent-metrics.ts';

let warehouse: Warehouse;
let api: TestApi;
let exportsRows: ExportRows;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	exportsRows = await readExports(fixture().dataDir);
});
afterAll(() => warehouse?.close());

const MONEY = ['revenue', 'commission', 'network_fees', 'other_costs', 'cost'] as const;

async function report(query: string) {
	const response = await api.request(`/api/v1/reports/partners?${query}`);
	expect(response.status).toBe(200);
	return (await response.json()) as { rows: Record<string, number | string | null>[]; meta: Record<string, unknown> };
}

describe('GET /api/v1/reports/partners', () => {
	const ranges = () => {
		const { startDate, endDate } = fixture();
		return [
			{ name: 'the whole dataset', from: startDate, to: endDate },
			{ name: 'one week inside a month', from: '2026-05-11', to: '2026-05-17' },
			{ name: 'a range crossing a month (cost periods split)', from: '2026-04-20', to: '2026-05-10' },
			{ name: 'a single day', from: '2026-06-01', to: '2026-06-01' }
		];
	};

	it.each([0, 1, 2, 3])('matches the independent computation to the cent (range %i)', async (index) => {
		const { from, to } = ranges()[index]!;
		const body = await report(`from=${from}&to=${to}`);
		const reference = referencePartnerReport(exportsRows, from, to);
		expect(body.meta).toMatchObject({ from, to, currency: 'EUR' });
		expect(body.rows.length).toBe(reference.size);
		expect(body.rows.length).toBeGreaterThan(0);
		for (const row of body.rows) {
			const ref = reference.get(row.partner_id as string);
			expect(ref, `partner ${row.partner_id} is in the API but not in the reference`).toBeDefined();
			expect(row.clicks).toBe(ref!.clicks);
			expect(row.conversions).toBe(ref!.conversions);
			for (const key of MONEY) expect(Math.abs((row[key] as number) - ref![key]), `${row.partner_id} ${key}`).toBeLessThan(0.005);
			if (ref!.roas === null) expect(row.roas).toBeNull();
			else expect(row.roas as number).toBeCloseTo(ref!.roas, 6);
		}
	});

	it('names the partner and its channel from the partners export', async () => {
		const { startDate, endDate } = fixture();
		const body = await report(`from=${startDate}&to=${endDate}`);
		const partners = new Map(exportsRows.partners.map((p) => [p.partner_id, p]));
		for (const row of body.rows) {
			expect(row.partner_name).toBe(partners.get(row.partner_id as string)!.partner_name);
			expect(row.channel).toBe(partners.get(row.partner_id as string)!.channel);
		}
	});

	it('leaves out partners with no activity: a range before the data returns no rows', async () => {
		const body = await report('from=2020-01-01&to=2020-01-31');
		expect(body.rows).toEqual([]);
	});

	it.each([
		['from=2026-02-30', 'from'],
		['from=yesterday', 'from'],
		['to=2026-1-1', 'to'],
		['from=2026-05-10&to=2026-05-01', 'from'],
		['partner=p1', 'partner'],
		['format=xml', 'format']
	])('answers %s with a 400 problem naming %s', async (query, parameter) => {
		const response = await api.request(`/api/v1/reports/partners?${query}`);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		const problem = (await response.json()) as { title: string; detail: string; parameter: string };
		expect(problem.parameter).toBe(parameter);
		expect(problem.detail).toContain(parameter);
	});

	it('streams the same rows as Arrow IPC when asked', async () => {
		const query = 'from=2026-05-01&to=2026-05-31';
		const json = await report(query);
		const response = await api.request(`/api/v1/reports/partners?${query}`, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
		expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
		expect(table.numRows).toBe(json.rows.length);
		const first = table.get(0)!.toJSON() as Record<string, unknown>;
		expect(first.partner_id).toBe(json.rows[0]!.partner_id);
		expect(Number(first.clicks)).toBe(json.rows[0]!.clicks);
		expect(first.revenue as number).toBeCloseTo(json.rows[0]!.revenue as number, 6);
	});

	it('gives CSV with ?format=csv, a header and one line per row', async () => {
		const query = 'from=2026-05-01&to=2026-05-31';
		const json = await report(query);
		const response = await api.request(`/api/v1/reports/partners?${query}&format=csv`);
		expect(response.headers.get('content-type')).toContain('text/csv');
		const lines = (await response.text()).trim().split('\r\n');
		expect(lines[0]).toBe('partner_id,partner_name,channel,clicks,conversions,revenue,commission,network_fees,other_costs,cost,roas');
		expect(lines.length).toBe(json.rows.length + 1);
	});
});
