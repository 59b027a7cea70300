/**
 * `npm run test:chaos`: the long loops behind the reliability guarantees, against the real built server and
 * the real CLI, printing its counts. CHAOS_REQUESTS (default 10000) seeded hostile GETs: zero 5xx, zero hangs
 * (no answer within 15 s), every error problem+json; CHAOS_KILLS (default 100) builds killed with SIGKILL at a
 * random moment: after each the warehouse opens, serves the same numbers as before (or the new publish, whole)
 * and records the kill; a hostile cost_type build: refused, zero executed scripts (the payload never reaches
 * an unescaped tooltip). Exit 1 when any count is off. Data lives under /tmp/reliability-chaos.
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
import { donutOption } from '../../src/lib/charts/donut-option.ts';
import { FIXTURE_OPTIONS, REPO_ROOT } from '../helpers/fixture.ts';
import { dateCases, randomCases } from '../helpers/hostile-requests.ts';
import { startServer } from '../helpers/start-server.ts';

const REQUESTS = Number(process.env.CHAOS_REQUESTS ?? 10_000);
const KILLS = Number(process.env.CHAOS_KILLS ?? 100);
const ROOT = '/tmp/reliability-chaos';

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

	// 1. Fuzzing the real server.
	const server = await startServer(config);
	const counts = { requests: 0, fiveXx: 0, hangs: 0, notProblem: 0 };
	const ids = { partner: 'P0012', channel: 'content', model: 'fct_daily' };
	const cases = [...dateCases(ids), ...randomCases(Math.max(0, REQUESTS - dateCases(ids).length), 2026, ids)];
	const examples: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < cases.length) {
			const url = `${server.url}${cases[next++]}`;
			counts.requests++;
			try {
				const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
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
	await server.stop();
	console.log(`fuzz: ${counts.requests} requests, ${counts.fiveXx} 5xx, ${counts.hangs} hangs, ${counts.notProblem} errors not problem+json, health after: ${alive}`);
	for (const e of examples) console.log(`  ${e}`);

	// 2. Hostile text: the cost_type payload is refused by the contract, and the tooltip escapes it anyway.
	const payload = '<img src=x onerror=alert(1)>';
	const tooltip = (donutOption({ slices: [{ name: payload, value: 1 }], unit: 'money', currency: 'EUR' }).tooltip as { formatter: (p: unknown) => string }).formatter({ name: payload });
	const executedScripts = /<img/i.test(tooltip) ? 1 : 0;
	console.log(`hostile text: ${executedScripts} executed scripts (tooltip HTML: ${tooltip.slice(0, 60)})`);

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
		const delay = 300 + Math.floor(((round * 7919) % 97) * 40);
		await new Promise((r) => setTimeout(r, delay));
		const hadMarker = existsSync(markerPath(config.warehousePath));
		child.kill('SIGKILL');
		await new Promise((r) => child.once('exit', r));
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
		`SUMMARY: ${counts.fiveXx} 5xx, ${counts.hangs} hangs, ${executedScripts} executed scripts, ${silentWrong} silent wrong numbers, ${consistent}/${KILLS} crash rounds consistent`
	);
	return counts.fiveXx === 0 && counts.hangs === 0 && counts.notProblem === 0 && executedScripts === 0 && silentWrong === 0 && consistent === KILLS ? 0 : 1;
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
