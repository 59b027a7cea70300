/**
 * `npm run test:chaos`: the long loops behind the reliability guarantees, against the real built server and
 * the real CLI, printing its counts. CHAOS_REQUESTS (default 10000) seeded hostile GETs, signed in as an
 * admin, a viewer or nobody: zero 5xx, zero hangs (no answer within 15 s), every error problem+json; forged
 * and cross-site requests of every kind (forged-requests.ts): each refused with its status; hostile text in
 * every free-text export column (hostile-text.ts): zero scripts run in pages, chart tooltips or emails, no
 * raw markup in webhook mrkdwn, no CSV cell a spreadsheet would run; the delivery secrets never in the
 * server's output, health or pages; CHAOS_KILLS (default 100) builds killed with SIGKILL at a random moment:
 * after each the warehouse opens, serves the same numbers as before and records the kill. Exit 1 when any
 * count is off. Data lives under /tmp/reliability-chaos.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { normalizeConfig } from '../../src/lib/server/config.ts';
import { generateSample } from '../../src/generate/generate-sample.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { createApi } from '../../src/lib/server/api/create-api.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import { markerPath } from '../../src/lib/server/warehouse/build-marker.ts';
import { FIXTURE_OPTIONS, REPO_ROOT } from '../helpers/fixture.ts';
import { dateCases, randomCases } from '../helpers/hostile-requests.ts';
import { startServer } from '../helpers/start-server.ts';
import { signIn } from '../helpers/sign-in.ts';
import { forgedRequests } from './forged-requests.ts';
import { hostileText } from './hostile-text.ts';
import { rawRequest } from './raw-request.ts';

const REQUESTS = Number(process.env.CHAOS_REQUESTS ?? 10_000);
const KILLS = Number(process.env.CHAOS_KILLS ?? 100);
const ROOT = process.env.CHAOS_ROOT ?? '/tmp/reliability-chaos';
const ADMIN = { name: 'chaos-admin', password: 'chaos admin password 1' };
const VICTIM = { name: 'chaos-victim', password: 'chaos victim password 1' };
/** Delivery secrets the server is started with; none may show in its output, health or pages. */
const SMTP_PASSWORD = 'chaos-Smtp-Pa55-never-shown';
const WEBHOOK_SECRET = 'chaos-whsec-never-shown';

async function main(): Promise<number> {
	await rm(ROOT, { recursive: true, force: true });
	await mkdir(ROOT, { recursive: true });
	const dataDir = path.join(ROOT, 'exports');
	await generateSample({ dataDir, ...FIXTURE_OPTIONS });
	const config = normalizeConfig({}, { dataDir, warehousePath: path.join(ROOT, 'warehouse.duckdb'), sqlDir: path.join(REPO_ROOT, 'sql') }, REPO_ROOT);
	const first = await Warehouse.open(config);
	const built = await first.build({ author: 'chaos', message: 'first' });
	first.close();
	if (built.status !== 'published') throw new Error(`first build: ${built.status}`);

	// Users and tokens of every kind, in the users file the server reads.
	const store = AuthStore.forWarehouse(config.warehousePath);
	await store.addUser({ name: ADMIN.name, role: 'admin', password: ADMIN.password });
	await store.addUser({ name: VICTIM.name, role: 'viewer', password: VICTIM.password });
	await store.addUser({ name: 'chaos-viewer', role: 'viewer', password: 'chaos viewer password 1' });
	const tokens = {
		admin: store.createToken(ADMIN.name, { name: 'chaos' }).secret,
		viewer: store.createToken('chaos-viewer', { name: 'chaos' }).secret,
		expired: store.createToken(ADMIN.name, { name: 'expired', expiresDays: -1 }).secret,
		revoked: (() => {
			const t = store.createToken(ADMIN.name, { name: 'revoked' });
			store.revokeToken(t.token.id);
			return t.secret;
		})()
	};

	// 1. Fuzzing the real server, signed in (an admin, a viewer) or not, with delivery secrets in its environment.
	process.env.PARTNERSCOPE_SMTP_URL = `smtp://chaos:${SMTP_PASSWORD}@127.0.0.1:9`;
	process.env.PARTNERSCOPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
	const server = await startServer(config);
	delete process.env.PARTNERSCOPE_SMTP_URL;
	delete process.env.PARTNERSCOPE_WEBHOOK_SECRET;
	const counts = { requests: 0, fiveXx: 0, hangs: 0, notProblem: 0, byStatus: {} as Record<string, number> };
	const ids = { partner: 'P0012', channel: 'content', model: 'fct_daily' };
	const cases = [...dateCases(ids), ...randomCases(Math.max(0, REQUESTS - dateCases(ids).length), 2026, ids)];
	const examples: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < cases.length) {
			const i = next++;
			const url = `${server.url}${cases[i]}`;
			// Most as the admin (every route's handler runs), some as a viewer, some with no credentials.
			const who = i % 10 < 7 ? tokens.admin : i % 10 < 9 ? tokens.viewer : null;
			counts.requests++;
			try {
				const response = await fetch(url, { signal: AbortSignal.timeout(15_000), headers: who ? { authorization: `Bearer ${who}` } : {} });
				counts.byStatus[response.status] = (counts.byStatus[response.status] ?? 0) + 1;
				const type = response.headers.get('content-type') ?? '';
				await response.arrayBuffer();
				if (response.status >= 500) {
					counts.fiveXx++;
					if (examples.length < 5) examples.push(`${response.status} ${url.slice(0, 200)}`);
				} else if (response.status >= 400 && type !== 'application/problem+json') counts.notProblem++;
			} catch (error) {
				counts.hangs++;
				if (examples.length < 5) examples.push(`no answer: ${url.slice(0, 200)} (${(error as Error).message})`);
			}
		}
	};
	await Promise.all(Array.from({ length: 4 }, worker));
	const alive = (await fetch(`${server.url}/api/v1/health`)).status;
	const statuses = Object.entries(counts.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ');
	console.log(`fuzz: ${counts.requests} requests (70% admin, 20% viewer, 10% anonymous), ${counts.fiveXx} 5xx, ${counts.hangs} hangs, ${counts.notProblem} errors not problem+json, health after: ${alive}; statuses ${statuses}`);
	for (const e of examples) console.log(`  ${e}`);

	// 2. Forged and cross-site requests, counted by kind; then the secrets the server was started with.
	const forged = await forgedRequests(server.url, { tokens, admin: ADMIN, victim: VICTIM, ids: { partner: ids.partner, model: ids.model } });
	const refusedTotal = Object.values(forged.refused).reduce((a, b) => a + b, 0);
	console.log(`forged: ${forged.sent} requests, ${refusedTotal} refused as required, ${forged.admitted.length} not refused`);
	for (const [kind, n] of Object.entries(forged.refused)) console.log(`  ${kind}: ${n}`);
	for (const a of forged.admitted.slice(0, 10)) console.log(`  NOT REFUSED ${a}`);
	const leaks = await secretLeaks(server.url, server.output());
	await server.stop();
	console.log(`secrets: ${leaks.length} places show the SMTP password or webhook secret (server output, health, admin pages)`);
	for (const l of leaks) console.log(`  ${l}`);

	// 3. Hostile text in every free-text export column, looked for wherever it is rendered.
	const hostile = await hostileText(ROOT, dataDir, config, ADMIN);
	const executedScripts = hostile.executedScripts;
	const gotThrough = hostile.injectedElements + hostile.javascriptLinks + hostile.cspBlocked + hostile.webhookRawMarkup + hostile.csvFormulaCells + (hostile.enumPayloadRefused ? 0 : 1);
	console.log(
		`hostile text: ${hostile.pagesVisited} pages (${hostile.tooltipsShown} chart tooltips shown), ${hostile.emailsOpened} emails (${hostile.viewsShowingText} pages and emails show the payloads as text), ${hostile.webhookPosts} webhook posts, ${hostile.csvCells} CSV cells: ` +
			`${executedScripts} executed scripts, ${hostile.injectedElements} injected elements, ${hostile.javascriptLinks} javascript: links, ${hostile.cspBlocked} CSP violations, ` +
			`${hostile.webhookRawMarkup} raw markup in webhook mrkdwn, ${hostile.csvFormulaCells} CSV formula cells; markup in an enumeration ${hostile.enumPayloadRefused ? 'refused by the contract' : 'NOT refused'}`
	);
	for (const p of hostile.problems.slice(0, 10)) console.log(`  ${p}`);

	// 3. SIGKILL mid-build, KILLS times; each round the warehouse must open and serve one whole publish.
	const reference = await answer(config);
	let consistent = 0;
	let recorded = 0;
	const wrong: string[] = [];
	for (let round = 0; round < KILLS; round++) {
		// Touch a sales file so every build has work (a new source version, the models downstream rebuilt), same data.
		const salesFile = path.join(dataDir, 'sales', (await readdir(path.join(dataDir, 'sales'), { recursive: true })).find((f) => String(f).endsWith('.parquet'))!);
		await utimes(salesFile, new Date(), new Date(Date.now() + round * 1000));
		const child = spawn(process.execPath, [path.join(REPO_ROOT, 'src/cli/bin.js'), 'build', '--data', dataDir, '--warehouse', config.warehousePath, '--message', `round ${round}`], {
			stdio: 'ignore',
			env: { ...process.env, PARTNERSCOPE_AUTHOR: 'chaos' }
		});
		// Listened for from the start: a build quicker than the delay has exited before the kill, and a listener
		// added after that would wait forever (the run then ended with Node's exit code 13, unsettled await).
		const exited = new Promise((r) => child.once('exit', r));
		const delay = 300 + Math.floor(((round * 7919) % 97) * 40);
		await new Promise((r) => setTimeout(r, delay));
		const hadMarker = existsSync(markerPath(config.warehousePath));
		child.kill('SIGKILL');
		await exited;
		try {
			const now = await answer(config);
			if (now.body === reference.body) consistent++;
			else wrong.push(`round ${round}: the partner report changed after a killed build`);
			if (!hadMarker || now.lastBuild === 'interrupted' || now.lastBuild === 'published' || now.lastBuild === 'up_to_date') recorded++;
		} catch (error) {
			wrong.push(`round ${round}: ${(error as Error).message}`);
		}
	}
	console.log(`sigkill: ${KILLS} rounds, ${consistent} consistent, ${recorded} recorded in health, ${wrong.length} wrong`);
	for (const w of wrong.slice(0, 5)) console.log(`  ${w}`);

	const silentWrong = wrong.length;
	console.log(
		`SUMMARY: ${counts.fiveXx} 5xx, ${counts.hangs} hangs, ${executedScripts} executed scripts, ${gotThrough} hostile text through, ${silentWrong} silent wrong numbers, ` +
			`${consistent}/${KILLS} crash rounds consistent, ${refusedTotal}/${forged.sent} forged requests refused, ${leaks.length} secret leaks`
	);
	const ok = counts.fiveXx === 0 && counts.hangs === 0 && counts.notProblem === 0 && executedScripts === 0 && gotThrough === 0 && silentWrong === 0 && consistent === KILLS;
	return ok && forged.admitted.length === 0 && leaks.length === 0 ? 0 : 1;
}

/** Where the delivery secrets show: the server's own output, health and the admin's API answers and pages. */
async function secretLeaks(baseUrl: string, output: string): Promise<string[]> {
	const admin = await signIn(baseUrl, ADMIN.name, ADMIN.password);
	const cookie = `ps_session=${admin.session}; ps_csrf=${admin.csrf}`;
	const places: [string, string][] = [['server output', output]];
	for (const route of ['/api/v1/health', '/api/v1/digest/health', '/api/v1/digest/sends', '/api/v1/digest/subscriptions', '/api/v1/auth/users', '/settings', '/models', '/alerts', '/']) {
		const answer = await rawRequest(`${baseUrl}${route}`, { headers: { cookie, accept: route.startsWith('/api') ? 'application/json' : 'text/html' } });
		places.push([`${route} (${answer.status})`, answer.body]);
	}
	return places.filter(([, text]) => [SMTP_PASSWORD, WEBHOOK_SECRET, encodeURIComponent(SMTP_PASSWORD)].some((s) => text.includes(s))).map(([where]) => where);
}

/** Opens the warehouse as a restarted server would and reads the partner report and health. */
async function answer(config: ReturnType<typeof normalizeConfig>): Promise<{ body: string; lastBuild: string | null }> {
	const warehouse = await Warehouse.open(config);
	try {
		// In-process, as the single local admin (sign-in off): this round checks numbers and health, not access.
		const api = createApi({ warehouse, log: () => {}, auth: { store: AuthStore.forWarehouse(config.warehousePath), off: true } });
		const response = await api.request('/api/v1/reports/partners?from=2026-05-01&to=2026-05-31');
		if (response.status !== 200) throw new Error(`report answered ${response.status}`);
		const body = (await response.json()) as { rows: unknown[] };
		const health = (await (await api.request('/api/v1/health')).json()) as { lastBuild: { status: string } | null };
		return { body: JSON.stringify(body.rows), lastBuild: health.lastBuild?.status ?? null };
	} finally {
		warehouse.close();
	}
}

process.exitCode = await main().catch((error) => {
	console.error(error);
	return 1;
});
