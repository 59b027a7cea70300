/**
 * Many stateless readers over one snapshot directory: three `serve --snapshot` processes (the built app)
 * answer a steady load of dashboard requests while the build machine publishes twice and rolls back once
 * (each publish exported to the directory by PARTNERSCOPE_SNAPSHOT_DIR). No request fails, no answer mixes
 * two publishes (its publishId matches its numbers, as the build machine answered for that publish), and every
 * reader serves the newest manifest within seconds. Needs the built app (`npx vite build`).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/lib/server/api/create-api.ts';
import { normalizeConfig, type Config } from '../../src/lib/server/config.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { testConfig } from '../helpers/fixture.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';

const PAGES = ['/api/v1/reports/partners?from=2026-02-01&to=2026-06-30', '/api/v1/reports/overview?weeks=26'];

interface Answer {
	readonly publishId: number;
	readonly fingerprint: string;
}

/** What a page's answer says: the publish it came from and its numbers (everything but request-time fields). */
function answerOf(body: { meta?: { publishId?: number } } & Record<string, unknown>): Answer {
	const { meta, ...numbers } = body;
	return { publishId: meta!.publishId!, fingerprint: JSON.stringify(numbers) };
}

let config: Config;
let builder: Warehouse;
let builderApi: ReturnType<typeof createApi>;
let readers: RunningServer[] = [];
/** page -> publishId -> the build machine's own answer for that publish. */
const expected = new Map<string, Map<number, string>>(PAGES.map((p) => [p, new Map()]));

async function recordExpected(): Promise<number> {
	let id = -1;
	for (const page of PAGES) {
		const response = await builderApi.request(page);
		expect(response.status).toBe(200);
		const answer = answerOf(await response.json());
		expected.get(page)!.set(answer.publishId, answer.fingerprint);
		id = answer.publishId;
	}
	return id;
}

beforeAll(async () => {
	const base = await testConfig({ copyData: true });
	const snapshotDir = path.join(path.dirname(base.warehousePath), 'snapshot');
	config = normalizeConfig({}, { dataDir: base.dataDir, warehousePath: base.warehousePath, sqlDir: base.sqlDir, snapshotDir });
	builder = await Warehouse.open(config);
	builderApi = createApi({ warehouse: builder, log: () => {} });
	expect((await builder.build({ author: 'test', message: 'first' })).status).toBe('published');
	await recordExpected();
	readers = await Promise.all([0, 1, 2].map(() => startServer(config, { PARTNERSCOPE_SNAPSHOT: snapshotDir, PARTNERSCOPE_THREADS: '1' })));
}, 300_000);

afterAll(async () => {
	await Promise.all(readers.map((r) => r.stop()));
	builder?.close();
});

async function publishOf(reader: RunningServer): Promise<number> {
	const body = (await (await fetch(`${reader.url}/api/v1/health`)).json()) as { publish?: { publishId?: number; id?: number } };
	return Number(body.publish?.publishId ?? body.publish?.id);
}

/** Seconds until every reader answers from `publishId`. */
async function allOn(publishId: number): Promise<number> {
	const started = performance.now();
	while (performance.now() - started < 20_000) {
		const ids = await Promise.all(readers.map(publishOf));
		if (ids.every((id) => id === publishId)) return (performance.now() - started) / 1000;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`readers did not reach publish #${publishId} within 20 s`);
}

describe('three snapshot readers under load while publishes and a rollback land', () => {
	it('never fail, never mix publishes, and follow the newest manifest within seconds', { timeout: 900_000 }, async () => {
		const answers: { page: string; status: number; header: string | null; answer: Answer | null; reader: number }[] = [];
		let stop = false;
		const worker = async (n: number) => {
			for (let i = 0; !stop; i++) {
				const reader = (n + i) % readers.length;
				const page = PAGES[(n + i) % PAGES.length]!;
				try {
					const response = await fetch(`${readers[reader]!.url}${page}`);
					const ok = response.status === 200;
					answers.push({ page, status: response.status, header: response.headers.get('x-partnerscope-publish'), answer: ok ? answerOf(await response.json()) : (await response.text(), null), reader });
				} catch (error) {
					answers.push({ page, status: -1, header: String(error), answer: null, reader });
				}
				await new Promise((r) => setTimeout(r, 10)); // a dashboard's pace, leaving the shared cores to the builds
			}
		};
		const load = Promise.all([0, 1, 2, 3].map(worker));
		const progress = (what: string) => console.log(`${new Date().toISOString()} ${what}: ${answers.length} answers so far`);
		const first = await allOn(1);
		const switchSeconds: number[] = [first];

		// Publish 2: the June sales export is withdrawn. Publish 3: May's too. Then roll back to publish 1.
		await rm(path.join(config.dataDir, 'sales', 'month=2026-06'), { recursive: true });
		progress('publish 1 served');
		expect((await builder.build({ author: 'test', message: 'without June sales' })).status).toBe('published');
		switchSeconds.push(await allOn(await recordExpected()));
		progress('publish 2 served');
		await rm(path.join(config.dataDir, 'sales', 'month=2026-05'), { recursive: true });
		expect((await builder.build({ author: 'test', message: 'without May sales' })).status).toBe('published');
		switchSeconds.push(await allOn(await recordExpected()));
		progress('publish 3 served');
		const rolledBack = await builder.rollback(1, { author: 'test', message: 'back to the first' });
		switchSeconds.push(await allOn(await recordExpected()));
		await new Promise((r) => setTimeout(r, 500));
		stop = true;
		await load;

		console.log(`snapshot readers: ${answers.length} requests; every reader on the new manifest after ${switchSeconds.map((s) => s.toFixed(2)).join(', ')} s`);
		expect(rolledBack.publishId).toBe(4);
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		const seen = new Set(answers.map((a) => a.answer!.publishId));
		expect([...seen].sort()).toEqual([1, 2, 3, 4]);
		for (const a of answers) {
			expect(a.header, 'the header names the same publish as the body').toBe(String(a.answer!.publishId));
			expect(a.answer!.fingerprint, `${a.page} from reader ${a.reader} says publish #${a.answer!.publishId}`).toBe(expected.get(a.page)!.get(a.answer!.publishId));
		}
		// Publishes 2 and 3 have different numbers from 1; the rollback has publish 1's numbers under its own id.
		const partners = expected.get(PAGES[0]!)!;
		expect(new Set([partners.get(1), partners.get(2), partners.get(3)]).size).toBe(3);
		expect(partners.get(4)).toBe(partners.get(1));
		for (const s of switchSeconds) expect(s).toBeLessThan(10);
	});

	it('refuses model changes: a reader never writes', async () => {
		const response = await fetch(`${readers[0]!.url}/api/v1/models/build`, { method: 'POST' });
		expect(response.status).toBe(403);
	});
});
