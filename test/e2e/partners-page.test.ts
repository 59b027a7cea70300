/**
 * The partners leaderboard and a partner's page in Debian Chromium against the real built server: the table
 * shows the API's rows, search narrows it, sorting reorders it, sparklines are drawn, a row opens the partner
 * page (keeping the filters) whose tiles and charts show the API's numbers; no console errors.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, paintedPixels, readDefinition } from '../helpers/browser.ts';
import { useAppUnderTest } from '../helpers/app-under-test.ts';

type Row = Record<string, number | string | null>;

const app = useAppUnderTest();
const RANGE = 'from=2026-04-01&to=2026-06-30';


async function api<T>(path: string): Promise<T> {
	const response = await app.fetch(`${app.server.url}${path}`);
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

const cellTexts = (page: Page, key: string) => page.$$eval(`[data-testid="partners-table"] tbody td[data-key="${key}"]`, (cells) => cells.map((c) => c.textContent?.trim() ?? ''));
const rowCount = async (page: Page) => page.$$eval('[data-testid="partners-table"] tbody tr', (rows) => rows.length);

describe('/partners', () => {
	it('shows the API rows with sparklines; search narrows, sorting reorders, a row opens the partner page', async () => {
		const board = await api<{ rows: (Row & { weekly_revenue: number[] })[]; sparkline: { weeks: string[] } }>(`/api/v1/partners?${RANGE}`);
		expect(board.rows.length).toBeGreaterThan(5);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/partners?${RANGE}`);
		await page.waitForSelector('[data-testid="partners-table"] tbody tr');

		// The table holds the API's rows, biggest revenue first.
		expect(await rowCount(page)).toBe(board.rows.length);
		expect(await page.textContent('[data-testid="partners-table-count"]')).toBe(`${board.rows.length} rows`);
		const names = await cellTexts(page, 'partner_name');
		expect(names[0]).toBe(board.rows[0]!.partner_name);
		expect(new Set(names)).toEqual(new Set(board.rows.map((r) => r.partner_name)));

		// A sparkline per row, really drawn.
		const paths = await page.$$eval('[data-testid="sparkline"] path', (ps) => ps.map((p) => p.getAttribute('d') ?? ''));
		expect(paths).toHaveLength(board.rows.length);
		expect(paths[0]).toMatch(new RegExp(`^M0\\.0,[\\d.]+( L[\\d.]+,[\\d.]+){${board.sparkline.weeks.length - 1}}$`));
		const box = await page.$eval('[data-testid="sparkline"] path', (p) => (p as SVGPathElement).getBBox().width);
		expect(box).toBeGreaterThan(60);

		// Sorting by clicks puts the partner with the most clicks on top; again, the fewest.
		const clicks = board.rows.map((r) => r.clicks as number);
		await page.click('[data-testid="partners-table-sort-clicks"]');
		const top = board.rows.find((r) => r.clicks === Math.max(...clicks))!;
		expect((await cellTexts(page, 'partner_name'))[0]).toBe(top.partner_name);
		await page.click('[data-testid="partners-table-sort-clicks"]');
		const bottom = board.rows.find((r) => r.clicks === Math.min(...clicks))!;
		expect((await cellTexts(page, 'clicks'))[0]).toBe(String(bottom.clicks));

		// Search narrows to the matching partners.
		const needle = String(board.rows[1]!.partner_name);
		await page.fill('[data-testid="partners-table-search"]', needle);
		await page.waitForFunction((n) => document.querySelectorAll('[data-testid="partners-table"] tbody tr').length === n, board.rows.filter((r) => String(r.partner_name).toLowerCase().includes(needle.toLowerCase()) || String(r.partner_id).toLowerCase().includes(needle.toLowerCase())).length);
		for (const name of await cellTexts(page, 'partner_name')) expect(name.toLowerCase()).toContain(needle.toLowerCase());
		expect(await rowCount(page)).toBeLessThan(board.rows.length);

		// A row opens the partner page with the filters kept; its tiles equal the API.
		await page.click('[data-testid="partners-table"] tbody tr');
		await page.waitForURL(/\/partners\/[^/?]+\?/);
		const url = new URL(page.url());
		expect(url.searchParams.get('from')).toBe('2026-04-01');
		expect(url.searchParams.get('to')).toBe('2026-06-30');
		const id = decodeURIComponent(url.pathname.split('/').pop()!);
		expect(board.rows.find((r) => r.partner_id === id)!.partner_name).toBe(needle);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		const detail = await api<{ current: Row }>(`/api/v1/partners/${encodeURIComponent(id)}?${RANGE}`);
		for (const key of ['revenue', 'cost', 'roas', 'clicks', 'conversions']) {
			const raw = await page.getAttribute(`[data-testid="kpi-${key}-value"]`, 'data-raw');
			if (detail.current[key] === null) expect(raw, key).toBe('');
			else expect(Number(raw), key).toBeCloseTo(detail.current[key] as number, 6);
		}
		expect(await page.textContent('[data-testid="partner-name"]')).toBe(needle);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('lays the leaderboard out on a tablet without horizontal page scrolling', async () => {
		const { page, errors } = await openPage(app.browser, { width: 800, height: 1100 });
		await page.goto(`${app.server.url}/partners?${RANGE}`);
		await page.waitForSelector('[data-testid="partners-table"] tbody tr');
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe('/partners/[id]', () => {
	it('draws every chart and shows the API numbers', async () => {
		const board = await api<{ rows: Row[] }>(`/api/v1/partners?${RANGE}`);
		const id = String(board.rows[0]!.partner_id);
		type Detail = {
			partner: Row;
			current: Row;
			comparison: Row;
			conversionLag: { buckets: { conversions: number }[]; withoutClick: number };
			cohorts: { cohort_month: string; customers: number }[];
		};
		const detail = await api<Detail>(`/api/v1/partners/${id}?${RANGE}`);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/partners/${id}?${RANGE}`);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		expect(await page.textContent('[data-testid="partner-name"]')).toBe(detail.partner.partner_name);
		for (const key of ['revenue', 'cost', 'roas', 'clicks', 'conversions', 'conversion_rate', 'aov']) {
			expect(Number(await page.getAttribute(`[data-testid="kpi-${key}-value"]`, 'data-raw')), key).toBeCloseTo(detail.current[key] as number, 6);
		}
		expect(await readDefinition(page, 'kpi-revenue-info')).toMatch(/Revenue = sum of sale_amount.*Models: .*fct_daily@.*Data through 2026-06-30/);
		for (const chartId of ['trend-chart', 'funnel-chart', 'lag-chart', 'customers-chart', 'costs-chart']) {
			await page.waitForSelector(`[data-testid="${chartId}"][data-chart-finished="true"]`);
			expect(await paintedPixels(page, `[data-testid="${chartId}"]`), chartId).toBeGreaterThan(1500);
		}
		const withClick = detail.conversionLag.buckets.reduce((s, b) => s + b.conversions, 0);
		expect(await page.textContent('[data-testid="lag-note"]')).toContain(`${withClick} sales with a click`);
		const cohortMonths = await page.$$eval('[data-testid="cohorts-table"] tbody td[data-key="cohort_month"]', (cells) => cells.map((c) => c.textContent?.trim()));
		expect(cohortMonths).toEqual(detail.cohorts.map((c) => c.cohort_month.slice(0, 7)));
		const customers = await page.$$eval('[data-testid="cohorts-table"] tbody td[data-key="customers"]', (cells) => cells.map((c) => Number(c.textContent?.trim().replace(/,/g, ''))));
		expect(customers).toEqual(detail.cohorts.map((c) => c.customers));
		for (const panel of ['trend', 'funnel', 'lag', 'customers', 'costs', 'cohorts']) {
			expect(await readDefinition(page, `${panel}-info`), panel).toMatch(/Data through 2026-06-30/);
		}

		// A filter changes the URL and the figures.
		await page.selectOption('[data-testid="filter-device"]', 'phone');
		await page.waitForURL(/device=phone/);
		const phone = await api<Detail>(`/api/v1/partners/${id}?${RANGE}&device=phone`);
		await page.waitForFunction((v) => document.querySelector('[data-testid="kpi-clicks-value"]')?.getAttribute('data-raw') === String(v), phone.current.clicks);
		expect(phone.current.clicks).toBeLessThan(detail.current.clicks as number);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('says so in plain words for an unknown partner', async () => {
		const { page } = await openPage(app.browser);
		await page.goto(`${app.server.url}/partners/NO-SUCH-PARTNER`);
		await page.waitForSelector('[data-testid="partner-error"]');
		expect(await page.textContent('[data-testid="partner-error"]')).toContain('partner "NO-SUCH-PARTNER" is not in the partners export');
		await page.close();
	});
});
