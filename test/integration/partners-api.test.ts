/**
 * GET /api/v1/partners and /api/v1/partners/:id against an independent TypeScript computation over the parquet
 * export rows (hyparquet, no DuckDB, no shared code with the models): the leaderboard's revenue, conversions,
 * clicks, cost and ROAS per partner, weekly revenue, and one partner's click-to-conversion histogram, costs
 * by type, new vs returning, reversal reasons and acquired cohorts; CSV, Arrow; 400 and 404 problems.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { fxLookup, referencePartnerReport } from '../helpers/independent-metrics.ts';
import { readExportTable, readExports, type ExportRows } from '../helpers/read-exports.ts';

type Sale = {
	conversion_id: string;
	click_id: string | null;
	partner_id: string;
	converted_at: Date;
	status: string;
	reversal_reason: string | null;
	sale_amount: number;
	currency: string;
	customer_id: string;
	customer_status: string;
};
type Click = { click_id: string; clicked_at: Date };
type Cost = { partner_id: string | null; period_start: Date; period_end: Date; cost_type: string; amount: number; currency: string };
type Row = Record<string, number | string | null>;
type Board = { range: { from: string; to: string }; rows: (Row & { weekly_revenue: number[] })[]; sparkline: { from: string; to: string; weeks: string[] }; meta: Record<string, unknown> };

const DAY = 86_400_000;
const isoDay = (d: Date | number) => new Date(d).toISOString().slice(0, 10);

let warehouse: Warehouse;
let api: TestApi;
let rows: ExportRows;
let sales: Sale[];
let clicks: Map<string, Date>;
let costs: Cost[];

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	const dir = fixture().dataDir;
	rows = await readExports(dir);
	sales = await readExportTable<Sale>(dir, 'sales');
	clicks = new Map((await readExportTable<Click>(dir, 'clicks')).map((c) => [c.click_id, c.clicked_at]));
	costs = await readExportTable<Cost>(dir, 'costs');
});
afterAll(() => warehouse?.close());

async function get<T>(path: string): Promise<T> {
	const response = await api.request(path);
	expect(response.status, `${path}: ${response.status}`).toBe(200);
	return (await response.json()) as T;
}

/** The partner with the most counted sales in the fixture: every section has something to show. */
function busiestPartner(): string {
	const counts = new Map<string, number>();
	for (const s of sales) if (s.status !== 'reversed') counts.set(s.partner_id, (counts.get(s.partner_id) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

describe('GET /api/v1/partners (leaderboard)', () => {
	it.each([
		['four weeks', '2026-06-01', '2026-06-28'],
		['a range crossing months (cost periods split)', '2026-04-20', '2026-05-10'],
		['a single day', '2026-06-01', '2026-06-01']
	])('matches the independent revenue, conversions, clicks, cost and ROAS per partner over %s', async (_name, from, to) => {
		const board = await get<Board>(`/api/v1/partners?from=${from}&to=${to}`);
		const reference = referencePartnerReport(rows, from, to);
		expect(board.range).toEqual({ from, to });
		expect(reference.size).toBeGreaterThan(0);
		const byId = new Map(board.rows.map((r) => [r.partner_id as string, r]));
		for (const [id, ref] of reference) {
			const row = byId.get(id);
			expect(row, `partner ${id} is missing from the leaderboard`).toBeDefined();
			expect(row!.clicks, `${id} clicks`).toBe(ref.clicks);
			expect(row!.conversions, `${id} conversions`).toBe(ref.conversions);
			expect(Math.abs((row!.revenue as number) - ref.revenue), `${id} revenue`).toBeLessThan(0.005);
			expect(Math.abs((row!.cost as number) - ref.cost), `${id} cost`).toBeLessThan(0.005);
			if (ref.roas === null) expect(row!.roas).toBeNull();
			else expect(row!.roas as number).toBeCloseTo(ref.roas, 6);
		}
		// Rows the reference leaves out only had invalid clicks: nothing counted.
		for (const row of board.rows.filter((r) => !reference.has(r.partner_id as string))) {
			expect([row.clicks, row.conversions, row.revenue, row.cost]).toEqual([0, 0, 0, 0]);
		}
	});

	it('names each partner, its channel, tier and status from the partners export, and orders by revenue', async () => {
		const board = await get<Board>('/api/v1/partners?from=2026-05-01&to=2026-06-30');
		const partners = new Map(rows.partners.map((p) => [p.partner_id, p as ExportRows['partners'][number] & { tier: string | null; status: string }]));
		for (const row of board.rows) {
			const p = partners.get(row.partner_id as string)!;
			expect([row.partner_name, row.channel, row.tier, row.status]).toEqual([p.partner_name, p.channel, p.tier ?? 'untiered', p.status]);
		}
		const revenues = board.rows.map((r) => r.revenue as number);
		expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
	});

	it('carries every dictionary metric per row', async () => {
		const board = await get<Board>('/api/v1/partners?from=2026-06-01&to=2026-06-28');
		const keys = (board.meta.metrics as { key: string }[]).map((m) => m.key);
		for (const key of keys) expect(board.rows[0], key).toHaveProperty(key);
	});

	it('gives weekly revenue per partner that adds up to the revenue over a range of whole weeks', async () => {
		// 2026-04-06 is a Monday; twelve whole weeks, so the sparkline covers exactly the range.
		const from = '2026-04-06';
		const to = '2026-06-28';
		const board = await get<Board>(`/api/v1/partners?from=${from}&to=${to}`);
		expect(board.sparkline.weeks).toHaveLength(12);
		expect(board.sparkline.weeks[0]).toBe(from);
		const reference = referencePartnerReport(rows, from, to);
		for (const row of board.rows) {
			expect(row.weekly_revenue).toHaveLength(12);
			const sum = row.weekly_revenue.reduce((a, b) => a + b, 0);
			expect(Math.abs(sum - (reference.get(row.partner_id as string)?.revenue ?? 0)), `${row.partner_id}`).toBeLessThan(0.01);
		}
		// One week on its own, from the export rows.
		const id = busiestPartner();
		const rate = fxLookup(rows.fx);
		const week = board.sparkline.weeks[5]!;
		const end = isoDay(Date.parse(`${week}T00:00:00Z`) + 6 * DAY);
		const expected = sales
			.filter((s) => s.partner_id === id && s.status !== 'reversed' && isoDay(s.converted_at) >= week && isoDay(s.converted_at) <= end)
			.reduce((sum, s) => sum + s.sale_amount * rate(s.currency, isoDay(s.converted_at)), 0);
		expect(board.rows.find((r) => r.partner_id === id)!.weekly_revenue[5]).toBeCloseTo(expected, 6);
	});

	it('follows the channel filter', async () => {
		const board = await get<Board>('/api/v1/partners?from=2026-06-01&to=2026-06-28&channel=coupon');
		expect(board.rows.length).toBeGreaterThan(0);
		expect(new Set(board.rows.map((r) => r.channel))).toEqual(new Set(['coupon']));
	});

	it('gives the same rows as CSV and Arrow, without the sparkline', async () => {
		const query = 'from=2026-06-01&to=2026-06-28';
		const board = await get<Board>(`/api/v1/partners?${query}`);
		const csv = await api.request(`/api/v1/partners?${query}&format=csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines[0]!.startsWith('partner_id,partner_name,channel,tier,status,gross_clicks,clicks')).toBe(true);
		expect(lines[0]).not.toContain('weekly_revenue');
		expect(lines).toHaveLength(board.rows.length + 1);
		const arrow = await api.request(`/api/v1/partners?${query}`, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
		expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
		expect(table.numRows).toBe(board.rows.length);
		expect(table.get(0)!.toJSON().partner_id).toBe(board.rows[0]!.partner_id);
	});
});

describe('GET /api/v1/partners/:id', () => {
	const from = '2026-04-01';
	const to = '2026-06-30';
	type Detail = {
		partner: Row;
		current: Row;
		comparison: Row | null;
		comparisonRange: { from: string; to: string } | null;
		trend: { grain: string; rows: Row[] };
		funnel: { metric: string; value: number }[];
		conversionLag: { buckets: { key: string; conversions: number }[]; withoutClick: number };
		reversals: { reason: string; conversions: number; revenue: number }[];
		customers: { customer_status: string; conversions: number; revenue: number }[];
		costs: { component: string; kind: string; amount: number }[];
		cohorts: { cohort_month: string; customers: number; repeat_customers: number; repeat_rate: number; orders: number; revenue: number; revenue_per_customer: number }[];
	};
	let id: string;
	let detail: Detail;
	let rate: (currency: string, day: string) => number;
	const inRange = (d: Date) => isoDay(d) >= from && isoDay(d) <= to;
	const mine = () => sales.filter((s) => s.partner_id === id && inRange(s.converted_at));

	beforeAll(async () => {
		id = busiestPartner();
		detail = await get<Detail>(`/api/v1/partners/${id}?from=${from}&to=${to}`);
		rate = fxLookup(rows.fx);
	});

	it('shows the partner and tiles that equal the independent computation', () => {
		expect(detail.partner.partner_id).toBe(id);
		const ref = referencePartnerReport(rows, from, to).get(id)!;
		expect(detail.current.clicks).toBe(ref.clicks);
		expect(detail.current.conversions).toBe(ref.conversions);
		expect(detail.current.revenue as number).toBeCloseTo(ref.revenue, 2);
		expect(detail.current.cost as number).toBeCloseTo(ref.cost, 2);
		expect(detail.comparisonRange).toEqual({ from: '2025-12-31', to: '2026-03-31' }); // the 91 days before
		expect(detail.comparison).not.toBeNull();
	});

	it('puts the click-to-conversion times in the same buckets as the export rows', () => {
		const bounds = [15, 60, 600, 3600, 21_600, 86_400, 604_800];
		const keys = ['lt_15s', '15s_1m', '1m_10m', '10m_1h', '1h_6h', '6h_24h', '1d_7d', 'gt_7d'];
		const expected = new Map(keys.map((k) => [k, 0]));
		let withoutClick = 0;
		for (const s of mine()) {
			if (s.status === 'reversed') continue;
			const clickedAt = s.click_id === null ? undefined : clicks.get(s.click_id);
			if (clickedAt === undefined) {
				withoutClick++;
				continue;
			}
			const seconds = (s.converted_at.getTime() - clickedAt.getTime()) / 1000;
			const index = bounds.findIndex((b) => seconds < b);
			const key = keys[index === -1 ? keys.length - 1 : index]!;
			expected.set(key, expected.get(key)! + 1);
		}
		expect(detail.conversionLag.buckets.map((b) => b.key)).toEqual(keys);
		expect(Object.fromEntries(detail.conversionLag.buckets.map((b) => [b.key, b.conversions]))).toEqual(Object.fromEntries(expected));
		expect(detail.conversionLag.withoutClick).toBe(withoutClick);
		expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
	});

	it('splits the funnel, new vs returning and reversal reasons as the export rows do', () => {
		const counted = mine().filter((s) => s.status !== 'reversed');
		expect(detail.funnel.map((s) => s.metric)).toEqual(['gross_clicks', 'clicks', 'conversions', 'approved_conversions']);
		expect(detail.funnel[2]!.value).toBe(counted.length);
		expect(detail.funnel[3]!.value).toBe(counted.filter((s) => s.status === 'approved' || s.status === 'paid').length);
		for (const status of ['new', 'returning']) {
			const part = counted.filter((s) => s.customer_status === status);
			const row = detail.customers.find((c) => c.customer_status === status)!;
			expect(row.conversions).toBe(part.length);
			expect(row.revenue).toBeCloseTo(part.reduce((sum, s) => sum + s.sale_amount * rate(s.currency, isoDay(s.converted_at)), 0), 6);
		}
		const reasons = new Map<string, number>();
		for (const s of mine()) if (s.status === 'reversed') reasons.set(s.reversal_reason ?? 'unknown', (reasons.get(s.reversal_reason ?? 'unknown') ?? 0) + 1);
		expect(Object.fromEntries(detail.reversals.map((r) => [r.reason, r.conversions]))).toEqual(Object.fromEntries(reasons));
	});

	it('breaks the cost down into commission, network fees and each cost type, adding up to the cost tile', () => {
		const byType = new Map<string, number>();
		for (const k of costs) {
			if (k.partner_id !== id) continue;
			const days = Math.round((k.period_end.getTime() - k.period_start.getTime()) / DAY) + 1;
			for (let i = 0; i < days; i++) {
				const day = isoDay(k.period_start.getTime() + i * DAY);
				if (day >= from && day <= to) byType.set(k.cost_type, (byType.get(k.cost_type) ?? 0) + (k.amount / days) * rate(k.currency, day));
			}
		}
		const other = detail.costs.filter((c) => c.kind === 'other');
		expect(new Set(other.map((c) => c.component))).toEqual(new Set([...byType.keys()]));
		for (const c of other) expect(c.amount, c.component).toBeCloseTo(byType.get(c.component)!, 6);
		expect(detail.costs.slice(0, 2).map((c) => c.component)).toEqual(['commission', 'network_fees']);
		expect(detail.costs.reduce((s, c) => s + c.amount, 0)).toBeCloseTo(detail.current.cost as number, 6);
	});

	it('lists the cohorts it acquired: customers whose earliest sale not reversed came through it', () => {
		const byCustomer = new Map<string, Sale[]>();
		for (const s of sales) if (s.status !== 'reversed') byCustomer.set(s.customer_id, [...(byCustomer.get(s.customer_id) ?? []), s]);
		const cohorts = new Map<string, { customers: number; repeat: number; orders: number; revenue: number }>();
		for (const list of byCustomer.values()) {
			list.sort((a, b) => a.converted_at.getTime() - b.converted_at.getTime() || (a.conversion_id < b.conversion_id ? -1 : 1));
			const first = list[0]!;
			if (first.partner_id !== id) continue;
			const month = `${isoDay(first.converted_at).slice(0, 7)}-01`;
			const c = cohorts.get(month) ?? { customers: 0, repeat: 0, orders: 0, revenue: 0 };
			c.customers += 1;
			c.repeat += list.length > 1 ? 1 : 0;
			c.orders += list.length;
			c.revenue += list.reduce((sum, s) => sum + s.sale_amount * rate(s.currency, isoDay(s.converted_at)), 0);
			cohorts.set(month, c);
		}
		expect(detail.cohorts.map((c) => c.cohort_month)).toEqual([...cohorts.keys()].sort());
		for (const row of detail.cohorts) {
			const ref = cohorts.get(row.cohort_month)!;
			expect([row.customers, row.repeat_customers, row.orders]).toEqual([ref.customers, ref.repeat, ref.orders]);
			expect(row.repeat_rate).toBeCloseTo(ref.repeat / ref.customers, 12);
			expect(row.revenue_per_customer).toBeCloseTo(ref.revenue / ref.customers, 6);
		}
	});

	it('gives a daily trend for ranges up to 62 days and a weekly one beyond, adding up to the tiles', async () => {
		expect(detail.trend.grain).toBe('week');
		expect(detail.trend.rows.reduce((s, r) => s + (r.revenue as number), 0)).toBeCloseTo(detail.current.revenue as number, 6);
		const short = await get<Detail>(`/api/v1/partners/${id}?from=2026-06-01&to=2026-06-30&compare=none`);
		expect(short.trend.grain).toBe('date');
		expect(short.trend.rows).toHaveLength(30);
		expect(short.trend.rows.reduce((s, r) => s + (r.clicks as number), 0)).toBe(short.current.clicks);
		expect(short.comparison).toBeNull();
		expect(short.comparisonRange).toBeNull();
	});

	it('replaces a partner filter by the page partner', async () => {
		const other = await get<Detail>(`/api/v1/partners/${id}?from=${from}&to=${to}&partner=P0040`);
		expect(other.current.revenue as number).toBeCloseTo(detail.current.revenue as number, 6);
		expect(other.current.clicks).toBe(detail.current.clicks);
	});

	it('answers an unknown partner with a 404 problem', async () => {
		const response = await api.request('/api/v1/partners/NOPE-1');
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		expect(((await response.json()) as { detail: string }).detail).toContain('NOPE-1');
	});
});

describe('bad requests', () => {
	it.each([
		['/api/v1/partners?from=2026-02-30', 'from'],
		['/api/v1/partners?to=June', 'to'],
		['/api/v1/partners?from=2026-06-10&to=2026-06-01', 'from'],
		['/api/v1/partners?color=red', 'color'],
		['/api/v1/partners?channel=tv', 'channel'],
		['/api/v1/partners?format=xml', 'format'],
		['/api/v1/partners?device=fridge', 'device'],
		['/api/v1/partners/P0001?format=csv', 'format'],
		['/api/v1/partners/P0001?compare=lastyear', 'compare'],
		['/api/v1/partners/P0001?margin=2', 'margin']
	])('%s is a 400 problem naming %s', async (path, parameter) => {
		const response = await api.request(path);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		const problem = (await response.json()) as { parameter: string; detail: string };
		expect(problem.parameter).toBe(parameter);
		expect(problem.detail).toContain(parameter);
	});
});
