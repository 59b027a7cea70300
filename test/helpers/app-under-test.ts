/**
 * What every browser test file needs: the real built server over a freshly built fixture warehouse, and one
 * Debian Chromium, started before the file's tests and stopped after them. Fields are set in beforeAll.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { builtWarehouse, testConfig } from './fixture.ts';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './start-server.ts';

export interface AppUnderTest {
	server: RunningServer;
	browser: Browser;
	/** The test's own folder (warehouse file, downloads, PDFs). */
	dir: string;
}

export function useAppUnderTest(): AppUnderTest {
	const app = {} as AppUnderTest;
	beforeAll(async () => {
		const config = await testConfig();
		app.dir = path.dirname(config.warehousePath);
		(await builtWarehouse(config)).close();
		app.server = await startServer(config);
		app.browser = await launchBrowser();
	});
	afterAll(async () => {
		await app.browser?.close();
		await app.server?.stop();
	});
	return app;
}
