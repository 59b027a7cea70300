/**
 * GET /api/v1/channels, /channels/mix and /channels/:channel against an independent TypeScript computation over
 * the parquet export rows (hyparquet, no DuckDB): revenue, conversions, clicks, cost and ROAS per channel
 * (program-level costs on their channel, or 'program'), the comparison period, revenue share by month, a
 * channel's cost breakdown; CSV, Arrow; 400 and 404 problems.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { fxLookup, referencePartnerReport } from '../helpers/independent-metrics.ts';
import { readExportTable, readExports, type ExportRows } from '../helpers/read-exports.ts';

type Cost = { partner_id: string | null; channel: string | null; period_start: Date; period_end: Date; cost_type: string; amount: number; currency: string };
type Row = Record<string, number | string | null>;
type Board = {
	range: { from: string; to: string };
	comparisonRange: { from: string; to: string } | null;
	rows: (Row & { weekly_revenue: number[] })[];
	comparison: Row[];
	sparkline: { weeks: string[] };
};
type Ref = { clicks: number; conversions: number; revenue: number; other_costs: number; cost: number; roas: number | null };

const DAY = 86_400_000;
const isoDay = (d: Date | number) => new Date(d).toISOString().slice(0, 10);

let warehouse: Warehouse;
let api: TestApi;
let rows: ExportRows;
let costs: Cost[];
let channelOf: Map<string, string>;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	rows = await readExports(fixture().dataDir);
	costs = await readExportTable<Cost>(fixture().dataDir, 'costs');
	channelOf = new Map(rows.partners.map((p) => [p.partner_id, p.channel]));
});
afterAll(() => warehouse?.close());

async function get<T>(path: string): Promise<T> {
	const response = await api.request(path);
	expect(response.status, `${path}: ${response.status}`).toBe(200);
	return (await response.json()) as T;
}

/** Program-level cost rows (no partner) spread over their days, by the row's channel or 'program'. */
function programCosts(from: string, to: string, filter: (k: Cost) => boolean = () => true): Map<string, number> {
	const rate = fxLookup(rows.fx);
	const out = new Map<string, number>();
	for (const k of costs) {
		if (k.partner_id !== null || !filter(k)) continue;
		const days = Math.round((k.period_end.getTime() - k.period_start.getTime()) / DAY) + 1;
		for (let i = 0; i < days; i++) {
			const day = isoDay(k.period_start.getTime() + i * DAY);
			const key = k.channel ?? 'program';
			if (day >= from && day <= to) out.set(key, (out.get(key) ?? 0) + (k.amount / days) * rate(k.currency, day));
		}
	}
	return out;
}

function referenceChannels(from: string, to: string): Map<string, Ref> {
	const out = new Map<string, Ref>();
	const row = (c: string) => {
		let r = out.get(c);
		if (!r) out.set(c, (r = { clicks: 0, conversions: 0, revenue: 0, other_costs: 0, cost: 0, roas: null }));
		return r;
	};
	for (const p of referencePartnerReport(rows, from, to).values()) {
		const r = row(channelOf.get(p.partner_id)!);
		r.clicks += p.clicks;
		r.conversions += p.conversions;
		r.revenue += p.revenue;
		r.other_costs += p.other_costs;
		r.cost += p.cost;
	}
	for (const [channel, amount] of programCosts(from, to)) {
		const r = row(channel);
		r.other_costs += amount;
		r.cost += amount;
	}
	for (const r of out.values()) r.roas = r.cost === 0 ? null : r.revenue / r.cost;
	return out;
}

function expectMatches(apiRows: readonly Row[], reference: Map<string, Ref>) {
	expect(new Set(apiRows.map((r) => r.channel))).toEqual(new Set(reference.keys()));
	for (const row of apiRows) {
		const ref = reference.get(row.channel as string)!;
		expect(row.clicks, `${row.channel} clicks`).toBe(ref.clicks);
		expect(row.conversions, `${row.channel} conversions`).toBe(ref.conversions);
		expect(Math.abs((row.revenue as number) - ref.revenue), `${row.channel} revenue`).toBeLessThan(0.005);
		expect(Math.abs((row.cost as number) - ref.cost), `${row.channel} cost`).toBeLessThan(0.005);
		if (ref.roas === null) expect(row.roas).toBeNull();
		else expect(row.roas as number).toBeCloseTo(ref.roas, 6);
	}
}

describe('GET /api/v1/channels', () => {
	it.each([
		['four weeks', '2026-06-01', '2026-06-28'],
		['a range crossing months', '2026-03-20', '2026-05-10'],
		['the whole fixture', '2026-02-01', '2026-06-30']
	])('matches the independent revenue, conversions, clicks, cost and ROAS per channel over %s', async (_name, from, to) => {
		const board = await get<Board>(`/api/v1/channels?from=${from}&to=${to}&compare=none`);
		expectMatches(board.rows, referenceChannels(from, to));
		expect(board.comparison).toEqual([]);
		expect(board.comparisonRange).toBeNull();
	});

	it('adds the comparison period, which is the channel table of the period before', async () => {
		const board = await get<Board>('/api/v1/channels?from=2026-06-01&to=2026-06-28');
		expect(board.comparisonRange).toEqual({ from: '2026-05-04', to: '2026-05-31' });
		expectMatches(board.comparison, referenceChannels('2026-05-04', '2026-05-31'));
	});

	it('gives each channel a weekly revenue series for its sparkline', async () => {
		const board = await get<Board>('/api/v1/channels?from=2026-04-06&to=2026-06-28&compare=none');
		for (const row of board.rows) {
			expect(row.weekly_revenue).toHaveLength(board.sparkline.weeks.length);
			expect(row.weekly_revenue.reduce((a, b) => a + b, 0)).toBeCloseTo(row.revenue as number, 4);
		}
	});

	it('follows a channel filter (what a click on a bar sets)', async () => {
		const board = await get<Board>('/api/v1/channels?from=2026-06-01&to=2026-06-28&channel=coupon,email');
		expect(board.rows.map((r) => r.channel).sort()).toEqual(['coupon', 'email']);
	});

	it('gives the rows as CSV and Arrow', async () => {
		const query = 'from=2026-06-01&to=2026-06-28';
		const board = await get<Board>(`/api/v1/channels?${query}`);
		const csv = (await (await api.request(`/api/v1/channels?${query}&format=csv`)).text()).trim().split('\r\n');
		expect(csv[0]!.startsWith('channel,gross_clicks,clicks')).toBe(true);
		expect(csv).toHaveLength(board.rows.length + 1);
		const arrow = await api.request(`/api/v1/channels?${query}`, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
		expect(tableFromIPC(new Uint8Array(await arrow.arrayBuffer())).numRows).toBe(board.rows.length);
	});
});

describe('GET /api/v1/channels/mix', () => {
	it('gives revenue and revenue share per month and channel, shares adding up to 1', async () => {
		const body = await get<{ rows: { period: string; channel: string; revenue: number; revenue_share: number }[]; meta: { grain: string } }>(
			'/api/v1/channels/mix?grain=month&from=2026-03-01&to=2026-05-31'
		);
		expect(body.meta.grain).toBe('month');
		const rate = fxLookup(rows.fx);
		const sales = rows.sales.filter((s) => s.status !== 'reversed' && isoDay(s.converted_at) >= '2026-03-01' && isoDay(s.converted_at) <= '2026-05-31');
		const expected = new Map<string, number>();
		for (const s of sales) {
			const key = `${isoDay(s.converted_at).slice(0, 7)}-01|${channelOf.get(s.partner_id)}`;
			expected.set(key, (expected.get(key) ?? 0) + s.sale_amount * rate(s.currency, isoDay(s.converted_at)));
		}
		expect(new Set(body.rows.map((r) => r.period))).toEqual(new Set(['2026-03-01', '2026-04-01', '2026-05-01']));
		for (const r of body.rows) expect(r.revenue, `${r.period} ${r.channel}`).toBeCloseTo(expected.get(`${r.period}|${r.channel}`) ?? 0, 6);
		for (const period of ['2026-03-01', '2026-04-01', '2026-05-01']) {
			expect(body.rows.filter((r) => r.period === period).reduce((s, r) => s + r.revenue_share, 0)).toBeCloseTo(1, 9);
		}
		expect(body.rows.some((r) => r.channel === 'program')).toBe(false);
	});

	it('defaults to weeks over the last 26 weeks of data, and streams CSV', async () => {
		const body = await get<{ rows: { period: string }[]; meta: { grain: string; range: { from: string; to: string } } }>('/api/v1/channels/mix');
		expect(body.meta.grain).toBe('week');
		expect(body.meta.range.to).toBe(fixture().endDate);
		const csv = await api.request('/api/v1/channels/mix?grain=week&format=csv');
		expect((await csv.text()).split('\r\n')[0]).toBe('period,channel,revenue,conversions,clicks,cost,revenue_share');
	});
});

describe('GET /api/v1/channels/:channel', () => {
	it('shows the channel table row in its tiles and its costs by type, program-level costs of the channel included', async () => {
		const from = '2026-02-01';
		const to = '2026-06-30';
		const board = await get<Board>(`/api/v1/channels?from=${from}&to=${to}&compare=none`);
		// The channel with program-level costs, if the fixture has one; else the one with the most revenue.
		const withProgramCost = [...programCosts(from, to).keys()].find((c) => c !== 'program');
		const channel = withProgramCost ?? (board.rows[0]!.channel as string);
		const detail = await get<{ channel: Row; current: Row; costs: { component: string; kind: string; amount: number }[] }>(`/api/v1/channels/${channel}?from=${from}&to=${to}&compare=none`);
		const row = board.rows.find((r) => r.channel === channel)!;
		for (const key of ['clicks', 'conversions']) expect(detail.current[key], key).toBe(row[key]);
		for (const key of ['revenue', 'cost', 'roas']) expect(detail.current[key] as number, key).toBeCloseTo(row[key] as number, 6);
		expect(detail.channel.partners).toBe(rows.partners.filter((p) => p.channel === channel).length);
		expect(detail.costs.reduce((s, c) => s + c.amount, 0)).toBeCloseTo(row.cost as number, 6);
		if (withProgramCost) {
			const types = new Set(costs.filter((k) => k.partner_id === null && k.channel === channel).map((k) => k.cost_type));
			for (const t of types) expect(detail.costs.map((c) => c.component)).toContain(t);
		}
	});

	it('answers an unknown channel with a 404 problem', async () => {
		const response = await api.request('/api/v1/channels/television');
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
	});
});

describe('bad requests', () => {
	it.each([
		['/api/v1/channels?from=2026-13-01', 'from'],
		['/api/v1/channels?to=2026-06-31', 'to'],
		['/api/v1/channels?by=partner', 'by'],
		['/api/v1/channels?format=parquet', 'format'],
		['/api/v1/channels/mix?grain=day', 'grain'],
		['/api/v1/channels/mix?margin=0.3', 'margin'],
		['/api/v1/channels/mix?country=germany', 'country'],
		['/api/v1/channels/coupon?grain=week', 'grain']
	])('%s is a 400 problem naming %s', async (path, parameter) => {
		const response = await api.request(path);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		expect(((await response.json()) as { parameter: string }).parameter).toBe(parameter);
	});
});
