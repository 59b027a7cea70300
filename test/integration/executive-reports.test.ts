/**
 * The weekly review and the ROI report against an independent TypeScript computation over the parquet rows:
 * week totals, the revenue-change split, ROI with the configured margin, by-channel figures and
 * concentration; and the API's 400s for bad parameters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { readExports, type ExportRows } from '../helpers/read-exports.ts';
import { referencePartnerReport, referenceTotals } from '../helpers/independent-metrics.ts';

let warehouse: Warehouse;
let api: TestApi;
let rows: ExportRows;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	rows = await readExports(fixture().dataDir);
});
afterAll(() => warehouse?.close());

const get = async (path: string) => {
	const response = await api.request(path);
	return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const close = (a: number, b: number, tolerance = 0.005) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(tolerance);

describe('GET /api/v1/reports/weekly-review', () => {
	it('reviews the last complete Monday-to-Sunday week before the data ends, with totals matching the parquet rows', async () => {
		const { status, body } = await get('/api/v1/reports/weekly-review');
		expect(status).toBe(200);
		// The fixture ends on Tuesday 2026-06-30: the last complete week is Monday 22 to Sunday 28 June.
		expect(body.dataThrough).toBe('2026-06-30');
		expect(body.lastWeek).toMatchObject({ from: '2026-06-22', to: '2026-06-28' });
		expect(body.previousWeek).toMatchObject({ from: '2026-06-15', to: '2026-06-21' });
		expect(body.sameWeekLastYear).toMatchObject({ from: '2025-06-23', to: '2025-06-29' });
		for (const [period, ref] of [
			[body.lastWeek, referenceTotals(rows, '2026-06-22', '2026-06-28')],
			[body.previousWeek, referenceTotals(rows, '2026-06-15', '2026-06-21')]
		] as const) {
			expect(period.metrics.clicks).toBe(ref.clicks);
			expect(period.metrics.conversions).toBe(ref.conversions);
			close(period.metrics.revenue, ref.revenue);
			close(period.metrics.cost, ref.cost);
			close(period.metrics.roas, ref.revenue / ref.cost, 1e-9);
			close(period.metrics.conversion_rate, ref.conversions / ref.clicks, 1e-12);
		}
	});

	it('splits the revenue change into effects that add up to it, and names movers whose change matches the rows', async () => {
		const { body } = await get('/api/v1/reports/weekly-review');
		const d = body.decomposition;
		const before = referenceTotals(rows, '2026-06-15', '2026-06-21');
		const after = referenceTotals(rows, '2026-06-22', '2026-06-28');
		close(d.change, after.revenue - before.revenue);
		close(d.effects.clicks + d.effects.conversion_rate + d.effects.order_value + d.effects.reversals, after.revenue - before.revenue);
		// Clicks effect by hand (LMDI): L(R1, R0) * ln(C1 / C0).
		const L = (after.revenue - before.revenue) / Math.log(after.revenue / before.revenue);
		close(d.effects.clicks, L * Math.log(after.clicks / before.clicks), 0.01);
		const weekNow = referencePartnerReport(rows, '2026-06-22', '2026-06-28');
		const weekBefore = referencePartnerReport(rows, '2026-06-15', '2026-06-21');
		for (const m of [...body.movers.up, ...body.movers.down]) {
			close(m.change, (weekNow.get(m.partner_id)?.revenue ?? 0) - (weekBefore.get(m.partner_id)?.revenue ?? 0));
		}
		expect(body.movers.up.every((m: { change: number }) => m.change > 0)).toBe(true);
		expect(body.movers.down.every((m: { change: number }) => m.change < 0)).toBe(true);
	});

	it('follows a channel filter', async () => {
		const { body } = await get('/api/v1/reports/weekly-review?channel=coupon');
		const ref = referenceTotals(rows, '2026-06-22', '2026-06-28', 'coupon');
		close(body.lastWeek.metrics.revenue, ref.revenue);
		close(body.lastWeek.metrics.cost, ref.cost);
	});
});

describe('GET /api/v1/reports/roi', () => {
	it('matches the rows for ROAS, ROI (with ?margin=), cost of sale and net contribution, in total and by channel', async () => {
		const { status, body } = await get('/api/v1/reports/roi?from=2026-04-01&to=2026-06-30&margin=0.4');
		expect(status).toBe(200);
		const ref = referenceTotals(rows, '2026-04-01', '2026-06-30');
		const t = body.total.current;
		close(t.revenue, ref.revenue);
		close(t.cost, ref.cost);
		close(t.roas, ref.revenue / ref.cost, 1e-9);
		close(t.roi, (ref.revenue * 0.4 - ref.cost) / ref.cost, 1e-9);
		close(t.cost_of_sale, ref.cost / ref.revenue, 1e-9);
		close(t.net_contribution, ref.revenue * 0.4 - ref.cost);
		// The period before has the same length (91 days).
		expect(body.comparisonRange).toEqual({ from: '2025-12-31', to: '2026-03-31' });
		for (const c of body.channels) {
			const rc = referenceTotals(rows, '2026-04-01', '2026-06-30', c.channel);
			close(c.current.revenue, rc.revenue);
			close(c.current.cost, rc.cost);
		}
	});

	it('gives the top-5 share and a concentration curve that ends at 100%', async () => {
		const { body } = await get('/api/v1/reports/roi?from=2026-04-01&to=2026-06-30');
		const partners = [...referencePartnerReport(rows, '2026-04-01', '2026-06-30').values()].sort((a, b) => b.revenue - a.revenue);
		const total = partners.reduce((s, p) => s + p.revenue, 0);
		const top5 = partners.slice(0, 5).reduce((s, p) => s + p.revenue, 0);
		close(body.total.current.top5_revenue_share, top5 / total, 1e-9);
		close(body.concentration.at(-1).cumulative_share, 1, 1e-9);
		expect(body.topPartners.map((p: { partner_id: string }) => p.partner_id)).toEqual(partners.slice(0, 10).map((p) => p.partner_id));
	});

	it.each([
		['margin=1.5', 'margin'],
		['compare=lastweek', 'compare'],
		['channel=tv', 'channel'],
		['device=watch', 'device'],
		['country=germany', 'country'],
		['top=0', 'top'],
		['from=2026-06-31', 'from'],
		['colour=red', 'colour']
	])('answers %s with a 400 naming %s', async (query, parameter) => {
		const response = await api.request(`/api/v1/reports/roi?${query}`);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		expect(((await response.json()) as { parameter: string }).parameter).toBe(parameter);
	});
});
