/** Signing in against a real server: the session cookies from POST /api/v1/auth/login, for fetch and for Chromium. */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface SessionCookies {
	readonly session: string;
	readonly csrf: string;
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<SessionCookies> {
	const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
	if (response.status !== 200) throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
	const cookies = response.headers.getSetCookie();
	const value = (name: string) => cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1) ?? '';
	return { session: value('ps_session'), csrf: value('ps_csrf') };
}

/** A Browser whose new pages start signed in (the session's cookies in a fresh context); everything else as is. */
export function signedInBrowser(browser: Browser, baseUrl: string, cookies: SessionCookies): Browser {
	const { hostname } = new URL(baseUrl);
	const storageState = {
		cookies: [
			{ name: 'ps_session', value: cookies.session, domain: hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' as const },
			{ name: 'ps_csrf', value: cookies.csrf, domain: hostname, path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' as const }
		],
		origins: []
	};
	const newPage = async (options: BrowserContextOptions = {}): Promise<Page> => {
		const context = await browser.newContext({ ...options, storageState });
		const page = await context.newPage();
		// The context goes with its page; when the whole browser is closing already, there is nothing left to close.
		page.once('close', () => context.close().catch(() => undefined));
		return page;
	};
	return new Proxy(browser, {
		get(target, prop) {
			if (prop === 'newPage') return newPage;
			const value = Reflect.get(target, prop) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		}
	});
}

/** Signs in through the real sign-in page, as a person would. */
export async function signInThroughPage(page: Page, baseUrl: string, username: string, password: string, next = '/'): Promise<void> {
	await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('User name').fill(username);
	await page.getByLabel('Password').fill(password);
	await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
}
