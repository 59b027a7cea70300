/**
 * The Monday workflow in Debian Chromium against the real built server: pick any week and see its numbers
 * equal the API's for that week, drill into a partner with the week kept, read every bridge label, find a
 * flagged partner's signal on its page and its mark on the leaderboard, tables that show they scroll at 1440
 * and 820 px, definitions opened by keyboard, and a printed ROI report that fits A4 and Letter in two full pages (pdftoppm, pdftotext, pdfinfo).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { openPage } from '../helpers/browser.ts';

const app = useAppUnderTest();
const run = promisify(execFile);

type Review = {
	lastWeek: { from: string; to: string; metrics: Record<string, number> };
	movers: { up: { partner_id: string; partner_name: string }[]; down: { partner_id: string }[] };
	actions: { partner_name: string; manager: string; revenue_at_stake: number }[];
	managers: string[];
};
const api = async <T>(p: string) => (await (await app.fetch(`${app.server.url}${p}`)).json()) as T;
const raw = (page: Page, key: string) => page.getAttribute(`[data-testid="kpi-${key}-value"]`, 'data-raw').then(Number);
const SHOTS = process.env.PARTNERSCOPE_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
	if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

describe('weekly review: any week', () => {
	it('previous week, a picked date and the latest week each show that week\'s API numbers', async () => {
		const { page, errors } = await openPage(app.browser, { width: 1440, height: 1000 });
		await page.goto(app.server.url);
		await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		await page.click('[data-testid="week-previous"]');
		await page.waitForURL(/week=2026-06-15/);
		const previous = await api<Review>('/api/v1/reports/weekly-review?week=2026-06-15');
		await page.waitForFunction((v) => Number(document.querySelector('[data-testid="kpi-revenue-value"]')?.getAttribute('data-raw')) === v, previous.lastWeek.metrics.revenue);
		for (const key of ['revenue', 'cost', 'clicks', 'conversions', 'conversion_rate']) expect(await raw(page, key), key).toBeCloseTo(previous.lastWeek.metrics[key]!, 6);
		expect(await page.textContent('[data-testid="period"]')).toContain('Week 2026-06-15 to 2026-06-21');

		// Any day of a week opens that week (a Wednesday snaps to its Monday).
		await page.fill('[data-testid="week-input"]', '2026-05-06');
		await page.waitForURL(/week=2026-05-04/);
		const may = await api<Review>('/api/v1/reports/weekly-review?week=2026-05-04');
		await page.waitForFunction((v) => Number(document.querySelector('[data-testid="kpi-revenue-value"]')?.getAttribute('data-raw')) === v, may.lastWeek.metrics.revenue);
		expect(await raw(page, 'conversions')).toBe(may.lastWeek.metrics.conversions);
		expect(may.lastWeek.metrics.revenue).not.toBe(previous.lastWeek.metrics.revenue);
		await shot(page, 'weekly-review-2026-05-04');

		// A mover opens its partner on the reviewed week, compared with the week before.
		if (may.movers.up.length) {
			await page.click('[data-testid="movers-up-table"] tbody tr >> nth=0');
			await page.waitForURL(/\/partners\/[^?]+\?.*from=2026-05-04.*to=2026-05-10.*compare=previous/);
			await page.waitForSelector('[data-testid="period"]');
			expect(await page.textContent('[data-testid="period"]')).toContain('2026-05-04 to 2026-05-10');
			await page.goBack();
			await page.waitForSelector('[data-testid="kpi-revenue-value"]');
		}
		await page.click('[data-testid="week-latest"]');
		await page.waitForURL((url) => !url.searchParams.has('week'));
		const latest = await api<Review>('/api/v1/reports/weekly-review');
		await page.waitForFunction((v) => Number(document.querySelector('[data-testid="kpi-revenue-value"]')?.getAttribute('data-raw')) === v, latest.lastWeek.metrics.revenue);
		expect(await page.isDisabled('[data-testid="week-next"]')).toBe(true);
		expect(errors).toEqual([]);
		await page.close();
	}, 150_000);

	it('lists whom to call by revenue at stake with the manager, and filters to one manager', async () => {
		const all = await api<Review>('/api/v1/reports/weekly-review');
		const { page, errors } = await openPage(app.browser, { width: 1440, height: 1000 });
		await page.goto(app.server.url);
		await page.waitForSelector('[data-testid="actions-table"] tbody tr');
		const names = await page.$$eval('[data-testid="actions-table"] tbody td[data-key="partner_name"]', (cs) => cs.map((c) => c.textContent?.trim()));
		expect(names).toEqual(all.actions.map((a) => a.partner_name));
		expect(await page.textContent('[data-testid="actions-table"] tbody tr >> nth=0')).toContain(all.actions[0]!.manager);
		expect(await page.textContent('[data-testid="action-rules"]')).toMatch(/30\+ validated sales/);
		const manager = all.managers[0]!;
		await page.selectOption('[data-testid="manager-filter"]', manager);
		await page.waitForURL(/manager=/);
		const mine = await api<Review>(`/api/v1/reports/weekly-review?manager=${encodeURIComponent(manager)}`);
		await page.waitForFunction(
			(n) => document.querySelectorAll('[data-testid="actions-table"] tbody tr').length === n || (n === 0 && !!document.querySelector('[data-testid="actions-empty"]')),
			mine.actions.length
		);
		const managersShown = await page.$$eval('[data-testid="actions-table"] tbody td[data-key="manager"]', (cs) => cs.map((c) => c.textContent?.trim()));
		expect(new Set(managersShown).size <= 1).toBe(true);
		if (managersShown.length) expect(managersShown[0]).toBe(manager);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('shows every category label of the revenue bridge, under each of its six bars', async () => {
		const { page, errors } = await openPage(app.browser, { width: 1440, height: 1000 });
		await page.goto(app.server.url);
		await page.waitForSelector('[data-testid="bridge-chart"][data-chart-finished="true"]');
		// The band under the bars holds the labels: each of the six category slots must have painted text.
		const slots = await page.$eval('[data-testid="bridge-chart"] canvas', (canvas) => {
			const c = canvas as HTMLCanvasElement;
			const ctx = c.getContext('2d')!;
			const dpr = c.width / c.clientWidth;
			const left = Math.round(64 * dpr);
			const right = c.width - Math.round(16 * dpr);
			const top = c.height - Math.round(42 * dpr);
			const { data, width, height } = ctx.getImageData(left, top, right - left, c.height - top);
			const counts = [0, 0, 0, 0, 0, 0];
			for (let y = 0; y < height; y++)
				for (let x = 0; x < width; x++) {
					const i = (y * width + x) * 4;
					if (data[i + 3]! > 0 && data[i]! < 200) counts[Math.min(5, Math.floor((x / width) * 6))]! += 1;
				}
			return counts;
		});
		for (const [i, n] of slots.entries()) expect(n, `label slot ${i}`).toBeGreaterThan(30);
		await page.click('[data-testid="bridge-info"]');
		expect(await page.textContent('[data-testid="bridge-info-text"]')).toMatch(/LMDI/);
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe('signals where the partner is', () => {
	it('a flagged partner\'s page shows its signal with a link to the rows, and the leaderboard marks it', async () => {
		const range = 'from=2026-06-01&to=2026-06-28';
		const q = await api<{ signals: { partner_id: string; partner_name: string; signal: string; evidence: { page: string } }[] }>(`/api/v1/quality/signals?${range}`);
		const flagged = q.signals.find((s) => s.signal === 'fast_conversions') ?? q.signals[0];
		expect(flagged, 'the fixture plants fraud partners').toBeDefined();
		const { page, errors } = await openPage(app.browser, { width: 1440, height: 1000 });
		await page.goto(`${app.server.url}/partners/${encodeURIComponent(flagged!.partner_id)}?${range}`);
		await page.waitForSelector(`[data-testid="signals-list"] [data-signal="${flagged!.signal}"]`);
		const href = await page.getAttribute(`[data-testid="signals-list"] [data-signal="${flagged!.signal}"] [data-testid="signal-rows"]`, 'href');
		expect(q.signals.filter((s) => s.partner_id === flagged!.partner_id).map((s) => s.evidence.page)).toContain(href);
		await shot(page, 'partner-flagged');
		await page.goto(`${app.server.url}/partners?${range}`);
		await page.waitForSelector('[data-testid="partners-table"] tbody tr[data-flag="signal"]');
		const marked = await page.$$eval('[data-testid="partners-table"] tbody tr[data-flag="signal"] td[data-key="partner_name"]', (cs) => cs.map((c) => c.textContent?.trim()));
		expect(marked).toContain(flagged!.partner_name);
		// Changes and totals: a change column sorts, the totals row is there.
		await page.waitForSelector('[data-testid="partners-table-totals"]');
		await page.click('[data-testid="partners-table-sort-revenue_change"]');
		const changes = await page.$$eval('[data-testid="partners-table"] tbody tr', (rows) => rows.map((r) => r.querySelector('td[data-key="revenue_change"]')?.textContent?.trim() ?? ''));
		expect(changes[0]).toMatch(/^\+|n\/a/);
		expect(await page.textContent('[data-testid="partners-table"] thead')).toMatch(/Δ Conversion rate/);
		await shot(page, 'partners-leaderboard');
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe('tables at 1440 and 820 px', () => {
	it.each([1440, 820])('no table clips a column without a scroll affordance at %i px', async (width) => {
		const { page, errors } = await openPage(app.browser, { width, height: 1000 });
		for (const route of ['/', '/roi?from=2026-04-01&to=2026-06-28', '/partners?from=2026-06-01&to=2026-06-28', '/channels?from=2026-06-01&to=2026-06-28']) {
			await page.goto(`${app.server.url}${route}`);
			await page.waitForSelector('table tbody tr');
			await page.waitForTimeout(200);
			const tables = await page.$$eval('[data-overflowing]', (els) =>
				els.map((el) => {
					const box = el as HTMLElement;
					const first = box.querySelector('tbody td:first-child');
					const id = box.dataset.testid ?? '';
					return {
						id,
						clipped: box.scrollWidth > box.clientWidth + 1,
						marked: box.dataset.overflowing === 'true',
						hint: !!document.querySelector(`[data-testid="${id.replace(/-scroll$/, '')}-scroll-hint"]`),
						sticky: first ? getComputedStyle(first).position === 'sticky' : true
					};
				})
			);
			expect(tables.length, route).toBeGreaterThan(0);
			for (const t of tables) {
				expect(t.sticky, `${route} ${t.id} keeps its first column`).toBe(true);
				if (t.clipped) expect([t.marked, t.hint], `${route} ${t.id} shows that it scrolls`).toEqual([true, true]);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${route} page width`).toBeLessThanOrEqual(0);
			await shot(page, `${route.replace(/[/?=&]+/g, '_') || 'home'}-${width}`);
		}
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe('printed ROI report', () => {
	// With the change columns the ROI tables are wider than a screen column; on paper they must still fit (a table
	// wider than the paper makes Chromium shrink the whole page, charts included, and clip its right edge).
	it.each(['A4', 'Letter'] as const)('no table runs past its panel and no cell spills out of its box on %s paper', async (format) => {
		const { page, errors } = await openPage(app.browser, { width: 1440, height: 1000 });
		await page.goto(`${app.server.url}/roi?from=2026-04-01&to=2026-06-28&compare=previous`);
		await page.waitForSelector('[data-testid="concentration-chart"][data-chart-finished="true"]');
		await page.setViewportSize({ width: format === 'A4' ? 703 : 725, height: 1000 });
		await page.emulateMedia({ media: 'print' });
		await page.waitForTimeout(300);
		const tables = await page.$$eval('.panel table', (ts) =>
			ts.map((t) => ({
				id: t.dataset.testid,
				columns: t.querySelectorAll('thead th').length,
				past: Math.round(t.getBoundingClientRect().right - t.closest('.panel')!.getBoundingClientRect().right),
				spilling: [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent?.trim())
			}))
		);
		expect(tables.map((t) => t.id).sort()).toEqual(['roi-channels', 'roi-partners']);
		for (const t of tables) {
			// Every metric and its change column is printed (nothing dropped to make it fit).
			expect(t.columns, t.id).toBeGreaterThanOrEqual(12);
			expect(t.past, `${t.id} right edge past its panel`).toBeLessThanOrEqual(0);
			expect(t.spilling, `${t.id} cells spilling`).toEqual([]);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.close();
	});
	const printCase = (format: 'A4' | 'Letter') => async () => {
		const { page, errors } = await openPage(app.browser, { width: 1440, height: 1000 });
		await page.goto(`${app.server.url}/roi?from=2026-04-01&to=2026-06-28&compare=previous`);
		await page.waitForSelector('[data-testid="concentration-chart"][data-chart-finished="true"]');
		// The paper's printable width at 96 dpi (12 mm margins), so the layout checked is the printed one.
		await page.setViewportSize({ width: format === 'A4' ? 703 : 725, height: 1000 });
		await page.emulateMedia({ media: 'print' });
		await page.waitForTimeout(300); // the charts redraw at the print layout's size
		const pdf = await page.pdf({ format, printBackground: true, displayHeaderFooter: false });
		const file = path.join(app.dir, `roi-${format}.pdf`);
		await writeFile(file, pdf);
		const prefix = path.join(app.dir, `roi-${format}-page`);
		await run('pdftoppm', ['-gray', '-r', '40', file, prefix]);
		const pages = (await readdir(app.dir)).filter((f) => f.startsWith(`roi-${format}-page`) && f.endsWith('.pgm')).sort();
		const info = (await run('pdfinfo', [file])).stdout;
		expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pages.length);
		// KPIs and charts, then the tables and the concentration: two pages on either paper, none left near-empty.
		expect(pages.length, 'pages').toBe(2);
		// The text layer carries every section and the totals row to its last column (the change of net
		// contribution, in %), with the ROI change in points as the API's numbers give it: nothing was cut at the
		// paper's edge.
		const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
		for (const words of ['By channel', 'Top partners', 'Conversions', 'Top-partner concentration', 'Generated by Partnerscope']) expect(text, words).toContain(words);
		const roi = await api<{ total: { current: { roi: number }; comparison: { roi: number } } }>('/api/v1/reports/roi?from=2026-04-01&to=2026-06-28&compare=previous');
		const totals = text.split('\n').find((line) => /^\s*Total\s+€/.test(line)) ?? '';
		expect(totals).toContain(`${Math.abs((roi.total.current.roi - roi.total.comparison.roi) * 100).toFixed(1)} pts`);
		expect(totals).toMatch(/[+−±][\d,.]+%\s*$/);
		for (const [index, name] of pages.entries()) {
			const body = await readFile(path.join(app.dir, name));
			// PGM: "P5\n<w> <h>\n255\n" then one byte a pixel. Ink = pixels darker than light grey, ignoring the top and bottom 8%.
			const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(body.subarray(0, 40).toString('latin1'))!;
			const [w, h] = [Number(header[1]), Number(header[2])];
			const pixels = body.subarray(header[0].length);
			let ink = 0;
			for (let y = Math.floor(h * 0.08); y < Math.floor(h * 0.92); y++) for (let x = 0; x < w; x++) if (pixels[y * w + x]! < 200) ink++;
			expect(ink / (w * h), `${name} has content`).toBeGreaterThan(0.01);
			// The last page is not a footer under a sliver of content: its ink reaches down a third of the page.
			if (index === pages.length - 1) {
				let lowest = 0;
				for (let y = 0; y < Math.floor(h * 0.92); y++) for (let x = 0; x < w; x++) if (pixels[y * w + x]! < 200) lowest = y;
				expect(lowest / h, `${name} filled down to`).toBeGreaterThan(0.33);
			}
		}
		if (SHOTS) await run('pdftoppm', ['-png', '-r', '60', file, path.join(SHOTS, `roi-${format}-page`)]);
		expect(errors).toEqual([]);
		await page.close();
	};
	it('has no page without content on A4 (checked with pdftoppm)', printCase('A4'));
	it('has no page without content on Letter (checked with pdftoppm)', printCase('Letter'));
});
