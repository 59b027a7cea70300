/**
 * The digest and alert pages in Debian Chromium against the real built server (delivery runs inside it with
 * nothing else started): subscribing on /settings, the digest preview as a reader sees it (screenshot kept in
 * the test folder; the chart image really loads, no script runs), and the alert log with acknowledge.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { addTestUser } from '../helpers/test-users.ts';
import { openPage } from '../helpers/browser.ts';
import { signInThroughPage } from '../helpers/sign-in.ts';

const app = useAppUnderTest();

describe('settings and alerts pages', () => {
	it('subscribes a manager on /settings and previews their digest with the chart drawn', async () => {
		// Digests are for users of sign-in: the admin subscribes the manager anna, whose scope is her book.
		await addTestUser(app.store, 'anna', 'viewer', { channels: [], partners: [], managers: ['Anna Schmidt'] });
		const { page, errors } = await openPage(app.browser);
		await page.goto(`${app.server.url}/settings`);
		await page.waitForSelector('[data-testid="subscriptions"][data-status="empty"]');
		const form = page.locator('[data-testid="subscribe-form"]');
		await form.getByLabel('User').fill('anna');
		await form.getByLabel('Email').fill('anna@example.test');
		await form.getByLabel('Time zone').fill('Europe/Berlin');
		await form.getByLabel('Scope').fill('manager=Anna Schmidt');
		await form.getByRole('button', { name: 'Subscribe' }).click();
		await page.waitForSelector('[data-testid="subscription-row"]');
		expect(await page.textContent('[data-testid="subscription-row"]')).toContain('managers Anna Schmidt');
		expect(await page.textContent('[data-testid="delivery-status"]')).toContain('1 digest subscription');

		const preview = await app.browser.newPage({ viewport: { width: 720, height: 900 } });
		const scripts: string[] = [];
		preview.on('console', (m) => scripts.push(m.text()));
		await preview.goto(`${app.server.url}/api/v1/digest/preview?user=anna`);
		await preview.waitForSelector('[data-metric="revenue"]');
		const img = preview.locator('img[alt^="Revenue bridge"]');
		expect(await img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBe(1200);
		expect(await preview.textContent('body')).toContain('Week of');
		expect(await preview.locator('script').count()).toBe(0);
		await preview.screenshot({ path: path.join(app.dir, 'digest-preview.png'), fullPage: true });
		expect(scripts).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('a viewer subscribes only themselves, with their own scope, sees no send log, and a page beyond their role explains itself', async () => {
		const tom = await addTestUser(app.store, 'tom', 'viewer', { channels: [], partners: [], managers: ['Tom Berger'] });
		const page = await app.rawBrowser.newPage({ viewport: { width: 1440, height: 900 } });
		const failed: string[] = [];
		page.on('response', (r) => {
			if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
		});
		await signInThroughPage(page, app.server.url, tom.name, tom.password, '/settings');
		await page.waitForSelector('[data-testid="subscriptions"][data-status="empty"]');
		expect(await page.getByTestId('subscribe-self').inputValue()).toBe('tom');
		expect(await page.getByTestId('subscribe-scope').textContent()).toContain('manager Tom Berger');
		expect(await page.locator('[data-testid="send-log"]').count()).toBe(0);
		const form = page.locator('[data-testid="subscribe-form"]');
		await form.getByLabel('Email').fill('tom@example.test');
		await form.getByRole('button', { name: 'Subscribe' }).click();
		await page.waitForSelector('[data-testid="subscription-row"]');
		const row = await page.textContent('[data-testid="subscription-row"]');
		expect(row).toContain('tom');
		expect(row).toContain('managers Tom Berger');
		expect(await page.textContent('[data-testid="delivery-status"]')).toContain('You have 1 digest subscription.');
		// The admin's subscription for anna (previous test) is not tom's to see.
		expect(await page.locator('[data-testid="subscription-row"]').count()).toBe(1);
		expect(failed).toEqual([]);

		const roi = await page.goto(`${app.server.url}/roi`);
		expect(roi?.status()).toBe(403);
		expect(await page.getByTestId('error-message').textContent()).toBe('this page needs the executive role; tom is viewer');
		expect(await page.getByRole('link', { name: 'Back to the dashboard' }).getAttribute('href')).toBe('/');
		await page.close();
	});

	it('lists the alerts the server fired after its publish and acknowledges one', async () => {
		const { page, errors } = await openPage(app.browser);
		// The server evaluates the rules on its first tick after starting; wait for the log to fill.
		for (let i = 0; i < 100; i++) {
			const r = (await (await app.fetch(`${app.server.url}/api/v1/alerts`)).json()) as { total: number };
			if (r.total > 0) break;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const open = (await (await app.fetch(`${app.server.url}/api/v1/alerts?status=open&limit=500`)).json()) as { total: number; rows: { detail: string }[] };
		expect(open.total).toBeGreaterThan(0);
		await page.goto(`${app.server.url}/alerts`);
		await page.waitForSelector('[data-testid="alert-row"]');
		expect(await page.locator('[data-testid="alert-row"]').count()).toBe(Math.min(50, open.total));
		expect(await page.textContent('[data-testid="alert-log"]')).toContain(open.rows[0]!.detail);
		await page.locator('[data-testid="alert-row"]').first().getByRole('button', { name: 'Acknowledge' }).click();
		await page.waitForFunction((n) => document.querySelectorAll('[data-testid="alert-row"]').length === n || document.querySelector('[data-testid="alert-log"][data-status="empty"]') !== null, Math.min(50, open.total - 1));
		const acked = (await (await app.fetch(`${app.server.url}/api/v1/alerts?status=acknowledged`)).json()) as { rows: { acknowledged: { by: string } }[] };
		expect(acked.rows.map((a) => a.acknowledged.by)).toEqual(['test-admin']);
		expect(errors).toEqual([]);
	});
});
