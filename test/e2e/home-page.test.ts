/**
 * The home page in Debian Chromium against the real built server over a warehouse built from generated
 * exports: KPI tiles show the API's numbers, the weekly chart is drawn, no console errors; and with no
 * exports, the page says so in plain words.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { launchBrowser, openPage, paintedPixels } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	const config = await testConfig();
	(await builtWarehouse(config)).close();
	server = await startServer(config);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('home page (weekly review)', () => {
	it('shows the KPI tiles with the API numbers, a drawn chart and no console errors', async () => {
		const overview = (await (await fetch(`${server.url}/api/v1/reports/overview?weeks=26`)).json()) as {
			lastWeek: { from: string; to: string; metrics: Record<string, number> };
		};
		const { page, errors } = await openPage(browser);
		await page.goto(server.url);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		for (const key of ['revenue', 'cost', 'roas', 'clicks', 'conversions']) {
			const raw = await page.getAttribute(`[data-testid="kpi-${key}-value"]`, 'data-raw');
			expect(Number(raw), key).toBeCloseTo(overview.lastWeek.metrics[key]!, 6);
			const text = (await page.textContent(`[data-testid="kpi-${key}-value"]`))!;
			expect(text, key).toMatch(/\d/);
		}
		expect(await page.textContent('[data-testid="period"]')).toContain(`${overview.lastWeek.from} to ${overview.lastWeek.to}`);
		await page.waitForSelector('[data-testid="weekly-chart"][data-chart-finished="true"]');
		expect(await paintedPixels(page, '[data-testid="weekly-chart"]')).toBeGreaterThan(2000);
		expect(await page.getAttribute('[data-testid="kpi-revenue"]', 'title')).toMatch(/Revenue = sum of sale_amount/);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('lays the tiles out on a tablet without horizontal scrolling', async () => {
		const { page, errors } = await openPage(browser, { width: 800, height: 1100 });
		await page.goto(server.url);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe('home page without exports', () => {
	it('starts anyway and explains the problem in plain words', async () => {
		const config = await testConfig();
		const emptyDir = path.join(path.dirname(config.warehousePath), 'no-exports');
		await mkdir(emptyDir);
		const empty = await startServer({ ...config, dataDir: emptyDir });
		try {
			const { page } = await openPage(browser);
			await page.goto(empty.url);
			await page.waitForSelector('[data-testid="empty"]');
			expect(await page.textContent('[data-testid="empty"]')).toContain('no build has been published yet');
			await page.waitForSelector('[data-testid="health-banner"]');
			expect(await page.textContent('[data-testid="health-banner"]')).toContain('No data to show');
			await page.close();
		} finally {
			await empty.stop();
		}
	});
});
