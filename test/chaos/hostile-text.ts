/**
 * Hostile text in every free-text column of the exports (partner names, managers, plans, tiers, sub ids,
 * landing pages, creatives, invalid and reversal reasons, coupon codes), built for real, then looked for
 * everywhere it is rendered: every page in Chromium with the pointer swept over every chart (ECharts
 * tooltips), the digest and alert emails as a mail client would open them (Chromium, no CSP to help), the
 * webhook payloads (Slack mrkdwn), and the CSV exports (formula cells). An enumeration column with markup is
 * refused by the export contract. Counts what ran or got through. Used by run-chaos.ts.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Config } from '../../src/lib/server/config.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { DigestService } from '../../src/lib/server/digest/digest-service.ts';
import { DigestStore } from '../../src/lib/server/digest/digest-store.ts';
import { smtpMailer } from '../../src/lib/server/digest/mailer.ts';
import { parseSubscription } from '../../src/lib/server/digest/subscription.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { rewriteExportTable } from '../helpers/rewrite-exports.ts';
import { startSmtpSink, startWebhookSink } from '../helpers/mail-sinks.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signIn, signedInBrowser } from '../helpers/sign-in.ts';
import { startServer } from '../helpers/start-server.ts';

const MARK = 'window.__xss=(window.__xss||0)+1';
/** Each payload either runs MARK, injects an element carrying data-xss, a javascript: link, or a spreadsheet formula. */
export const PAYLOADS = [
	`<img src=x data-xss=1 onerror="${MARK}">`,
	`"><svg data-xss=1 onload="${MARK}">`,
	`<script data-xss=1>${MARK}</script>`,
	`'><iframe data-xss=1 srcdoc="<script>parent.${MARK}</script>">`,
	`javascript:${MARK}`,
	`{{constructor.constructor('${MARK}')()}}`,
	`=HYPERLINK("http://evil.example","x")`,
	`+SUM(1+1)`,
	`@SUM(1)`,
	` =1+1`,
	`\uff1d1+1`,
	`-2+3+cmd|' /C calc'!A0`,
	`a;=1+1`,
	`</title></style></textarea><b data-xss=1>`
] as const;

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A SQL CASE that gives row `key`'s hash a payload (keeps NULLs NULL so nullable columns stay meaningful). */
const hostile = (column: string, key: string) =>
	`case when ${column} is null then null else list_extract([${PAYLOADS.map(sqlText).join(', ')}], (hash(${key}) % ${PAYLOADS.length})::int + 1) || ' ' || right(${key}, 4) end`;

const HOSTILE_COLUMNS: Readonly<Record<string, { key: string; columns: readonly string[] }>> = {
	partners: { key: 'partner_id', columns: ['partner_name', 'manager', 'commission_plan', 'tier'] },
	clicks: { key: 'click_id', columns: ['creative_id', 'sub_id', 'landing_page', 'invalid_reason'] },
	sales: { key: 'conversion_id', columns: ['reversal_reason', 'coupon_code'] }
};

export interface HostileOutcome {
	readonly executedScripts: number;
	readonly injectedElements: number;
	readonly javascriptLinks: number;
	readonly cspBlocked: number;
	readonly pagesVisited: number;
	readonly tooltipsShown: number;
	/** Pages and emails where the payloads showed as plain text (proof they were rendered there). */
	readonly viewsShowingText: number;
	readonly emailsOpened: number;
	readonly webhookRawMarkup: number;
	readonly webhookPosts: number;
	readonly csvCells: number;
	readonly csvFormulaCells: number;
	readonly enumPayloadRefused: boolean;
	readonly problems: readonly string[];
}

const PAGES = ['/', '/partners', '/partners/{partner}', '/channels', '/channels/content', '/quality', '/cohorts', '/forecast', '/roi', '/alerts', '/my-partners', '/settings', '/models', '/models/fct_daily'];
const CSV_ROUTES = [
	'/api/v1/reports/partners?format=csv',
	'/api/v1/partners?format=csv',
	'/api/v1/channels?format=csv',
	'/api/v1/metrics/breakdown?by=partner,tier&format=csv',
	'/api/v1/quality/signals?format=csv',
	'/api/v1/cohorts/partners/members?format=csv',
	'/api/v1/quality/rows?signal=clickless_coupons&limit=5000&format=csv',
	'/api/v1/quality/rows?signal=invalid_clicks&limit=5000&format=csv',
	'/api/v1/quality/rows?signal=reversal_outlier&limit=5000&format=csv'
];

export async function hostileText(root: string, cleanData: string, base: Config, admin: { name: string; password: string }): Promise<HostileOutcome> {
	const dataDir = path.join(root, 'hostile-exports');
	await cp(cleanData, dataDir, { recursive: true });
	for (const [table, { key, columns }] of Object.entries(HOSTILE_COLUMNS))
		await rewriteExportTable(dataDir, table, `select * replace (${columns.map((c) => `${hostile(c, key)} as ${c}`).join(', ')}) from src`);
	const config: Config = { ...base, dataDir, warehousePath: path.join(root, 'hostile.duckdb'), webhookAllowPrivate: ['127.0.0.1'] };
	const problems: string[] = [];

	// Build, then digest and alerts in process with real SMTP and webhook receivers.
	const warehouse = await Warehouse.open(config);
	const smtp = await startSmtpSink();
	const hooks = await startWebhookSink();
	let partner = '';
	try {
		const built = await warehouse.build({ author: 'chaos', message: 'hostile text' });
		if (built.status !== 'published') throw new Error(`hostile build: ${built.status} ${JSON.stringify(built.problems ?? '').slice(0, 300)}`);
		const [top] = await warehouse.db.query<{ partner_id: string }>('select partner_id from main.stg_partners order by partner_id limit 1');
		partner = top!.partner_id;
		const service = new DigestService({ warehouse, store: new DigestStore(config.warehousePath), config: { ...config, smtpUrl: smtp.url }, mailer: smtpMailer(smtp.url, 'ps@example.test'), retryDelayMs: 5, log: () => {} });
		const subs = (['weekly-review', 'roi'] as const).map((report) => parseSubscription({ user: admin.name, email: 'admin@example.test', webhook: `${hooks.url}/${report}`, report }, new Date()));
		await service.store.update((s) => ({ ...s, subscriptions: subs }));
		for (const sub of subs) await service.sendDigest(sub);
		await service.runAlerts(new Date());
		service.stop();
	} finally {
		warehouse.close();
	}

	// The enumeration columns are refused outright: a cost_type with markup stops the build.
	const enumDir = path.join(root, 'hostile-enum-exports');
	await cp(cleanData, enumDir, { recursive: true });
	await rewriteExportTable(enumDir, 'costs', `select * replace (${sqlText(PAYLOADS[0])} as cost_type) from src`);
	const enumWarehouse = await Warehouse.open({ ...config, dataDir: enumDir, warehousePath: path.join(root, 'hostile-enum.duckdb') });
	let enumPayloadRefused = false;
	try {
		const result = await enumWarehouse.build({ author: 'chaos', message: 'hostile enum' });
		enumPayloadRefused = result.status === 'failed' && result.publishId === null;
	} finally {
		enumWarehouse.close();
	}

	// The server over the hostile warehouse, read by Chromium as the admin.
	const store = AuthStore.forWarehouse(config.warehousePath);
	if (!store.findUser(admin.name)) await store.addUser({ name: admin.name, role: 'admin', password: admin.password });
	const server = await startServer(config);
	const browser = await launchBrowser();
	let executedScripts = 0;
	let injectedElements = 0;
	let javascriptLinks = 0;
	let cspBlocked = 0;
	let tooltipsShown = 0;
	let viewsShowingText = 0;
	let csvCells = 0;
	let csvFormulaCells = 0;
	try {
		const cookies = await signIn(server.url, admin.name, admin.password);
		const signed = signedInBrowser(browser, server.url, cookies);
		for (const route of PAGES) {
			const page = await signed.newPage();
			try {
				await watch(page);
				await page.goto(`${server.url}${route.replace('{partner}', encodeURIComponent(partner))}`, { waitUntil: 'networkidle', timeout: 60_000 });
				tooltipsShown += await sweepCharts(page);
				const seen = await inspect(page);
				executedScripts += seen.executed;
				injectedElements += seen.injected;
				javascriptLinks += seen.jsLinks;
				cspBlocked += seen.csp;
				if (seen.shownAsText) viewsShowingText++;
				if (seen.executed || seen.injected || seen.jsLinks || seen.csp) problems.push(`page ${route}: ${JSON.stringify(seen)}`);
			} finally {
				await page.close();
			}
		}
		// Emails as a mail client shows them: HTML with scripts enabled and no CSP.
		for (const mail of smtp.messages) {
			const page = await browser.newPage();
			try {
				await watch(page);
				await page.setContent(String(mail.html || ''), { waitUntil: 'load' });
				await page.waitForTimeout(200);
				const seen = await inspect(page);
				executedScripts += seen.executed;
				injectedElements += seen.injected;
				javascriptLinks += seen.jsLinks;
				if (seen.shownAsText) viewsShowingText++;
				if (seen.executed || seen.injected || seen.jsLinks) problems.push(`email "${mail.subject}": ${JSON.stringify(seen)}`);
			} finally {
				await page.close();
			}
		}
		// CSV exports: no cell a spreadsheet would run.
		for (const route of CSV_ROUTES) {
			const response = await fetch(`${server.url}${route}`, { headers: { cookie: `ps_session=${cookies.session}` } });
			const text = await response.text();
			if (response.status !== 200) {
				problems.push(`csv ${route}: ${response.status} ${text.slice(0, 120)}`);
				continue;
			}
			for (const cell of csvCells_(text)) {
				csvCells++;
				if (runsInSpreadsheet(cell)) {
					csvFormulaCells++;
					if (csvFormulaCells <= 3) problems.push(`csv ${route}: formula cell ${JSON.stringify(cell.text.slice(0, 60))}`);
				}
			}
		}
	} finally {
		await browser.close();
		await server.stop();
	}

	// Webhook bodies: Slack reads mrkdwn blocks, where raw < > & from data would be markup.
	let webhookRawMarkup = 0;
	for (const post of hooks.posts) {
		const body = JSON.parse(post.body) as { blocks?: { type: string; text?: { type: string; text: string } }[] };
		for (const block of body.blocks ?? []) {
			if (block.text?.type !== 'mrkdwn') continue;
			const withoutLinks = block.text.text.replace(/<https?:[^|>]+\|[^>]*>/g, '');
			if (/[<>]/.test(withoutLinks)) {
				webhookRawMarkup++;
				problems.push(`webhook: raw markup in mrkdwn: ${withoutLinks.slice(0, 120)}`);
			}
		}
	}
	await smtp.close();
	await hooks.close();
	return {
		executedScripts,
		injectedElements,
		javascriptLinks,
		cspBlocked,
		pagesVisited: PAGES.length,
		tooltipsShown,
		viewsShowingText,
		emailsOpened: smtp.messages.length,
		webhookRawMarkup,
		webhookPosts: hooks.posts.length,
		csvCells,
		csvFormulaCells,
		enumPayloadRefused,
		problems
	};
}

/** Records CSP violations (an injection that escaping let through and the policy stopped) before any script runs. */
async function watch(page: Page): Promise<void> {
	await page.addInitScript(() => {
		(window as unknown as { __csp: number }).__csp = 0;
		document.addEventListener('securitypolicyviolation', () => {
			(window as unknown as { __csp: number }).__csp++;
		});
	});
}

async function inspect(page: Page): Promise<{ executed: number; injected: number; jsLinks: number; csp: number; shownAsText: boolean }> {
	return page.evaluate(() => {
		const w = window as unknown as { __xss?: number; __csp?: number };
		return {
			// Proof the hostile text reached this view at all: it shows as text.
			shownAsText: (document.body?.innerText ?? '').includes('data-xss=1'),
			executed: w.__xss ?? 0,
			injected: document.querySelectorAll('[data-xss]').length,
			jsLinks: [...document.querySelectorAll('a[href],iframe[src],form[action]')].filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')).length,
			csp: w.__csp ?? 0
		};
	});
}

/** Moves the pointer over a grid of points on every chart canvas; returns how many tooltips showed text. */
async function sweepCharts(page: Page): Promise<number> {
	let shown = 0;
	const canvases = await page.$$('canvas');
	for (const canvas of canvases.slice(0, 12)) {
		const box = await canvas.boundingBox();
		if (!box || box.width < 20 || box.height < 20) continue;
		await canvas.scrollIntoViewIfNeeded().catch(() => undefined);
		const fresh = (await canvas.boundingBox()) ?? box;
		for (const fx of [0.15, 0.35, 0.5, 0.65, 0.85])
			for (const fy of [0.3, 0.5, 0.7]) {
				await page.mouse.move(fresh.x + fresh.width * fx, fresh.y + fresh.height * fy);
				await page.waitForTimeout(40);
				const visible = await page.evaluate(() =>
					[...document.querySelectorAll('div')].some((d) => d.style.position === 'absolute' && d.style.display !== 'none' && d.style.opacity !== '0' && /z-index: 9999999/.test(d.getAttribute('style') ?? '') && (d.textContent ?? '').trim().length > 0)
				);
				if (visible) shown++;
			}
	}
	return shown;
}

/**
 * Written apart from the product's to-csv rule: a cell a spreadsheet would evaluate starts, after any
 * whitespace or control characters, with = + - @ (or the fullwidth forms Excel folds), or, when not quoted,
 * has one right after a ; or tab (semicolon locales split an unquoted cell there). Plain numbers are data.
 */
function runsInSpreadsheet(cell: { text: string; quoted: boolean }): boolean {
	if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell.text)) return false;
	const start = cell.text.replace(/^[\s\u0000-\u001f\u00a0\u3000]+/, '');
	return /^[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(start) || (!cell.quoted && /[;\t]\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(cell.text));
}

/** The cells of an RFC 4180 CSV text, unquoted, and whether each was quoted. */
function csvCells_(text: string): { text: string; quoted: boolean }[] {
	const cells: { text: string; quoted: boolean }[] = [];
	let cell = '';
	let quoted = false;
	let wasQuoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = wasQuoted = true;
		else if (ch === ',' || ch === '\n') {
			cells.push({ text: cell, quoted: wasQuoted });
			cell = '';
			wasQuoted = false;
		} else if (ch !== '\r') cell += ch;
	}
	if (cell) cells.push({ text: cell, quoted: wasQuoted });
	return cells;
}
