/**
 * Scopes through the real API over a real warehouse: a viewer limited to one partner manager (the partners
 * export's manager column) sees the scope's totals everywhere, equal to the unscoped answer filtered to the
 * scope's partners, and, for the partner report and the summary, to an independent computation over the
 * export rows; partners outside the scope are a 404 like unknown ones; CSV and Arrow exports, forecast,
 * cohorts and quality keep to the scope; an empty scope sees nothing, never everything.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { referencePartnerReport } from '../helpers/independent-metrics.ts';
import { readExports, readExportTable, type ExportRows } from '../helpers/read-exports.ts';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';

const RANGE = 'from=2026-05-01&to=2026-06-30';
let warehouse: Warehouse;
let api: TestApi;
let exportsRows: ExportRows;
let manager: string;
/** The manager's partners, from the parquet export (not from DuckDB). */
let book: string[];
let outside: string;
let scoped: TestUser;
let scopedExecutive: TestUser;
let channelScoped: TestUser;
let empty: TestUser;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	exportsRows = await readExports(fixture().dataDir);
	const partners = await readExportTable<{ partner_id: string; manager: string; channel: string }>(fixture().dataDir, 'partners');
	const counts = new Map<string, number>();
	for (const p of partners) counts.set(p.manager, (counts.get(p.manager) ?? 0) + 1);
	manager = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
	book = partners.filter((p) => p.manager === manager).map((p) => p.partner_id).sort();
	outside = partners.find((p) => p.manager !== manager)!.partner_id;
	const scope = { channels: [], partners: [], managers: [manager] };
	scoped = await addTestUser(api.store, 'sam', 'viewer', scope);
	scopedExecutive = await addTestUser(api.store, 'sally', 'executive', scope);
	channelScoped = await addTestUser(api.store, 'cora', 'viewer', { channels: ['content'], partners: [], managers: [] });
	empty = await addTestUser(api.store, 'nobody', 'viewer', { channels: [], partners: [], managers: ['No Such Manager'] });
});
afterAll(() => warehouse?.close());

async function get<T>(path: string, user: TestUser | null = null): Promise<T> {
	const response = await api.request(path, user ? { headers: bearer(user) } : {});
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
}
const inBook = () => `partner=${book.join(',')}`;
type Rows = { rows: Record<string, unknown>[] };
const close = (a: unknown, b: unknown, what: string) => {
	if (typeof a === 'number' && typeof b === 'number') expect(Math.abs(a - b), what).toBeLessThan(0.005 + Math.abs(b) * 1e-9);
	else expect(a, what).toEqual(b);
};

describe('a manager-scoped viewer sees the scope\'s totals', { timeout: 240_000 }, () => {
	it('the scope is a real book of several partners, and not everything', () => {
		expect(book.length).toBeGreaterThan(1);
		expect(book).not.toContain(outside);
	});

	it('partner report: only the book, each row equal to the independent computation from the exports', async () => {
		const body = await get<Rows>(`/api/v1/reports/partners?${RANGE}`, scoped);
		const reference = referencePartnerReport(exportsRows, '2026-05-01', '2026-06-30');
		const expected = [...reference.keys()].filter((id) => book.includes(id)).sort();
		expect(body.rows.map((r) => r.partner_id).sort()).toEqual(expected);
		for (const row of body.rows) for (const k of ['revenue', 'commission', 'other_costs', 'clicks', 'conversions'] as const) close(row[k], reference.get(String(row.partner_id))![k], `${row.partner_id} ${k}`);
	});

	it('metrics summary: equal to the unscoped summary filtered to the book, and to the exports', async () => {
		type Summary = { current: Record<string, number | null>; comparison: Record<string, number | null> };
		const mine = await get<Summary>(`/api/v1/metrics/summary?${RANGE}`, scoped);
		const filtered = await get<Summary>(`/api/v1/metrics/summary?${RANGE}&${inBook()}`);
		const everyone = await get<Summary>(`/api/v1/metrics/summary?${RANGE}`);
		expect(mine.current).toEqual(filtered.current);
		expect(mine.comparison).toEqual(filtered.comparison);
		expect(mine.current.revenue).toBeLessThan(everyone.current.revenue!);
		const reference = referencePartnerReport(exportsRows, '2026-05-01', '2026-06-30');
		close(mine.current.revenue, book.reduce((s, id) => s + (reference.get(id)?.revenue ?? 0), 0), 'revenue');
	});

	it('partners leaderboard, its CSV and its Arrow export: the book only, the same numbers', async () => {
		const mine = await get<Rows>(`/api/v1/partners?${RANGE}`, scoped);
		const filtered = await get<Rows>(`/api/v1/partners?${RANGE}&${inBook()}`);
		expect(mine.rows).toEqual(filtered.rows);
		expect(mine.rows.every((r) => book.includes(String(r.partner_id)))).toBe(true);
		const csv = await (await api.request(`/api/v1/partners?${RANGE}&format=csv`, { headers: bearer(scoped) })).text();
		const ids = csv.trim().split('\n').slice(1).map((line) => line.split(',')[0]!.replace(/"/g, ''));
		expect(ids.sort()).toEqual(mine.rows.map((r) => String(r.partner_id)).sort());
		const arrow = tableFromIPC(new Uint8Array(await (await api.request(`/api/v1/partners?${RANGE}&format=arrow`, { headers: bearer(scopedExecutive) })).arrayBuffer()));
		expect(arrow.getChild('partner_id')!.toArray().slice().sort()).toEqual(ids.sort());
		// A partner filter outside the scope narrows to nothing, never widens.
		expect((await get<Rows>(`/api/v1/partners?${RANGE}&partner=${outside}`, scoped)).rows).toEqual([]);
	});

	it('channels: equal to the unscoped answer filtered to the book', async () => {
		const mine = await get<Rows & { comparison: unknown }>(`/api/v1/channels?${RANGE}`, scoped);
		const filtered = await get<Rows & { comparison: unknown }>(`/api/v1/channels?${RANGE}&${inBook()}`);
		expect(mine.rows).toEqual(filtered.rows);
		expect(mine.comparison).toEqual(filtered.comparison);
		const mix = await get<Rows>(`/api/v1/channels/mix?${RANGE}`, scoped);
		expect(mix.rows).toEqual((await get<Rows>(`/api/v1/channels/mix?${RANGE}&${inBook()}`)).rows);
	});

	it('cohorts: customer and partner cohorts equal the unscoped answers filtered to the book', async () => {
		for (const path of ['/api/v1/cohorts/customers?by=all', '/api/v1/cohorts/customers/summary?by=channel', '/api/v1/cohorts/partners', '/api/v1/cohorts/partners/members']) {
			const sep = path.includes('?') ? '&' : '?';
			const mine = await get<Rows>(path, scoped);
			const filtered = await get<Rows>(`${path}${sep}${inBook()}`);
			expect(mine.rows, path).toEqual(filtered.rows);
		}
		const members = await get<Rows>('/api/v1/cohorts/partners/members', scoped);
		expect(members.rows.every((r) => book.includes(String(r.partner_id)))).toBe(true);
	});

	it('quality: signals, partner measures and the rows behind a signal keep to the book', async () => {
		type Body = { signals: { partner_id: string; signal: string; evidence: { href: string } }[]; partners: { partner_id: string }[] };
		const mine = await get<Body>(`/api/v1/quality/signals?${RANGE}`, scoped);
		const filtered = await get<Body>(`/api/v1/quality/signals?${RANGE}&${inBook()}`);
		expect(mine.signals).toEqual(filtered.signals);
		expect(mine.partners).toEqual(filtered.partners);
		expect(mine.partners.length).toBeGreaterThan(0);
		expect(mine.partners.every((p) => book.includes(p.partner_id))).toBe(true);
		const daily = await get<Rows>(`/api/v1/quality/daily?${RANGE}`, scoped);
		expect(daily.rows).toEqual((await get<Rows>(`/api/v1/quality/daily?${RANGE}&${inBook()}`)).rows);
		// The rows of a signal of a partner outside the book: none.
		const all = await get<Body>(`/api/v1/quality/signals?${RANGE}`);
		const foreign = all.signals.find((s) => !book.includes(s.partner_id));
		if (foreign) {
			const rows = await get<Rows>(`/api/v1/quality/rows?signal=${foreign.signal}&partner=${foreign.partner_id}&${RANGE}`, scoped);
			expect(rows.rows).toEqual([]);
		}
		const any = await get<Rows>(`/api/v1/quality/rows?signal=invalid_clicks&${RANGE}`, scoped);
		expect(any.rows.every((r) => book.includes(String(r.partner_id)))).toBe(true);
	});

	it('forecast: the history is the book\'s weekly revenue, equal to the unscoped weekly revenue filtered to it', async () => {
		type Forecast = { history: { from: string; to: string }; total: { history: { week_start: string; provisional_revenue: number }[] } };
		const mine = await get<Forecast>('/api/v1/forecast/revenue?horizon=4', scoped);
		const everyone = await get<Forecast>('/api/v1/forecast/revenue?horizon=4');
		const weekly = await get<Rows>(`/api/v1/metrics/breakdown?by=week&from=${mine.history.from}&to=${mine.history.to}&${inBook()}&compare=none`);
		const byWeek = new Map(weekly.rows.map((r) => [String(r.week), Number(r.revenue)]));
		for (const w of mine.total.history) close(w.provisional_revenue, byWeek.get(w.week_start) ?? 0, w.week_start);
		const sum = (f: Forecast) => f.total.history.reduce((s, w) => s + w.provisional_revenue, 0);
		expect(sum(mine)).toBeLessThan(sum(everyone));
		expect((await api.request('/api/v1/forecast/budget?horizon=4', { headers: bearer(scoped) })).status).toBe(200);
	});

	it('weekly review, overview and the ROI report (for a scoped executive) read the scope only', async () => {
		type Review = { lastWeek: { from: string; to: string; metrics: Record<string, number | null> } };
		const review = await get<Review>('/api/v1/reports/weekly-review', scoped);
		const reviewFiltered = await get<Review>(`/api/v1/reports/weekly-review?${inBook()}`);
		expect(review.lastWeek).toEqual(reviewFiltered.lastWeek);
		const overview = await get<Review>('/api/v1/reports/overview', scoped);
		close(overview.lastWeek.metrics.revenue, reviewFiltered.lastWeek.metrics.revenue, 'overview revenue');
		type Roi = { total: unknown; topPartners: { partner_id: string }[] };
		const roi = await get<Roi>(`/api/v1/reports/roi?${RANGE}`, scopedExecutive);
		expect(roi.total).toEqual((await get<Roi>(`/api/v1/reports/roi?${RANGE}&${inBook()}`)).total);
		expect(roi.topPartners.every((p) => book.includes(p.partner_id))).toBe(true);
	});

	it('a partner outside the scope is the same 404 as an unknown one; inside it is answered', async () => {
		const foreign = await api.request(`/api/v1/partners/${outside}?${RANGE}`, { headers: bearer(scoped) });
		const unknown = await api.request(`/api/v1/partners/NOPE-1?${RANGE}`, { headers: bearer(scoped) });
		expect(foreign.status).toBe(404);
		expect(unknown.status).toBe(404);
		const strip = (p: { detail: string; instance: string }) => ({ ...p, detail: p.detail.replace(/"[^"]*"/, '"…"'), instance: '' });
		expect(strip(await foreign.json())).toEqual(strip(await unknown.json()));
		expect((await api.request(`/api/v1/partners/${book[0]}?${RANGE}`, { headers: bearer(scoped) })).status).toBe(200);
	});

	it('the filter choices list only the book', async () => {
		const dims = await get<{ partners: { partner_id: string }[] }>('/api/v1/metrics/dimensions', scoped);
		expect(dims.partners.map((p) => p.partner_id).sort()).toEqual(book);
		expect(JSON.stringify(dims)).not.toContain('"manager"');
	});
});

describe('other scopes', { timeout: 120_000 }, () => {
	it('a channel scope: other channels are a 404, the channel table has only that channel', async () => {
		expect((await api.request('/api/v1/channels/coupon', { headers: bearer(channelScoped) })).status).toBe(404);
		expect((await api.request('/api/v1/channels/content', { headers: bearer(channelScoped) })).status).toBe(200);
		const rows = (await get<Rows>(`/api/v1/channels?${RANGE}`, channelScoped)).rows;
		expect(rows.map((r) => r.channel)).toEqual(['content']);
		expect(rows).toEqual((await get<Rows>(`/api/v1/channels?${RANGE}&channel=content`)).rows);
	});

	it('an empty scope (a manager with no partners) sees nothing, not everything', async () => {
		expect((await get<Rows>(`/api/v1/partners?${RANGE}`, empty)).rows).toEqual([]);
		expect((await get<Rows>(`/api/v1/reports/partners?${RANGE}`, empty)).rows).toEqual([]);
		const summary = await get<{ current: Record<string, number | null> | null }>(`/api/v1/metrics/summary?${RANGE}`, empty);
		expect(summary.current?.revenue ?? 0).toBe(0);
		expect((await get<{ partners: unknown[] }>('/api/v1/metrics/dimensions', empty)).partners).toEqual([]);
		expect((await api.request(`/api/v1/partners/${book[0]}`, { headers: bearer(empty) })).status).toBe(404);
	});
});
