/**
 * The Cohorts page in Debian Chromium against the real built server over a warehouse built from generated
 * exports: the triangle heatmap and the curves are drawn, the table and tiles show the API's numbers,
 * switching month/week or a channel changes the URL and the figures, a row drills down, no console errors.
 */
import type { Page } from 'playwright-core';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { describe, expect, it } from 'vitest';
import { openPage, paintedPixels, readDefinition } from '../helpers/browser.ts';

type Row = Record<string, string | number | boolean | null>;

const app = useAppUnderTest();

async function api(path: string): Promise<{ rows: Row[]; meta: Record<string, unknown> }> {
	const response = await app.fetch(`${app.server.url}/api/v1/cohorts/${path}`);
	expect(response.status).toBe(200);
	return (await response.json()) as { rows: Row[]; meta: Record<string, unknown> };
}

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** Waits until the cohort table shows `count` rows, then reads its cohort, customers and payback columns. */
async function cohortTable(page: Page, count: number) {
	await page.waitForFunction((n) => document.querySelector('[data-testid="cohort-summary-count"]')?.textContent === (n === 1 ? '1 row' : `${n} rows`), count, { timeout: 20_000 });
	return page.$$eval('[data-testid="cohort-summary"] tbody tr', (trs) =>
		trs.map((tr) => ({
			cohort: tr.querySelector('td[data-key="cohort"]')!.textContent!.trim(),
			customers: tr.querySelector('td[data-key="cohort_customers"]')!.textContent!.trim(),
			payback: tr.querySelector('td[data-key="payback_period"]')!.textContent!.trim()
		}))
	);
}

async function kpiCustomers(page: Page, expected: number) {
	await page.waitForFunction((n) => document.querySelector('[data-testid="cohort-kpi-cohort_customers-value"]')?.getAttribute('data-raw') === String(n), expected, { timeout: 20_000 });
}

describe('cohorts page', () => {
	it('draws the heatmap and the curves and shows the API numbers, with definitions on the ⓘ', async () => {
		const [summary, total] = await Promise.all([api('customers/summary'), api('customers/summary?by=all')]);
		expect(summary.rows.length).toBeGreaterThan(2);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/cohorts`);
		for (const id of ['cohort-heatmap-chart', 'cohort-curves-chart', 'cohort-payback-chart', 'partner-cohort-revenue-chart']) {
			await page.waitForSelector(`[data-testid="${id}"][data-chart-finished="true"]`, { timeout: 20_000 });
			expect(await paintedPixels(page, `[data-testid="${id}"]`), id).toBeGreaterThan(2000);
		}
		const table = await cohortTable(page, summary.rows.length);
		table.forEach((row, i) => {
			const expected = summary.rows[i]!;
			expect(row.cohort).toBe(String(expected.first_cohort).slice(0, 7));
			expect(digits(row.customers)).toBe(expected.customers);
			expect(row.payback).toBe(expected.payback_period === null ? '–' : String(expected.payback_period));
		});
		await kpiCustomers(page, total.rows[0]!.customers as number);
		const info = await readDefinition(page, 'cohort-heatmap-info');
		expect(info).toMatch(/^Retention = customers of the cohort with at least one sale not reversed in period k/);
		expect(info).toMatch(/fct_customer_cohorts@[0-9a-f]{8}/);
		expect(info).toContain(`Data through ${summary.meta.dataThrough}`);
		expect(await readDefinition(page, 'partner-cohorts-info')).toMatch(/Activation within 30 days = /);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('switches to weekly cohorts and filters by channel through the URL, changing the figures', async () => {
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/cohorts`);
		const monthly = await api('customers/summary');
		await cohortTable(page, monthly.rows.length);

		const weekly = await api('customers/summary?grain=week');
		await page.selectOption('[data-testid="cohort-period"]', 'week');
		await page.waitForURL(/[?&]grain=week/);
		const weekTable = await cohortTable(page, weekly.rows.length);
		expect(weekly.rows.length).not.toBe(monthly.rows.length);
		expect(weekTable.map((r) => r.cohort)).toEqual(weekly.rows.map((r) => r.first_cohort));
		expect(weekTable.map((r) => digits(r.customers))).toEqual(weekly.rows.map((r) => r.customers));
		await page.waitForSelector('[data-testid="cohort-heatmap-chart"][data-chart-finished="true"]');

		const [coupon, couponTotal, allTotal] = await Promise.all([api('customers/summary?grain=week&channel=coupon'), api('customers/summary?grain=week&by=all&channel=coupon'), api('customers/summary?grain=week&by=all')]);
		await page.waitForSelector('[data-testid="filter-channel"] option[value="coupon"]', { state: 'attached' });
		await page.selectOption('[data-testid="filter-channel"]', 'coupon');
		await page.waitForURL(/[?&]channel=coupon/);
		expect(page.url()).toMatch(/grain=week/);
		await kpiCustomers(page, couponTotal.rows[0]!.customers as number);
		expect(couponTotal.rows[0]!.customers).toBeLessThan(allTotal.rows[0]!.customers as number);
		const couponTable = await cohortTable(page, coupon.rows.length);
		expect(couponTable.map((r) => digits(r.customers))).toEqual(coupon.rows.map((r) => r.customers));
		expect(errors).toEqual([]);
		await page.close();
	});

	it('drills down: a cohort row sets the range to that cohort, a channel row sets the channel filter', async () => {
		const summary = await api('customers/summary');
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/cohorts`);
		await cohortTable(page, summary.rows.length);
		const target = summary.rows[1]!;
		await page.click('[data-testid="cohort-summary"] tbody tr:nth-child(2)');
		await page.waitForURL((url) => url.searchParams.get('from') === target.first_cohort && url.searchParams.get('to') === target.last_cohort_end);
		const one = await cohortTable(page, 1);
		expect(digits(one[0]!.customers)).toBe(target.customers);

		// a heatmap cell drills down too: the top-left cell is the oldest cohort's first period
		await page.goto(`${app.server.url}/cohorts`);
		await page.waitForSelector('[data-testid="cohort-heatmap-chart"][data-chart-finished="true"]');
		const box = (await (await page.$('[data-testid="cohort-heatmap-chart"]'))!.boundingBox())!;
		await page.mouse.click(box.x + 100, box.y + 20);
		const oldest = summary.rows[0]!;
		await page.waitForURL((url) => url.searchParams.get('from') === oldest.first_cohort && url.searchParams.get('to') === oldest.last_cohort_end);
		expect([...new URL(page.url()).searchParams.keys()].sort()).toEqual(['from', 'to']);
		await cohortTable(page, 1);

		await page.waitForFunction(() => (document.querySelector('[data-testid="cohort-channel-table-count"]')?.textContent ?? '').endsWith('rows'));
		const channel = await page.textContent('[data-testid="cohort-channel-table"] tbody tr:first-child td[data-key="group_label"]');
		await page.click('[data-testid="cohort-channel-table"] tbody tr:first-child');
		await page.waitForURL((url) => url.searchParams.get('channel') === channel!.trim());
		expect(errors).toEqual([]);
		await page.close();
	});

	it('lays out on a tablet without horizontal scrolling', async () => {
		const { page, errors } = await openPage(app.browser, { width: 800, height: 1100 });
		await page.goto(`${app.server.url}/cohorts?metric=ltv`);
		await page.waitForSelector('[data-testid="cohort-heatmap-chart"][data-chart-finished="true"]');
		expect(await page.textContent('[data-testid="cohort-heatmap"] h2')).toBe('LTV by cohort');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});
