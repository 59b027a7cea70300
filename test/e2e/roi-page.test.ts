/**
 * The ROI report in Debian Chromium against the real server: tiles equal the API, charts are drawn,
 * choosing a channel in the table filters the report through the URL, and printing gives a non-empty
 * multi-page PDF with the period, the filters and the data freshness on it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { describe, expect, it } from 'vitest';
import { openPage, paintedPixels } from '../helpers/browser.ts';

const app = useAppUnderTest();

const QUERY = '?from=2026-04-01&to=2026-06-28';
type Roi = { total: { current: Record<string, number> }; channels: { channel: string; current: Record<string, number> }[] };
const roi = async (query: string) => (await (await app.fetch(`${app.server.url}/api/v1/reports/roi${query}`)).json()) as Roi;

describe('ROI report page', () => {
	it('shows the API numbers, draws its charts and drills into a channel through the URL', async () => {
		const api = await roi(QUERY);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/roi${QUERY}`);
		await page.waitForSelector('[data-testid="roi-roas-value"]');
		for (const key of ['revenue', 'cost', 'roas', 'roi', 'cost_of_sale', 'net_contribution', 'top5_revenue_share']) {
			expect(Number(await page.getAttribute(`[data-testid="roi-${key}-value"]`, 'data-raw')), key).toBeCloseTo(api.total.current[key]!, 6);
		}
		for (const chart of ['roas-by-channel-chart', 'roi-trend-chart', 'concentration-chart']) {
			await page.waitForSelector(`[data-testid="${chart}"][data-chart-finished="true"]`);
			expect(await paintedPixels(page, `[data-testid="${chart}"]`), chart).toBeGreaterThan(1000);
		}
		expect(await page.textContent('[data-testid="report-header"]')).toMatch(/2026-04-01 to 2026-06-28.*Data through 2026-06-30/s);
		// Click the coupon row of the channel table: the URL gains the filter and the tiles follow.
		await page.click('[data-testid="roi-channels"] tr:has(td[data-key="channel"]:text-is("coupon"))');
		await page.waitForURL(/channel=coupon/);
		const coupon = await roi(`${QUERY}&channel=coupon`);
		await page.waitForFunction((v) => Number(document.querySelector('[data-testid="roi-revenue-value"]')?.getAttribute('data-raw')) === v, coupon.total.current.revenue);
		expect(coupon.total.current.revenue).toBeLessThan(api.total.current.revenue);
		expect(await page.textContent('[data-testid="report-header"]')).toContain('channel: coupon');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('prints to a clean multi-page PDF', async () => {
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/roi${QUERY}`);
		await page.waitForSelector('[data-testid="concentration-chart"][data-chart-finished="true"]');
		await page.emulateMedia({ media: 'print' });
		expect(await page.isVisible('[data-testid="filter-bar"]')).toBe(false);
		expect(await page.isVisible('[data-testid="report-header"]')).toBe(true);
		const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
		await writeFile(path.join(app.dir, 'roi.pdf'), pdf);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pdf.length).toBeGreaterThan(50_000);
		expect(errors).toEqual([]);
		await page.close();
	});
});
