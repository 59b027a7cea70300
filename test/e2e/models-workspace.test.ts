/**
 * The analyst workspace in Debian Chromium against the real built server, over a warehouse built from a
 * private copy of sql/ (the repository's models are never written): the model list and lineage graph; then
 * edit stg_sales, see the parse error at its line, fix it, preview, plan with the data diff and the metrics
 * that change, save and publish, see the ROI report's revenue change, roll back and see it return; and a
 * second analyst's stale save gets the conflict with a diff.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/lib/server/config.ts';
import { launchBrowser, openPage, paintedPixels } from '../helpers/browser.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { EXCLUDE_PENDING, withPrivateSql } from '../helpers/private-sql.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { signedInBrowser, signIn } from '../helpers/sign-in.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';

let config: Config;
let server: RunningServer;
let browser: Browser;
let shots: string;
let analyst: TestUser;
const authed = (url: string) => fetch(url, { headers: bearer(analyst) });

beforeAll(async () => {
	config = await withPrivateSql(await testConfig());
	// SCREENSHOT_DIR keeps the screenshots after the run (the test's own folder is removed with the fixture).
	shots = process.env.SCREENSHOT_DIR ?? path.dirname(config.warehousePath);
	await mkdir(shots, { recursive: true });
	(await builtWarehouse(config)).close();
	analyst = await addTestUser(AuthStore.forWarehouse(config.warehousePath), 'ana', 'analyst');
	server = await startServer(config);
	browser = signedInBrowser(await launchBrowser(), server.url, await signIn(server.url, analyst.name, analyst.password));
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const QUERY = '?from=2026-04-01&to=2026-06-28';
const apiRevenue = async () => ((await (await authed(`${server.url}/api/v1/reports/roi${QUERY}`)).json()) as { total: { current: { revenue: number } } }).total.current.revenue;
const tileRevenue = async (page: Page) => {
	await page.goto(`${server.url}/roi${QUERY}`);
	await page.waitForSelector('[data-testid="roi-revenue-value"][data-raw]');
	return Number(await page.getAttribute('[data-testid="roi-revenue-value"]', 'data-raw'));
};

/** Replaces the editor's whole text the way a person pastes over a selection. */
async function replaceText(page: Page, text: string) {
	await page.click('[data-testid="sql-editor"] .cm-content');
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText(text);
}

async function openModel(page: Page, name: string) {
	await page.goto(`${server.url}/models/${name}`);
	await page.waitForSelector('[data-testid="sql-editor"] .cm-content');
	await page.waitForSelector('[data-testid="analysis"][data-state="ok"]');
}

describe('models workspace', () => {
	it('lists every model with its header, rows and tests, and draws the lineage to metrics and pages', async () => {
		const { page, errors } = await openPage(browser, { width: 1400, height: 1000 });
		await page.goto(`${server.url}/models`);
		await page.waitForSelector('[data-testid="model-list"] tr[data-model="stg_sales"]');
		const row = await page.textContent('tr[data-model="fct_daily"]');
		expect(row).toMatch(/partnerships-analytics/);
		expect(row).toMatch(/date, partner_id, channel, device_type, country/);
		expect(row).toMatch(/#1 · \d{4}-\d\d-\d\d \d\d:\d\d\s*test/);
		expect(row).toMatch(/not_null\(date, channel, device_type\)/);
		const models = (await (await authed(`${server.url}/api/v1/models`)).json()) as { models: { name: string; published: { rows: number } }[] };
		const rows = models.models.find((m) => m.name === 'stg_partners')!.published.rows;
		expect(await page.textContent('[data-testid="rows-stg_partners"]')).toBe(rows.toLocaleString('en-GB'));
		await page.waitForSelector('[data-testid="lineage-chart"][data-chart-finished="true"]');
		expect(await paintedPixels(page, '[data-testid="lineage-chart"]')).toBeGreaterThan(5000);
		await page.screenshot({ path: path.join(shots, 'models-list.png'), fullPage: true });
		expect(errors).toEqual([]);
		await page.close();
	});

	it('edits a model end to end: parse error at its line, fix, preview, plan with data diff, save and publish, the dashboard changes, rollback brings it back', async () => {
		const before = await apiRevenue();
		const { page, errors } = await openPage(browser, { width: 1400, height: 1000 });
		expect(await tileRevenue(page)).toBeCloseTo(before, 6);

		await openModel(page, 'stg_sales');
		const original = await readFile(path.join(config.sqlDir, 'models/staging/stg_sales.sql'), 'utf8');
		// A missing closing parenthesis: DuckDB's parser stops at the "as" after it.
		const broken = original.replace(EXCLUDE_PENDING.from, "s.status not in ('reversed', 'pending' as is_counted");
		const line = broken.split('\n').findIndex((l) => l.includes("'pending' as is_counted")) + 1;
		await replaceText(page, broken);
		await page.waitForSelector('[data-testid="analysis"][data-state="errors"]');
		const diagnostic = page.locator('[data-testid="diagnostic"]');
		expect(await diagnostic.getAttribute('data-line')).toBe(String(line));
		expect(await diagnostic.textContent()).toMatch(new RegExp(`Line ${line}, column \\d+: syntax error at or near "as"`));
		await page.waitForSelector('.cm-lintRange-error');
		await page.screenshot({ path: path.join(shots, 'editor-parse-error.png'), fullPage: true });

		const fixed = original.replace(EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);
		await replaceText(page, fixed);
		await page.waitForSelector('[data-testid="analysis"][data-state="ok"]');
		expect(await page.textContent('[data-testid="editor-state"]')).toBe('unsaved changes');

		await page.click('[data-testid="preview-button"]');
		await page.waitForSelector('[data-testid="preview-table"] tbody tr');
		expect(await page.locator('[data-testid="preview-table"] tbody tr').count()).toBe(50);
		const types = await page.locator('[data-testid="preview-type"]').allTextContents();
		expect(types).toEqual(expect.arrayContaining(['VARCHAR', 'BOOLEAN', 'TIMESTAMP WITH TIME ZONE']));

		await page.click('[data-testid="plan-button"]');
		await page.waitForSelector('[data-testid="plan-report"][data-status="planned"]', { timeout: 120_000 });
		await page.waitForSelector('[data-testid="plan-models"] li[data-model="stg_sales"][data-change="changed"]');
		await page.waitForSelector('[data-testid="plan-models"] li[data-model="fct_daily"][data-change="rebuilt"]');
		const revenueDiff = page.locator('[data-testid="data-diff"][data-model="fct_daily"] tr[data-column="revenue"]');
		const diffBefore = Number((await revenueDiff.locator('[data-testid="diff-before"]').textContent())!.replace(/,/g, ''));
		const diffAfter = Number((await revenueDiff.locator('[data-testid="diff-after"]').textContent())!.replace(/,/g, ''));
		expect(diffAfter).toBeLessThan(diffBefore);
		await page.waitForSelector('[data-testid="plan-metrics"] li[data-metric="revenue"]');
		await page.waitForSelector('[data-testid="plan-metrics"] li[data-metric="roas"]');
		expect(await page.locator('[data-testid="plan-metrics"] li[data-metric="clicks"]').count()).toBe(0);
		await page.locator('[data-testid="plan"]').screenshot({ path: path.join(shots, 'editor-plan.png') });

		await page.fill('[data-testid="publish-message"]', 'pending sales no longer count');
		await page.click('[data-testid="save-button"]');
		await page.waitForSelector('[data-testid="publish-result"] [data-testid="plan-status"]:has-text("Published as #2")', { timeout: 120_000 });
		expect(await readFile(path.join(config.sqlDir, 'models/staging/stg_sales.sql'), 'utf8')).toBe(fixed);
		await page.waitForSelector('[data-testid="publish-list"] li[data-publish="2"]:has-text("pending sales no longer count")');
		await page.waitForSelector('[data-testid="version-diff"]');
		expect(Number(await page.getAttribute('[data-testid="version-diff"]', 'data-changes'))).toBe(2);
		expect(await page.textContent('[data-testid="version-diff"] td.del')).toContain(EXCLUDE_PENDING.from);
		expect(await page.textContent('[data-testid="version-diff"] td.ins')).toContain(EXCLUDE_PENDING.to);
		await page.screenshot({ path: path.join(shots, 'editor-published.png'), fullPage: true });

		const after = await tileRevenue(page);
		expect(after).toBeCloseTo(await apiRevenue(), 6);
		expect(after).toBeLessThan(before);

		await openModel(page, 'stg_sales');
		await page.click('[data-testid="rollback-1"]');
		await page.waitForSelector('[data-testid="rollback-confirm"]');
		await page.click('[data-testid="rollback-yes"]');
		await page.waitForSelector('[data-testid="publish-list"] li[data-publish="3"]:has-text("rollback of #1")');
		expect(await tileRevenue(page)).toBeCloseTo(before, 6);
		expect(errors).toEqual([]);
		await page.close();
	}, 600_000);

	it("refuses a second analyst's stale save with the conflict and a diff, and shows a file edited on disk", async () => {
		const file = path.join(config.sqlDir, 'models/marts/fct_program_daily.sql');
		const original = await readFile(file, 'utf8');
		const one = await openPage(browser, { width: 1400, height: 1000 });
		const two = await openPage(browser, { width: 1400, height: 1000 });
		await openModel(one.page, 'fct_program_daily');
		await openModel(two.page, 'fct_program_daily');

		await replaceText(one.page, `${original}-- analyst one: checked against finance\n`);
		await one.page.waitForSelector('[data-testid="analysis"][data-state="ok"]');
		await one.page.click('[data-testid="save-button"]');
		await one.page.waitForSelector('[data-testid="publish-result"] [data-testid="plan-status"]');
		expect(await readFile(file, 'utf8')).toBe(`${original}-- analyst one: checked against finance\n`);

		await replaceText(two.page, `${original}-- analyst two: a different note\n`);
		await two.page.waitForSelector('[data-testid="analysis"][data-state="ok"]');
		await two.page.click('[data-testid="save-button"]');
		await two.page.waitForSelector('[data-testid="conflict"]');
		expect(await two.page.textContent('[data-testid="conflict"]')).toMatch(/models\/marts\/fct_program_daily\.sql changed since you opened it/);
		expect(await two.page.textContent('[data-testid="conflict-diff"] td.del')).toBe('-- analyst one: checked against finance');
		expect(await two.page.textContent('[data-testid="conflict-diff"] td.ins')).toBe('-- analyst two: a different note');
		await two.page.screenshot({ path: path.join(shots, 'editor-conflict.png'), fullPage: true });
		expect(await readFile(file, 'utf8')).toBe(`${original}-- analyst one: checked against finance\n`);

		await two.page.click('[data-testid="conflict-take-theirs"]');
		await two.page.waitForSelector('[data-testid="sql-editor"] .cm-content:has-text("analyst one: checked against finance")');

		// Someone edits the file in a text editor: the workspace shows it on the next open.
		await writeFile(file, `${original}-- edited on disk\n`);
		await openModel(one.page, 'fct_program_daily');
		await one.page.waitForSelector('[data-testid="sql-editor"] .cm-content:has-text("-- edited on disk")');
		expect(one.errors).toEqual([]);
		expect(two.errors.filter((e) => !/409/.test(e))).toEqual([]);
		await one.page.close();
		await two.page.close();
	}, 300_000);

	it('creates a new model from the list, publishes it, and deletes it again', async () => {
		const { page, errors } = await openPage(browser, { width: 1400, height: 1000 });
		await page.goto(`${server.url}/models`);
		await page.waitForSelector('[data-testid="model-list"] tr[data-model="stg_sales"]');
		await page.fill('[data-testid="new-model-name"]', 'fct_revenue_check');
		await page.click('[data-testid="new-model-form"] button[type="submit"]');
		await page.waitForURL(/\/models\/fct_revenue_check\?new=1&folder=marts/);
		await page.waitForSelector('[data-testid="sql-editor"] .cm-content');
		await replaceText(page, '-- kind: view\n-- owner: finance\n-- description: Revenue per day, for a reconciliation.\nselect date, revenue\nfrom fct_program_daily\n');
		await page.waitForSelector('[data-testid="analysis"][data-state="ok"]');
		await page.click('[data-testid="save-button"]');
		await page.waitForSelector('[data-testid="publish-result"] [data-testid="plan-status"]:has-text("Published as")', { timeout: 120_000 });
		const file = path.join(config.sqlDir, 'models/marts/fct_revenue_check.sql');
		expect(await readFile(file, 'utf8')).toContain('select date, revenue');

		await page.goto(`${server.url}/models`);
		await page.waitForSelector('tr[data-model="fct_revenue_check"]');
		expect(await page.textContent('[data-testid="rows-fct_revenue_check"]')).toBe('150');
		expect(await page.textContent('tr[data-model="fct_revenue_check"]')).toMatch(/finance.*Revenue per day/s);

		await page.goto(`${server.url}/models/fct_revenue_check`);
		await page.waitForSelector('[data-testid="analysis"][data-state="ok"]');
		page.once('dialog', (dialog) => void dialog.accept());
		await page.click('[data-testid="delete-button"]');
		await page.waitForSelector('[data-testid="publish-result"] [data-testid="plan-models"] li[data-model="fct_revenue_check"][data-change="removed"]', { timeout: 120_000 });
		await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
		const models = (await (await authed(`${server.url}/api/v1/models`)).json()) as { models: { name: string }[] };
		expect(models.models.map((m) => m.name)).not.toContain('fct_revenue_check');
		// Opening a new model first asks for its file (to open it instead, should it exist): that 404 is expected.
		expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
		await page.close();
	}, 300_000);
});
