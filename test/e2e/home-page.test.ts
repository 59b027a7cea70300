/**
 * The weekly review (home page) in Debian Chromium against the real built server over a warehouse built
 * from generated exports: tiles show the API's numbers, the charts are drawn, a filter changes the URL and
 * the figures, no console errors; and with no exports the page says so in plain words.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/fixture.ts';
import { openPage, paintedPixels, readDefinition } from '../helpers/browser.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { signInThroughPage } from '../helpers/sign-in.ts';
import { addTestUser } from '../helpers/test-users.ts';
import { startServer } from '../helpers/start-server.ts';

const app = useAppUnderTest();

type Review = {
	lastWeek: { from: string; to: string; metrics: Record<string, number> };
	actions: { partner_name: string }[];
	alerts: { partner_name: string; evidence: { page: string } }[];
	movers: { up: { partner_name: string }[] };
};
const review = async (query = '') => (await (await app.fetch(`${app.server.url}/api/v1/reports/weekly-review${query}`)).json()) as Review;

describe('home page (weekly review)', () => {
	it('shows the KPI tiles with the API numbers, the drawn charts, the movers and no console errors', async () => {
		const api = await review();
		const { page, errors } = await openPage(app.browser);
		await page.goto(app.server.url);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		for (const key of ['revenue', 'cost', 'roas', 'clicks', 'conversions', 'conversion_rate', 'aov']) {
			const raw = await page.getAttribute(`[data-testid="kpi-${key}-value"]`, 'data-raw');
			expect(Number(raw), key).toBeCloseTo(api.lastWeek.metrics[key]!, 6);
			expect(await page.textContent(`[data-testid="kpi-${key}-value"]`), key).toMatch(/\d/);
		}
		expect(await page.textContent('[data-testid="period"]')).toContain(`${api.lastWeek.from} to ${api.lastWeek.to}`);
		for (const chart of ['weekly-chart', 'bridge-chart']) {
			await page.waitForSelector(`[data-testid="${chart}"][data-chart-finished="true"]`);
			expect(await paintedPixels(page, `[data-testid="${chart}"]`), chart).toBeGreaterThan(2000);
		}
		expect(await page.textContent('[data-testid="bridge-summary"]')).toMatch(/Revenue (rose|fell) by/);
		if (api.movers.up.length) expect(await page.textContent('[data-testid="movers-up-table"]')).toContain(api.movers.up[0]!.partner_name);
		if (api.actions.length) expect(await page.textContent('[data-testid="actions-table"]')).toContain(api.actions[0]!.partner_name);
		await page.waitForSelector('[data-testid="alerts"][data-status="ready"], [data-testid="alerts"][data-status="empty"]');
		if (api.alerts.length) {
			expect(await page.textContent('[data-testid="alerts-table"]')).toContain(api.alerts[0]!.partner_name);
			// An alert opens the rows behind it on the Quality page.
			await page.click('[data-testid="alerts-table"] tbody tr >> nth=0');
			await page.waitForURL(/\/quality/);
			await page.goBack();
			await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		}
		expect(await readDefinition(page, 'kpi-revenue-info')).toMatch(/Revenue = sum of sale_amount.*fct_daily@.*Data through 2026-06-30/);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('a channel filter goes into the URL and changes the figures', async () => {
		const all = await review();
		const coupon = await review('?channel=coupon');
		const { page, errors } = await openPage(app.browser);
		await page.goto(app.server.url);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		await page.waitForFunction(() => document.querySelectorAll('[data-testid="filter-channel"] option').length > 1);
		await page.selectOption('[data-testid="filter-channel"]', 'coupon');
		await page.waitForURL(/channel=coupon/);
		await page.waitForFunction((expected) => Number(document.querySelector('[data-testid="kpi-revenue-value"]')?.getAttribute('data-raw')) === expected, coupon.lastWeek.metrics.revenue);
		expect(coupon.lastWeek.metrics.revenue).not.toBe(all.lastWeek.metrics.revenue);
		// The link reproduces the view.
		const again = await app.browser.newPage();
		await again.goto(page.url());
		await again.waitForSelector('[data-testid="kpi-revenue-value"]');
		expect(Number(await again.getAttribute('[data-testid="kpi-revenue-value"]', 'data-raw'))).toBeCloseTo(coupon.lastWeek.metrics.revenue, 6);
		await again.close();
		expect(errors).toEqual([]);
		await page.close();
	});

	it('lays out on a tablet without horizontal scrolling', async () => {
		const { page, errors } = await openPage(app.browser, { width: 800, height: 1100 });
		await page.goto(app.server.url);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		await page.waitForSelector('[data-testid="weekly-chart"][data-chart-finished="true"]');
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe('home page without exports', () => {
	it('starts anyway and explains the problem in plain words', async () => {
		const config = await testConfig();
		const emptyDir = path.join(path.dirname(config.warehousePath), 'no-exports');
		await mkdir(emptyDir);
		// Its own users file: sign in there as a person would.
		const user = await addTestUser(AuthStore.forWarehouse(config.warehousePath), 'first-user', 'admin');
		const empty = await startServer({ ...config, dataDir: emptyDir });
		try {
			const { page } = await openPage(app.rawBrowser);
			await signInThroughPage(page, empty.url, user.name, user.password);
			await page.waitForSelector('[data-testid="weekly-empty"]');
			expect(await page.textContent('[data-testid="weekly-empty"]')).toContain('no build has been published yet');
			await page.waitForSelector('[data-testid="health-banner"]');
			expect(await page.textContent('[data-testid="health-banner"]')).toContain('No data to show');
			await page.close();
		} finally {
			await empty.stop();
		}
	});
});
