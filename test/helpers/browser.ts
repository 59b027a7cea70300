/** Debian's Chromium driven by playwright-core (never a downloaded browser), with console errors collected. */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
}

/** A new page whose console errors and uncaught exceptions are recorded in `errors`. */
export async function openPage(browser: Browser, viewport = { width: 1366, height: 900 }): Promise<{ page: Page; errors: string[] }> {
	const page = await browser.newPage({ viewport });
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return { page, errors };
}

/** Counts the canvas pixels that are not blank: proof that a chart has really been drawn. */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
	return page.$eval(selector, (el) => {
		const canvas = el.querySelector('canvas');
		if (!canvas) return 0;
		const ctx = canvas.getContext('2d');
		if (!ctx) return 0;
		const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		let painted = 0;
		for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
		return painted;
	});
}

/** Opens a definition popover by keyboard (focus its (i) button, press Enter) and returns its text. */
export async function readDefinition(page: Page, testId: string): Promise<string> {
	await page.focus(`[data-testid="${testId}"]`);
	await page.keyboard.press('Enter');
	const text = (await page.textContent(`[data-testid="${testId}-text"]`)) ?? '';
	await page.keyboard.press('Escape');
	return text;
}
