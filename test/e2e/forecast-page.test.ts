/**
 * The forecast page in Debian Chromium against the real server: the answer first (revenue, cost and ROAS with
 * their 80% band, the budget for the target, the one warning that matters, reported vs projected-final
 * actuals), then, one click away, 13 forecast weeks with intervals and the backtest error beside the chart, the API's numbers on the tiles, a target typed into the budget form goes
 * into the URL and the budget figures follow it, a channel row drills into that channel, the layout fits a
 * tablet, and no console errors.
 */
import type { Page } from 'playwright-core';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { describe, expect, it } from 'vitest';
import type { BudgetAnswer, RevenueForecastAnswer } from '../../src/lib/planning/forecast-types.ts';
import { formatMoney } from '../../src/lib/format.ts';
import { openPage, paintedPixels, readDefinition } from '../helpers/browser.ts';

const app = useAppUnderTest();

const api = async <T>(path: string) => (await (await app.fetch(`${app.server.url}/api/v1/forecast/${path}`)).json()) as T;
const raw = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}-value"]`, 'data-raw'));
const waitForRaw = (page: Page, testId: string, expected: number) =>
	page.waitForFunction(
		([id, value]) => Math.abs(Number(document.querySelector(`[data-testid="${id}-value"]`)?.getAttribute('data-raw')) - value) <= 1e-6 * Math.max(1, Math.abs(value)),
		[testId, expected] as const
	);

/** Opens the collapsed sections (method and weekly figures, budget details, assumptions). */
async function openDetails(page: Page) {
	for (const id of ['forecast-details', 'budget-details', 'assumptions']) {
		await page.waitForSelector(`[data-testid="${id}"] > summary`);
		await page.click(`[data-testid="${id}"] > summary`);
	}
}

describe('forecast page', () => {
	it('answers first: revenue, cost and ROAS with a band, the budget for the target and the one warning', async () => {
		const revenue = await api<RevenueForecastAnswer>('revenue');
		const budget = await api<BudgetAnswer>('budget');
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/forecast`);
		await page.waitForSelector('[data-testid="answer-chart"][data-chart-finished="true"]');
		expect(await paintedPixels(page, '[data-testid="answer-chart"]')).toBeGreaterThan(2000);
		const text = (id: string) => page.textContent(`[data-testid="${id}"]`);
		const lo = revenue.total.revenue.points.reduce((s, p) => s + p.lo80, 0);
		const cur = 'EUR';
		expect(await text('answer-revenue')).toContain(formatMoney(revenue.total.revenue.total, cur));
		expect(await text('answer-revenue')).toContain(`80%: ${formatMoney(lo, cur)} to`);
		expect(await text('answer-cost')).toContain(formatMoney(revenue.total.cost.total, cur));
		// The ROAS shown is the hold-budget scenario's, which is the baseline's.
		const hold = budget.scenarios.find((s) => s.key === 'hold')!;
		expect(Math.abs(hold.total.roas! - budget.baseline.roas!)).toBeLessThan(1e-6 * budget.baseline.roas!);
		expect(await text('answer-roas')).toContain(budget.baseline.roas!.toFixed(2));
		// The fixture holds 150 days: the yearly season cannot be estimated, and the page says so first.
		expect(revenue.headline?.key).toBe('no-yearly-season');
		expect(await page.getAttribute('[data-testid="answer-warning"]', 'data-key')).toBe('no-yearly-season');
		// The details are one click away, not on the first screen.
		expect(await page.isVisible('[data-testid="forecast-weeks-table"]')).toBe(false);
		await page.click('[data-testid="forecast-details"] > summary');
		await page.waitForSelector('[data-testid="forecast-weeks-table"]');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('shows 13 forecast weeks with intervals, the backtest error and the API numbers', async () => {
		const revenue = await api<RevenueForecastAnswer>('revenue');
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/forecast`);
		await openDetails(page);
		await page.waitForSelector('[data-testid="fc-revenue-value"]');
		expect(await raw(page, 'fc-revenue')).toBeCloseTo(revenue.total.revenue.total, 6);
		expect(await raw(page, 'fc-cost')).toBeCloseTo(revenue.total.cost.total, 6);
		expect(await raw(page, 'fc-mase')).toBeCloseTo(revenue.total.revenue.errors!.mase, 9);
		for (const chart of ['forecast-revenue-chart', 'forecast-cost-chart', 'past-forecast-chart']) {
			await page.waitForSelector(`[data-testid="${chart}"][data-chart-finished="true"]`);
			expect(await paintedPixels(page, `[data-testid="${chart}"]`), chart).toBeGreaterThan(2000);
		}
		// 13 weeks in the table, each with its 80% and 95% bounds, the first one as the API has it.
		expect(await page.textContent('[data-testid="forecast-weeks-table-count"]')).toBe('13 rows');
		const first = await page.$$eval('[data-testid="forecast-weeks-table"] tbody tr:first-child td', (tds) => tds.map((td) => td.textContent!.trim()));
		expect(first[0]).toBe(revenue.total.revenue.points[0]!.week_start);
		expect(first.slice(1, 6).every((t) => /€/.test(t))).toBe(true);
		const errorsText = await page.textContent('[data-testid="forecast-revenue-errors"]');
		expect(errorsText).toBe(`MASE ${revenue.total.revenue.errors!.mase.toFixed(2)} · sMAPE ${revenue.total.revenue.errors!.smape.toFixed(1)}%`);
		expect(await page.textContent('[data-testid="forecast-revenue-backtest"]')).toContain(revenue.total.revenue.method);
		expect(await readDefinition(page, 'forecast-revenue-info')).toMatch(/Revenue = sum of sale_amount.*fct_daily@.*Data through 2026-06-30/);
		// The maturity table and the assumptions are on the page.
		expect(await page.textContent('[data-testid="maturity-table-count"]')).toBe('13 rows');
		const assumptions = await page.$$eval('[data-testid="assumptions"] li', (lis) => lis.map((li) => li.getAttribute('data-key')));
		expect(assumptions).toEqual(expect.arrayContaining(revenue.assumptions.map((a) => a.key)));
		expect(errors).toEqual([]);
		await page.close();
	});

	it('plans the budget for a target typed into the page, through the URL', async () => {
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/forecast`);
		await openDetails(page);
		await page.waitForSelector('[data-testid="budget-total-value"]');
		const before = await api<BudgetAnswer>('budget');
		expect(await raw(page, 'budget-target')).toBeCloseTo(before.target.value, 6);
		const target = Math.round(before.baseline.revenue * 1.2);
		await page.fill('[data-testid="target-input"]', String(target));
		await page.press('[data-testid="target-input"]', 'Enter');
		await page.waitForURL(new RegExp(`target=${target}`));
		const after = await api<BudgetAnswer>(`budget?target=${target}`);
		const reach = after.scenarios.find((s) => s.key === 'target')!;
		await waitForRaw(page, 'budget-target', target);
		await waitForRaw(page, 'budget-total', reach.total.cost);
		expect(reach.total.cost).toBeGreaterThan(before.scenarios.find((s) => s.key === 'target')!.total.cost);
		expect(await raw(page, 'budget-marginal')).toBeCloseTo(after.allocation.thresholdRoas ?? NaN, 6);
		expect(await page.textContent('[data-testid="budget-message"]')).toBe(after.allocation.message);
		expect(await page.textContent('[data-testid="budget-allocation-table-count"]')).toBe(`${after.allocation.rows.length} rows`);
		expect(await page.$$eval('[data-testid="scenarios-table"] tbody tr', (trs) => trs.length)).toBe(4);
		expect(await page.$$eval('[data-testid="sensitivity-revenue"] tbody tr', (trs) => trs.length)).toBe(4);
		// The link reproduces the plan.
		const again = await app.browser.newPage();
		await again.goto(page.url());
		await openDetails(again);
		await again.waitForSelector('[data-testid="budget-total-value"]');
		expect(Number(await again.getAttribute('[data-testid="budget-total-value"]', 'data-raw'))).toBeCloseTo(reach.total.cost, 6);
		expect(await again.inputValue('[data-testid="target-input"]')).toBe(String(target));
		await again.close();
		expect(errors).toEqual([]);
		await page.close();
	});

	it('drills into a channel by clicking its row', async () => {
		const coupon = await api<RevenueForecastAnswer>('revenue?channel=coupon');
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/forecast`);
		await openDetails(page);
		await page.waitForSelector('[data-testid="forecast-channels-table"]');
		await page.click('[data-testid="forecast-channels-table"] tr:has(td[data-key="channel"]:text-is("coupon"))');
		await page.waitForURL(/channel=coupon/);
		await waitForRaw(page, 'fc-revenue', coupon.total.revenue.total);
		expect(await page.textContent('[data-testid="forecast-basis"]')).toContain('Channels: coupon.');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('lays out on a tablet without horizontal scrolling', async () => {
		const { page, errors } = await openPage(app.browser, { width: 800, height: 1100 });
		await page.goto(`${app.server.url}/forecast`);
		await openDetails(page);
		await page.waitForSelector('[data-testid="forecast-revenue-chart"][data-chart-finished="true"]');
		await page.waitForSelector('[data-testid="budget-total-value"]');
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});
