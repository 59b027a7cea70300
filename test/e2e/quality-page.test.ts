/**
 * The Quality and fraud page in Debian Chromium against the real built server over the fixture warehouse:
 * the signals table lists the planted fraud partners with the API's figures, the chart is drawn, clicking a
 * signal opens the rows behind it, a filter changes the URL and the figures, tooltips carry the definition,
 * model version and freshness, and no console errors.
 */
import type { Page } from 'playwright-core';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixture.ts';
import { openPage, paintedPixels, readDefinition } from '../helpers/browser.ts';

type Signal = { id: string; partner_id: string; partner_name: string; signal: string; count: number; detail: string };
type Answer = { signals: Signal[]; partners: { partner_id: string; partner_name: string; channel: string }[] };

const app = useAppUnderTest();

const range = () => `from=${fixture().startDate}&to=${fixture().endDate}`;
async function api<T>(path: string): Promise<T> {
	const response = await app.fetch(`${app.server.url}${path}`);
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
}
const tableRows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] tbody tr`);

describe('quality page', () => {
	it('lists the planted fraud partners with the API figures, draws the chart and explains each figure', async () => {
		const answer = await api<Answer>(`/api/v1/quality/signals?${range()}`);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/quality?${range()}`);
		await page.waitForSelector('[data-testid="signals-table"] tbody tr');
		expect(await tableRows(page, 'signals-table').count()).toBe(answer.signals.length);
		const text = (await page.textContent('[data-testid="signals-table"]'))!;
		for (const id of ['P0017', 'P0019']) {
			const planted = answer.signals.find((s) => s.partner_id === id)!;
			expect(planted, id).toBeDefined();
			expect(text).toContain(planted.partner_name);
			expect(text).toContain(planted.detail);
		}
		for (const kind of ['click_spike', 'fast_conversions', 'invalid_clicks', 'reversal_outlier', 'clickless_coupons']) {
			expect(Number(await page.textContent(`[data-testid="kind-${kind}-count"]`)), kind).toBe(answer.signals.filter((s) => s.signal === kind).length);
		}
		expect(await tableRows(page, 'partners-table').count()).toBe(Math.min(answer.partners.length, 50));
		await page.waitForSelector('[data-testid="daily-chart"][data-chart-finished="true"]');
		expect(await paintedPixels(page, '[data-testid="daily-chart"]')).toBeGreaterThan(2000);
		const info = (await readDefinition(page, 'signals-info'))!;
		expect(info).toMatch(/Conversions under 15 s: Share of the partner's sales/);
		expect(info).toMatch(/Models: fct_quality_daily@[0-9a-f]{8}/);
		expect(info).toContain(`Data through ${fixture().endDate}`);
		// Each kind's rule opens from its (i) by keyboard, not from a hover-only title.
		expect(await readDefinition(page, 'kind-fast_conversions-info')).toMatch(/less than 15 seconds.*Models: .*Data through/s);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('opens the rows behind a signal when it is clicked, and the chart follows its partner', async () => {
		const answer = await api<Answer>(`/api/v1/quality/signals?${range()}`);
		const fast = answer.signals.find((s) => s.signal === 'fast_conversions' && s.partner_id === 'P0017')!;
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/quality?${range()}`);
		await page.waitForSelector('[data-testid="signals-table"] tbody tr');
		await page.locator('[data-testid="signals-table"] tbody tr', { hasText: fast.detail }).click();
		await page.waitForURL((url) => url.searchParams.get('evidence') === fast.id);
		await page.waitForSelector('[data-testid="evidence-table"] tbody tr');
		expect(await tableRows(page, 'evidence-table').count()).toBe(Math.min(fast.count, 200));
		expect(await page.textContent('[data-testid="evidence-summary"]')).toContain(`${fast.count} rows`);
		expect(await page.textContent('[data-testid="evidence-detail"]')).toBe(fast.detail);
		const seconds = await page.locator('[data-testid="evidence-table"] td[data-key="seconds_to_convert"]').allTextContents();
		expect(seconds.every((s) => Number(s) < 15)).toBe(true);
		await page.waitForFunction((name) => document.querySelector('[data-testid="daily"] h2')?.textContent?.includes(name), fast.partner_name);
		await page.waitForSelector('[data-testid="daily-chart"][data-chart-finished="true"]');
		await page.click('[data-testid="evidence-close"]');
		await page.waitForURL((url) => !url.searchParams.has('evidence'));
		expect(await page.locator('[data-testid="evidence"]').count()).toBe(0);
		expect(errors).toEqual([]);
		await page.close();
	});

	it("shows a day's clicks by hour, sub_id and ip_hash from a link, adding up to the day's valid clicks", async () => {
		const day = '2026-03-19';
		const rows = await api<{ meta: { count: number; total_rows: number } }>(`/api/v1/quality/rows?signal=click_spike&partner=P0012&from=${day}&to=${day}`);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/quality?${range()}&evidence=click_spike:P0012:${day}`);
		await page.waitForSelector('[data-testid="evidence-table"] tbody tr');
		expect(await tableRows(page, 'evidence-table').count()).toBe(Math.min(rows.meta.total_rows, 200));
		expect(await page.textContent('[data-testid="evidence-summary"]')).toContain(`adding up to ${rows.meta.count} valid clicks`);
		expect(await page.textContent('[data-testid="daily"] h2')).toContain(answerName(await api<Answer>(`/api/v1/quality/signals?${range()}`), 'P0012'));
		expect(errors).toEqual([]);
		await page.close();
	});

	it('filters by channel through the URL and the figures follow', async () => {
		const cashback = await api<Answer>(`/api/v1/quality/signals?${range()}&channel=cashback`);
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/quality?${range()}`);
		await page.waitForSelector('[data-testid="signals-table"] tbody tr');
		await page.waitForSelector('[data-testid="filter-channel"] option[value="cashback"]', { state: 'attached' });
		await page.selectOption('[data-testid="filter-channel"]', 'cashback');
		await page.waitForURL((url) => url.searchParams.get('channel') === 'cashback');
		await page.waitForFunction((n) => document.querySelectorAll('[data-testid="partners-table"] tbody tr').length === n, cashback.partners.length);
		expect(await tableRows(page, 'signals-table').count()).toBe(cashback.signals.length);
		const text = (await page.textContent('[data-testid="signals-table"]'))!;
		expect(text).toContain(answerName(cashback, 'P0019'));
		expect(text).not.toContain('Conversions under 15 s');
		const channels = await page.locator('[data-testid="partners-table"] td[data-key="channel"]').allTextContents();
		expect(new Set(channels.map((c) => c.trim()))).toEqual(new Set(['cashback']));
		expect(errors).toEqual([]);
		await page.close();
	});

	it('fits a tablet without horizontal scrolling', async () => {
		const { page, errors } = await openPage(app.browser, { width: 800, height: 1100 });
		await page.goto(`${app.server.url}/quality?${range()}&evidence=fast_conversions:P0017`);
		await page.waitForSelector('[data-testid="evidence-table"] tbody tr');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});

function answerName(answer: Answer, id: string): string {
	return answer.partners.find((p) => p.partner_id === id)!.partner_name;
}
