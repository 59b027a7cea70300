/**
 * The weekly review for any week and for one manager: ?week= reviews that week (numbers equal an independent
 * computation over the parquet rows), ?manager= limits the calls to that manager's partners (read from the
 * parquet, not the models), the calls are ranked by revenue at stake, and bad parameters are 400s naming them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { readExports, readExportTable, type ExportRows } from '../helpers/read-exports.ts';
import { referencePartnerReport, referenceTotals } from '../helpers/independent-metrics.ts';

let warehouse: Warehouse;
let api: TestApi;
let rows: ExportRows;
let managers: Map<string, string>;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse, { log: () => {} });
	rows = await readExports(fixture().dataDir);
	const partners = await readExportTable<{ partner_id: string; manager: string }>(fixture().dataDir, 'partners');
	managers = new Map(partners.map((p) => [p.partner_id, p.manager]));
});
afterAll(() => warehouse?.close());

const get = async (path: string) => {
	const response = await api.request(path);
	return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const close = (a: number, b: number, tolerance = 0.005) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(tolerance);

describe('GET /api/v1/reports/weekly-review?week=', () => {
	it('reviews the week asked for against the week before, with the trend ending on it', async () => {
		const { status, body } = await get('/api/v1/reports/weekly-review?week=2026-05-04');
		expect(status).toBe(200);
		expect(body.lastWeek).toMatchObject({ from: '2026-05-04', to: '2026-05-10' });
		expect(body.previousWeek).toMatchObject({ from: '2026-04-27', to: '2026-05-03' });
		expect(body.sameWeekLastYear).toMatchObject({ from: '2025-05-05', to: '2025-05-11' });
		expect(body.lastCompleteWeek).toEqual({ from: '2026-06-22', to: '2026-06-28' });
		expect(body.weekly.at(-1).week_start).toBe('2026-05-04');
		for (const [period, ref] of [
			[body.lastWeek, referenceTotals(rows, '2026-05-04', '2026-05-10')],
			[body.previousWeek, referenceTotals(rows, '2026-04-27', '2026-05-03')]
		] as const) {
			expect(period.metrics.clicks).toBe(ref.clicks);
			expect(period.metrics.conversions).toBe(ref.conversions);
			close(period.metrics.revenue, ref.revenue);
			close(period.metrics.cost, ref.cost);
		}
		const now = referencePartnerReport(rows, '2026-05-04', '2026-05-10');
		const before = referencePartnerReport(rows, '2026-04-27', '2026-05-03');
		for (const m of [...body.movers.up, ...body.movers.down]) close(m.change, (now.get(m.partner_id)?.revenue ?? 0) - (before.get(m.partner_id)?.revenue ?? 0));
	});

	it('gives the same answer for the last complete week asked by date as without ?week=', async () => {
		const [a, b] = await Promise.all([get('/api/v1/reports/weekly-review'), get('/api/v1/reports/weekly-review?week=2026-06-22')]);
		expect(b.body.lastWeek).toEqual(a.body.lastWeek);
		expect(b.body.actions).toEqual(a.body.actions);
	});

	it.each([
		['week=2026-05-05', 'week', /a Monday.*2026-05-05.*a Tuesday/],
		['week=2026-06-29', 'week', /not be after the last complete week \(2026-06-22\)/],
		['week=2026-02-30', 'week', /YYYY-MM-DD/],
		['week=2016-01-04', 'week', /on or after/],
		[`manager=${'x'.repeat(101)}`, 'manager', /at most 100 characters/],
		['weeks=3', 'weeks', /unknown parameter "weeks"/]
	])('answers 400 for %s, naming %s', async (query, parameter, detail) => {
		const { status, body } = await get(`/api/v1/reports/weekly-review?${query}`);
		expect(status).toBe(400);
		expect(body.detail).toMatch(detail);
		expect(body.parameter ?? body.detail).toContain(parameter);
	});
});

describe('partners to act on', () => {
	it('ranks the calls by revenue at stake and names each partner manager as the exports do', async () => {
		const { body } = await get('/api/v1/reports/weekly-review');
		const actions = body.actions as { partner_id: string; manager: string; revenue_at_stake: number; rule: string; reason: string; detail: string }[];
		expect(actions.length).toBeGreaterThan(0);
		for (let i = 1; i < actions.length; i++) expect(actions[i - 1]!.revenue_at_stake).toBeGreaterThanOrEqual(actions[i]!.revenue_at_stake);
		for (const a of actions) {
			expect(a.manager).toBe(managers.get(a.partner_id));
			expect(a.rule.length).toBeGreaterThan(20);
		}
		// No reversal spike on a small sample: each states 30+ validated sales.
		for (const a of actions.filter((x) => x.reason === 'reversal_spike')) expect(Number(/of the (\d+) sales validated/.exec(a.detail)![1])).toBeGreaterThanOrEqual(30);
		expect(body.managers).toEqual([...new Set(managers.values())].filter(Boolean).sort());
	});

	it('limits movers, calls and alerts to one manager, and keeps the week totals', async () => {
		const all = await get('/api/v1/reports/weekly-review');
		const manager = all.body.managers[0] as string;
		const { body } = await get(`/api/v1/reports/weekly-review?manager=${encodeURIComponent(manager)}`);
		expect(body.manager).toBe(manager);
		const ids = [...body.actions, ...body.movers.up, ...body.movers.down, ...body.alerts].map((x: { partner_id: string }) => x.partner_id);
		for (const id of ids) expect(managers.get(id)).toBe(manager);
		const expected = all.body.actions.filter((a: { partner_id: string }) => managers.get(a.partner_id) === manager);
		expect(body.actions).toEqual(expected);
		expect(body.lastWeek).toEqual(all.body.lastWeek);
	});
});
