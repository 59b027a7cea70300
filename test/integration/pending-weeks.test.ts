/**
 * Recent weeks still holding pending sales are marked on every page that shows weeks: the weekly-review,
 * ROI, partners and channels answers carry `pendingWeeks` (reported revenue, its pending part and share,
 * the projected-final value). Checked against the parquet rows (revenue and pending revenue per week) and
 * against the forecast's maturity table (the same projection computed through the forecast inputs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { PendingWeek } from '../../src/lib/server/reports/forecast/pending-weeks.ts';
import type { RevenueForecastAnswer } from '../../src/lib/planning/forecast-types.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { fxLookup, referenceTotals } from '../helpers/independent-metrics.ts';
import { readExports, type ExportRows } from '../helpers/read-exports.ts';

let warehouse: Warehouse;
let api: TestApi;
let rows: ExportRows;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse, { log: () => {} });
	rows = await readExports(fixture().dataDir);
});
afterAll(() => warehouse?.close());

const get = async <T = Record<string, any>>(path: string) => {
	const response = await api.request(path);
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
};
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const close = (a: number, b: number, tolerance = 0.01) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(tolerance);

/** Pending sale value per week from the parquet rows alone (base currency at the conversion day's rate). */
function referencePending(from: string, to: string): number {
	const rate = fxLookup(rows.fx);
	let sum = 0;
	for (const s of rows.sales) {
		const day = s.converted_at.toISOString().slice(0, 10);
		if (day >= from && day <= to && s.status === 'pending') sum += s.sale_amount * rate(s.currency, day);
	}
	return sum;
}

describe('pendingWeeks in the answers of pages that show recent weeks', () => {
	it.each([
		['weekly review', '/api/v1/reports/weekly-review'],
		['ROI', '/api/v1/reports/roi'],
		['partners', '/api/v1/partners'],
		['channels', '/api/v1/channels']
	])('%s marks the weeks with pending sales, matching the parquet rows', async (_, path) => {
		const body = await get<{ pendingWeeks: PendingWeek[] }>(path);
		expect(body.pendingWeeks.length).toBeGreaterThan(0);
		// The newest week is the least mature; every marked week holds pending sales and projects below what is reported.
		for (const w of body.pendingWeeks) {
			expect(w.pending_revenue).toBeGreaterThan(0);
			expect(w.projected_revenue).toBeLessThanOrEqual(w.revenue + 1e-6);
			expect(w.projected_revenue).toBeGreaterThanOrEqual(w.revenue - w.pending_revenue - 1e-6);
			close(w.pending_share!, w.pending_revenue / w.revenue, 1e-12);
		}
		const last = body.pendingWeeks.at(-1)!;
		const to = addDays(last.week_start, 6) > fixture().endDate ? fixture().endDate : addDays(last.week_start, 6);
		if (path !== '/api/v1/reports/weekly-review' || to <= fixture().endDate) {
			const from = path === '/api/v1/reports/weekly-review' ? last.week_start : last.week_start;
			// Ranges can cut a week: compare only weeks fully inside the data.
			if (addDays(last.week_start, 6) <= fixture().endDate) {
				close(last.revenue, referenceTotals(rows, from, to).revenue, 0.05);
				close(last.pending_revenue, referencePending(from, to), 0.05);
			}
		}
	});

	it('projects a complete week as the forecast maturity table does', async () => {
		const review = await get<{ pendingWeeks: PendingWeek[] }>('/api/v1/reports/weekly-review');
		const forecast = await get<RevenueForecastAnswer>('/api/v1/forecast/revenue');
		const both = forecast.maturity.weeks.filter((m) => m.pending_revenue > 0 && review.pendingWeeks.some((w) => w.week_start === m.week_start));
		expect(both.length).toBeGreaterThan(3);
		for (const m of both) {
			const w = review.pendingWeeks.find((x) => x.week_start === m.week_start)!;
			close(w.revenue, m.provisional_revenue, 0.01);
			close(w.pending_revenue, m.pending_revenue, 0.01);
			close(w.projected_revenue, m.projected_revenue, 0.01);
		}
	});

	it('follows the filters', async () => {
		const all = await get<{ pendingWeeks: PendingWeek[] }>('/api/v1/reports/weekly-review');
		const coupon = await get<{ pendingWeeks: PendingWeek[] }>('/api/v1/reports/weekly-review?channel=coupon');
		const week = coupon.pendingWeeks.at(-1)!;
		expect(week.revenue).toBeLessThan(all.pendingWeeks.find((w) => w.week_start === week.week_start)!.revenue);
	});
});
