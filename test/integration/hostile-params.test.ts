/**
 * No input answers 500 or hangs: every GET route with every hostile date (years 0000 and past 9999, the
 * supported bounds, impossible days) and a seeded sample of hostile numbers and strings, through the real
 * API over a real warehouse. Each answer must come within a few seconds, be below 500 and, when it is an
 * error, be problem+json naming the parameter. The chaos script runs the same generator 10k+ times on a server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse } from '../helpers/fixture.ts';
import { dateCases, randomCases } from '../helpers/hostile-requests.ts';

let warehouse: Warehouse;
let api: TestApi;
const logged: string[] = [];

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse, { log: (line) => logged.push(line), requestDeadlineMs: 10_000 });
});
afterAll(() => warehouse?.close());

const IDS = { partner: 'P0012', channel: 'content', model: 'fct_daily' };

async function answer(path: string): Promise<{ status: number; type: string; body: string; ms: number }> {
	const started = Date.now();
	const response = await Promise.race([
		api.request(path),
		new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${path}: no answer within 15 s`)), 15_000))
	]);
	return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text(), ms: Date.now() - started };
}

it('the reported request answers 400 naming the parameter, and the server keeps answering', async () => {
	for (const path of ['/api/v1/partners?from=0000-01-01&to=0000-01-10', '/api/v1/channels?from=0000-01-01&to=0000-01-10', '/api/v1/partners/P0012?from=10000-01-01&to=10000-01-10']) {
		const a = await answer(path);
		expect(a.status, path).toBe(400);
		expect(a.type).toBe('application/problem+json');
		expect(JSON.parse(a.body).parameter).toBe('from');
	}
	expect((await answer('/api/v1/health')).status).toBe(200);
});

it('the supported bounds themselves answer (200 or an explained 4xx), never 500', async () => {
	for (const path of ['/api/v1/partners?from=1900-01-01&to=1900-01-10', '/api/v1/partners/P0012?from=2199-12-20&to=2199-12-31', '/api/v1/channels/content?from=1900-01-01&to=1900-01-28&compare=year']) {
		const a = await answer(path);
		expect(a.status, `${path}: ${a.body}`).toBe(200);
	}
});

it('every GET route with every hostile date answers below 500 with problem+json errors', { timeout: 600_000 }, async () => {
	const failures: string[] = [];
	for (const path of dateCases(IDS)) {
		const a = await answer(path);
		if (a.status >= 500) failures.push(`${a.status} ${path}: ${a.body.slice(0, 200)}`);
		else if (a.status >= 400 && a.type !== 'application/problem+json') failures.push(`${a.status} ${a.type} ${path}`);
	}
	expect(failures).toEqual([]);
	expect(logged).toEqual([]);
});

it('a seeded sample of hostile numbers and strings answers below 500', { timeout: 600_000 }, async () => {
	const failures: string[] = [];
	for (const path of randomCases(400, 11, IDS)) {
		const a = await answer(path);
		if (a.status >= 500) failures.push(`${a.status} ${path.slice(0, 300)}: ${a.body.slice(0, 200)}`);
		else if (a.status >= 400 && a.type !== 'application/problem+json') failures.push(`${a.status} ${a.type} ${path.slice(0, 300)}`);
	}
	expect(failures).toEqual([]);
});
