/**
 * The channels page in Debian Chromium against the real built server: the revenue chart and the mix are drawn,
 * the table shows the API's rows, clicking a channel's bar sets the channel filter in the URL and the figures
 * change, a row opens the channel's page whose tiles equal the API; no console errors.
 */
import { describe, expect, it } from 'vitest';
import { openPage, paintedPixels } from '../helpers/browser.ts';
import { useAppUnderTest } from '../helpers/app-under-test.ts';

type Row = Record<string, number | string | null>;

const app = useAppUnderTest();
const RANGE = 'from=2026-04-01&to=2026-06-30';


async function api<T>(path: string): Promise<T> {
	const response = await app.fetch(`${app.server.url}${path}`);
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

describe('/channels', () => {
	it('draws the charts; clicking a channel bar sets the channel filter and the figures change', async () => {
		const board = await api<{ rows: Row[] }>(`/api/v1/channels?${RANGE}`);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/channels?${RANGE}`);
		await page.waitForSelector('[data-testid="channel-revenue-chart"][data-chart-finished="true"]');
		expect(await paintedPixels(page, '[data-testid="channel-revenue-chart"]')).toBeGreaterThan(2000);
		await page.waitForSelector('[data-testid="channel-mix-chart"][data-chart-finished="true"]');
		expect(await paintedPixels(page, '[data-testid="channel-mix-chart"]')).toBeGreaterThan(2000);

		// The table holds the API's channels and their revenue.
		expect(await page.textContent('[data-testid="channels-table-count"]')).toBe(`${board.rows.length} rows`);
		const channels = await page.$$eval('[data-testid="channels-table"] tbody td[data-key="channel"]', (cells) => cells.map((c) => c.textContent?.trim()));
		expect(channels).toEqual(board.rows.map((r) => r.channel));
		expect(await page.$$eval('[data-testid="channels-table"] [data-testid="sparkline"] path', (ps) => ps.filter((p) => (p.getAttribute('d') ?? '').startsWith('M')).length)).toBe(board.rows.length);

		// The top bar (channels by revenue, largest first; 'program' has no revenue and no bar) is the first channel.
		const first = String(board.rows.find((r) => r.channel !== 'program')!.channel);
		const bars = board.rows.filter((r) => r.channel !== 'program').length;
		const box = (await page.$('[data-testid="channel-revenue-chart"]'))!;
		const rect = (await box.boundingBox())!;
		const top = 36; // barOption's grid top with a legend (two series)
		const band = (rect.height - top - 30) / bars;
		await page.mouse.click(rect.x + 150 + 4, rect.y + top + band * 0.3);
		await page.waitForURL((url) => url.searchParams.get('channel') === first);
		expect(new URL(page.url()).searchParams.get('from')).toBe('2026-04-01');
		await page.waitForFunction(() => document.querySelector('[data-testid="channels-table-count"]')?.textContent === '1 row');
		const filtered = await api<{ rows: Row[] }>(`/api/v1/channels?${RANGE}&channel=${first}`);
		expect(filtered.rows.map((r) => r.channel)).toEqual([first]);
		expect(await page.$$eval('[data-testid="channels-table"] tbody td[data-key="channel"]', (cells) => cells.map((c) => c.textContent?.trim()))).toEqual([first]);
		expect(await page.inputValue('[data-testid="filter-channel"]')).toBe(first);
		await page.waitForSelector('[data-testid="channel-revenue-chart"][data-chart-finished="true"]');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('opens a channel from its row; the channel page tiles equal the API and its charts are drawn', async () => {
		const board = await api<{ rows: Row[] }>(`/api/v1/channels?${RANGE}`);
		const channel = String(board.rows[0]!.channel);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/channels?${RANGE}`);
		await page.waitForSelector('[data-testid="channels-table"] tbody tr');
		await page.click('[data-testid="channels-table"] tbody tr');
		await page.waitForURL(new RegExp(`/channels/${channel}\\?`));
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		const detail = await api<{ current: Row }>(`/api/v1/channels/${channel}?${RANGE}`);
		for (const key of ['revenue', 'cost', 'roas', 'clicks', 'conversions']) {
			expect(Number(await page.getAttribute(`[data-testid="kpi-${key}-value"]`, 'data-raw')), key).toBeCloseTo(detail.current[key] as number, 6);
		}
		for (const chartId of ['trend-chart', 'funnel-chart', 'lag-chart']) {
			await page.waitForSelector(`[data-testid="${chartId}"][data-chart-finished="true"]`);
			expect(await paintedPixels(page, `[data-testid="${chartId}"]`), chartId).toBeGreaterThan(1500);
		}
		expect(errors).toEqual([]);
		await page.close();
	});

	it('lays the page out on a tablet without horizontal page scrolling', async () => {
		const { page, errors } = await openPage(app.browser, { width: 800, height: 1100 });
		await page.goto(`${app.server.url}/channels?${RANGE}`);
		await page.waitForSelector('[data-testid="channels-table"] tbody tr');
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});
