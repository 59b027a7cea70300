/**
 * The forecast as a manager meets it right after Black Friday: a generated program of two years ending
 * Sunday 2026-11-29. The 13-week revenue forecast must follow last year's post-peak decline (within 25% of
 * the same 13 weeks a year earlier, scaled by the year-over-year growth of matured weeks before the peak,
 * both computed from the parquet rows alone), and every panel must tell the same budget story: the
 * channels add up to the total, "hold budget" is the baseline, the sensitivity grid's base is the baseline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetAnswer, RevenueForecastAnswer } from '../../src/lib/planning/forecast-types.ts';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { normalizeConfig } from '../../src/lib/server/config.ts';
import { generateSample } from '../../src/generate/generate-sample.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { REPO_ROOT } from '../helpers/fixture.ts';
import { referenceTotals } from '../helpers/independent-metrics.ts';
import { readExports, type ExportRows } from '../helpers/read-exports.ts';

let root: string;
let warehouse: Warehouse;
let revenue: RevenueForecastAnswer;
let budget: BudgetAnswer;
let rows: ExportRows;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-9);

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'forecast-peak-'));
	const dataDir = path.join(root, 'exports');
	await generateSample({ dataDir, seed: 7, scale: 0.05, days: 730, endDate: '2026-11-29', partners: 60 });
	warehouse = await Warehouse.open(normalizeConfig({}, { dataDir, warehousePath: path.join(root, 'warehouse.duckdb'), sqlDir: path.join(REPO_ROOT, 'sql') }, REPO_ROOT));
	const built = await warehouse.build({ author: 'test', message: 'peak' });
	expect(built.status).toBe('published');
	const api = await testApi(warehouse, { log: () => {} });
	const r = await api.request('/api/v1/forecast/revenue');
	expect(r.status).toBe(200);
	revenue = (await r.json()) as RevenueForecastAnswer;
	const b = await api.request('/api/v1/forecast/budget');
	expect(b.status).toBe(200);
	budget = (await b.json()) as BudgetAnswer;
	rows = await readExports(dataDir);
}, 600_000);
afterAll(async () => {
	warehouse?.close();
	if (root) await rm(root, { recursive: true, force: true });
});

describe('the forecast right after the yearly peak (data through 2026-11-29)', () => {
	it('follows last year’s post-peak weeks, scaled by the growth of matured pre-peak weeks', () => {
		const points = revenue.total.revenue.points;
		expect(points).toHaveLength(13);
		const first = points[0]!.week_start;
		const lastYear = referenceTotals(rows, addDays(first, -364), addDays(first, -364 + 13 * 7 - 1)).revenue;
		// Matured: 13 weeks ending at least 90 days before the data ends, against the same weeks a year earlier.
		const maturedTo = addDays(first, -92);
		const maturedFrom = addDays(maturedTo, -13 * 7 + 1);
		const growth = referenceTotals(rows, maturedFrom, maturedTo).revenue / referenceTotals(rows, addDays(maturedFrom, -364), addDays(maturedTo, -364)).revenue;
		const expected = lastYear * growth;
		expect(revenue.total.revenue.total / expected, `forecast ${revenue.total.revenue.total} vs ${expected}`).toBeGreaterThan(0.75);
		expect(revenue.total.revenue.total / expected).toBeLessThan(1.25);
		// The decline: the forecast's last month sits below the peak week just seen.
		const peakWeek = revenue.total.history.at(-1)!.revenue;
		const lastMonth = points.slice(-4).reduce((s, p) => s + p.value, 0) / 4;
		expect(lastMonth).toBeLessThan(peakWeek);
		expect(revenue.total.revenue.period).toBe(52);
	});

	it('keeps its intervals smooth to the last week', () => {
		const points = revenue.total.revenue.points;
		for (let h = 1; h < points.length; h++) {
			const before = (points[h - 1]!.value - points[h - 1]!.lo80) / Math.max(points[h - 1]!.value, 1);
			const now = (points[h]!.value - points[h]!.lo80) / Math.max(points[h]!.value, 1);
			expect(now / Math.max(before, 1e-9)).toBeLessThan(1.3);
		}
	});

	it('warns honestly about the short history and names the one warning that matters', () => {
		expect(revenue.headline?.key).toBe('short-history');
		expect(revenue.warnings.join(' ')).toMatch(/short history/);
	});

	it('adds the channels up to the total, week by week', () => {
		const withForecast = revenue.byChannel.filter((c) => c.revenue && c.cost);
		revenue.total.revenue.points.forEach((p, i) => {
			const sum = withForecast.reduce((s, c) => s + c.revenue!.points[i]!.value, 0);
			expect(rel(sum + revenue.flatRevenue, p.value)).toBeLessThan(1e-9);
		});
		const costs = withForecast.reduce((s, c) => s + c.cost!.total, 0) + revenue.programCost * 13;
		expect(revenue.flatRevenue).toBeGreaterThanOrEqual(0);
		expect(rel(costs, revenue.total.cost.total)).toBeLessThan(1e-9);
	});

	it('tells one budget story: hold budget is the baseline, and every ROAS is computed from it', () => {
		const hold = budget.scenarios.find((s) => s.key === 'hold')!;
		expect(rel(hold.total.revenue, budget.baseline.revenue)).toBeLessThan(1e-6);
		expect(rel(hold.total.cost, budget.baseline.cost)).toBeLessThan(1e-6);
		expect(rel(budget.baseline.revenue, revenue.total.revenue.total)).toBeLessThan(1e-12);
		expect(rel(budget.sensitivity.base.roas!, budget.baseline.roas!)).toBeLessThan(1e-9);
		expect(rel(hold.total.roas!, budget.baseline.roas!)).toBeLessThan(1e-6);
		// The default target (baseline + 10%) is reachable within the default bounds, or says why in one sentence.
		if (budget.allocation.status !== 'reached') expect(budget.allocation.message.split('. ').length).toBe(1);
		else expect(rel(budget.scenarios.find((s) => s.key === 'target')!.total.revenue, budget.target.value)).toBeLessThan(1e-3);
	});
});
