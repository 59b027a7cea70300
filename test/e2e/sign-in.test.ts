/**
 * Sign-in in Debian Chromium against the real built server: signed out, pages lead to the sign-in page; a
 * scoped manager signs in through it, lands on "My partners", sees only their book on every partner list,
 * no edit controls, no ROI report and no Arrow export, and a foreign partner is not found; a cross-site page's
 * no-cors fetch cannot build, and a foreign Host header is refused (DNS rebinding).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { fixture } from '../helpers/fixture.ts';
import { readExportTable } from '../helpers/read-exports.ts';
import { addTestUser, TEST_PASSWORD } from '../helpers/test-users.ts';

const app = useAppUnderTest();
const RANGE = 'from=2026-04-01&to=2026-06-30';

async function api<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
	const response = await app.fetch(`${app.server.url}${path}`, { headers });
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
}

/** The manager with the most partners, and their partners, from the partners export. */
async function biggestBook(): Promise<{ manager: string; ids: string[]; names: string[] }> {
	const partners = await readExportTable<{ partner_id: string; partner_name: string; manager: string }>(fixture().dataDir, 'partners');
	const byManager = new Map<string, { partner_id: string; partner_name: string }[]>();
	for (const partner of partners) byManager.set(partner.manager, [...(byManager.get(partner.manager) ?? []), partner]);
	const [manager, book] = [...byManager].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
	return { manager, ids: book.map((p) => p.partner_id).sort(), names: book.map((p) => p.partner_name).sort() };
}

function rawGet(url: string, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers: { host } }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
		req.end();
	});
}

describe('sign-in in the browser', { timeout: 180_000 }, () => {
	it('signed out, a page leads to the sign-in page; a wrong password is refused in plain words', async () => {
		const { page } = await openPage(app.rawBrowser);
		await page.goto(`${app.server.url}/partners?${RANGE}`);
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(new URL(page.url()).searchParams.get('next')).toBe(`/partners?${RANGE}`);
		await page.getByLabel('User name').fill(app.admin.name);
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		expect(await page.getByTestId('sign-in-problem').textContent()).toBe('wrong user name or password');
		await page.close();
	});

	it('a scoped manager sees only their book, no edit controls, no ROI report and no Arrow export', async () => {
		const book = await biggestBook();
		expect(book.ids.length).toBeGreaterThan(1);
		const manager = await addTestUser(app.store, 'scoped-manager', 'viewer', { channels: [], partners: [], managers: [book.manager] });
		const { page, errors } = await openPage(app.rawBrowser);
		await page.goto(`${app.server.url}/login`);
		await page.getByLabel('User name').fill(manager.name);
		await page.getByLabel('Password').fill(TEST_PASSWORD);
		await Promise.all([page.waitForURL(/\/my-partners$/), page.getByRole('button', { name: 'Sign in' }).click()]);

		// My partners: only the book (those with activity in the last 28 days).
		await page.waitForSelector('[data-testid="my-partners"][data-status="ready"], [data-testid="my-partners"][data-status="empty"]');
		const mine = await page.$$eval('[data-testid="my-partners-table"] tbody td[data-key="partner_name"]', (cells) => cells.map((c) => c.textContent?.trim() ?? ''));
		expect(mine.every((n) => book.names.includes(n))).toBe(true);
		expect(await page.getByTestId('signed-in-as').textContent()).toContain(book.manager);

		// The partners page: every row is in the book, and every partner of the book with activity is there.
		await page.goto(`${app.server.url}/partners?${RANGE}`);
		await page.waitForSelector('[data-testid="partners-table"] tbody tr');
		const names = await page.$$eval('[data-testid="partners-table"] tbody td[data-key="partner_name"]', (cells) => cells.map((c) => c.textContent?.trim() ?? ''));
		const everyone = await api<{ rows: { partner_id: string; partner_name: string }[] }>(`/api/v1/partners?${RANGE}`);
		expect(names.sort()).toEqual(everyone.rows.filter((r) => book.ids.includes(r.partner_id)).map((r) => r.partner_name).sort());
		expect(everyone.rows.length).toBeGreaterThan(names.length);

		// Nothing that changes anything, nothing above the role.
		const nav = await page.$$eval('header nav a', (links) => links.map((a) => a.getAttribute('href')));
		expect(nav).not.toContain('/roi');
		expect(nav).not.toContain('/models');
		expect(await page.getByTestId('export-arrow').count()).toBe(0);
		expect(await page.getByTestId('export-csv').count()).toBe(1);
		expect(await page.getByRole('button', { name: /build|publish|roll ?back|save|edit|delete/i }).count()).toBe(0);

		// The server refuses what the UI hides: the ROI page and a partner outside the book.
		const roi = await page.goto(`${app.server.url}/roi`);
		expect(roi?.status()).toBe(403);
		const foreign = everyone.rows.find((r) => !book.ids.includes(r.partner_id))!;
		const response = await page.request.get(`${app.server.url}/api/v1/partners/${foreign.partner_id}?${RANGE}`);
		expect(response.status()).toBe(404);
		expect(errors.filter((e) => !/403|404|Forbidden|Not Found/i.test(e))).toEqual([]);
		await page.close();
	});

	it('a cross-site page cannot build with a no-cors fetch, and a same-origin no-cors fetch is refused too', async () => {
		const log = async () => (await api<{ publishes: unknown[] }>('/api/v1/models/log')).publishes.length;
		const before = await log();
		const { page } = await openPage(app.browser); // signed in as the admin on 127.0.0.1
		const target = `${app.server.url}/api/v1/models/build`;
		// The attacker's page: another site (localhost is not 127.0.0.1 for the browser), served by its own server
		// without our Content-Security-Policy, as a real attacker's page would be.
		const attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>attacker</title>'));
		await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
		try {
			await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
			const crossSite = await page.evaluate(async (url) => {
				const r = await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"message":"forged"}' });
				return r.type;
			}, target);
			expect(crossSite).toBe('opaque'); // the request left the browser; the server must be what refuses it
		} finally {
			attacker.close();
		}
		await page.goto(`${app.server.url}/partners`);
		const sameOrigin = await page.evaluate(async (url) => (await fetch(url, { method: 'POST', mode: 'no-cors', body: '{"message":"forged"}' })).status, target);
		expect([403, 415]).toContain(sameOrigin); // SvelteKit's own form-CSRF check or ours
		const noToken = await page.evaluate(async (url) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, target);
		expect(noToken).toBe(403);
		expect(await log()).toBe(before);
		await page.close();
	});

	it('a foreign Host header is refused for pages and the API (DNS rebinding)', async () => {
		expect(await rawGet(`${app.server.url}/partners`, 'attacker.example')).toBe(421);
		expect(await rawGet(`${app.server.url}/api/v1/health`, 'attacker.example')).toBe(421);
		expect(await rawGet(`${app.server.url}/api/v1/health`, new URL(app.server.url).host)).toBe(200);
	});
});
