/**
 * What every browser test file needs: the real built server over a freshly built fixture warehouse, and one
 * Debian Chromium, started before the file's tests and stopped after them. Fields are set in beforeAll.
 * Sign-in is on: `browser` opens pages signed in as an admin, `fetch` calls the server with the admin's token,
 * and `rawBrowser` and `store` let a test sign in as someone else.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { builtWarehouse, testConfig } from './fixture.ts';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './start-server.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { signedInBrowser, signIn } from './sign-in.ts';
import { addTestUser, type TestUser } from './test-users.ts';

export interface AppUnderTest {
	server: RunningServer;
	/** Chromium whose new pages are signed in as the admin. */
	browser: Browser;
	/** Chromium without a session. */
	rawBrowser: Browser;
	/** The users file the server reads. */
	store: AuthStore;
	admin: TestUser;
	/** fetch with the admin's bearer token. */
	fetch: (url: string, init?: RequestInit) => Promise<Response>;
	/** The test's own folder (warehouse file, downloads, PDFs). */
	dir: string;
}

export function useAppUnderTest(): AppUnderTest {
	const app = {} as AppUnderTest;
	beforeAll(async () => {
		const config = await testConfig();
		app.dir = path.dirname(config.warehousePath);
		(await builtWarehouse(config)).close();
		app.store = AuthStore.forWarehouse(config.warehousePath);
		app.admin = await addTestUser(app.store, 'test-admin', 'admin');
		app.fetch = (url, init = {}) => {
			const headers = new Headers(init.headers);
			if (!headers.has('authorization')) headers.set('authorization', `Bearer ${app.admin.token}`);
			return fetch(url, { ...init, headers });
		};
		app.server = await startServer(config);
		app.rawBrowser = await launchBrowser();
		app.browser = signedInBrowser(app.rawBrowser, app.server.url, await signIn(app.server.url, app.admin.name, app.admin.password));
	});
	afterAll(async () => {
		await app.rawBrowser?.close();
		await app.server?.stop();
	});
	return app;
}
