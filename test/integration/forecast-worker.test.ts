/**
 * Forecasts off the event loop (issue 10), over the generated sample in a real DuckDB: the worker threads'
 * answers equal the in-process ones, the default forecast is computed after a publish without any request
 * (and a request during that shares it), the API keeps answering while a forecast computes, and a worker
 * that fails gives the route's problem+json, not a crash.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../helpers/test-api.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { ForecastPool } from '../../src/lib/server/reports/forecast/forecast-pool.ts';
import { ForecastService, UNSCOPED } from '../../src/lib/server/reports/forecast/forecast-service.ts';
import { inProcessForecaster, type Forecaster } from '../../src/lib/server/reports/forecast/forecaster.ts';

let warehouse: Warehouse;
let pool: ForecastPool;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	pool = new ForecastPool({ size: 1 });
});
afterAll(async () => {
	await pool?.close();
	warehouse?.close();
});

const serviceOver = (forecaster: Forecaster, over: Warehouse = warehouse) => new ForecastService(over, { forecaster, log: () => {} });
const moduleUrl = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);

describe('forecasts on a worker thread', () => {
	it.each([
		['revenue, defaults', '/api/v1/forecast/revenue'],
		['revenue, one channel, 26 weeks', '/api/v1/forecast/revenue?channel=content&horizon=26'],
		['budget with a target', '/api/v1/forecast/budget?target=250000&horizon=8']
	])('answers exactly as in-process: %s', async (_, path) => {
		const inWorker = await testApi(warehouse, { forecasts: serviceOver(pool) });
		const inProcess = await testApi(warehouse, { forecasts: serviceOver(inProcessForecaster) });
		const a = await inWorker.request(path);
		const b = await inProcess.request(path);
		expect(a.status).toBe(200);
		expect(b.status).toBe(200);
		expect(await a.json()).toStrictEqual(await b.json());
	});

	it('returns the same values as the in-process forecast, before JSON (structured clone loses nothing)', async () => {
		const service = serviceOver(pool);
		const inputs = await service.inputs(service.keyOf(await warehouse.publishedState(), UNSCOPED));
		const options = { horizon: 13, channels: [] };
		expect(await pool.revenue(inputs, options)).toStrictEqual(await inProcessForecaster.revenue(inputs, options));
	});

	it('keeps the event loop free while it computes: health answers in between, the loop mostly idle', async () => {
		// Event-loop utilisation (busy time / elapsed time) is a share, not a duration: on a slow or busy machine a
		// forecast on this thread still keeps it near 1, on a worker this thread only waits.
		const measure = async (forecaster: Forecaster) => {
			const service = serviceOver(forecaster);
			const api = await testApi(warehouse, { forecasts: service });
			await service.inputs(service.keyOf(await warehouse.publishedState(), UNSCOPED)); // DuckDB's part first
			const order: string[] = [];
			const start = performance.eventLoopUtilization();
			let done = false;
			// Three parameter sets no one asked for yet: over a second of backtests, one after another.
			const forecast = Promise.all([4, 26, 52].map((h) => api.request(`/api/v1/forecast/revenue?horizon=${h}`))).then((answers) => {
				done = true;
				order.push(`forecasts ${answers.map((r) => r.status).join(' ')}`);
			});
			while (!done) {
				const health = await api.request('/api/v1/health');
				if (!done) order.push(`health ${health.status}`);
				await new Promise((r) => setTimeout(r, 25));
			}
			await forecast;
			return { order, utilisation: performance.eventLoopUtilization(start).utilization };
		};
		const worker = await measure(pool);
		expect(worker.order.at(-1)).toBe('forecasts 200 200 200');
		expect(worker.order[0]).toBe('health 200');
		expect(worker.utilisation).toBeLessThan(0.5);
		// The same measure over forecasts on this thread fails the bound: the check can tell the two apart.
		const here = await measure(inProcessForecaster);
		expect(here.utilisation).toBeGreaterThan(0.5);
	});

	it.each([
		['throws', `import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => { throw new Error('worker broke'); });`],
		['exits', `import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));`],
		[
			'answers with an error',
			`import { parentPort } from 'node:worker_threads'; parentPort.on('message', (t) => parentPort.postMessage({ id: t.id, ok: false, error: { name: 'RangeError', message: 'bad numbers', stack: 'RangeError: bad numbers' } }));`
		]
	])('a worker that %s gives the route a 500 problem+json and the server goes on', async (_, code) => {
		const broken = new ForecastPool({ size: 1, script: moduleUrl(code) });
		const logged: string[] = [];
		try {
			const api = await testApi(warehouse, { forecasts: serviceOver(broken), log: (line) => logged.push(line) });
			for (let attempt = 0; attempt < 2; attempt++) {
				const r = await api.request('/api/v1/forecast/revenue?horizon=5');
				expect(r.status).toBe(500);
				expect(r.headers.get('content-type')).toBe('application/problem+json');
				const problem = (await r.json()) as { title: string; detail: string };
				expect(problem.title).toBe('Internal Error');
				expect(problem.detail).not.toMatch(/worker|bad numbers|broke/);
			}
			expect(logged.join('\n')).toMatch(/worker broke|exited \(code 3\)|bad numbers/);
			expect((await api.request('/api/v1/health')).status).toBe(200);
		} finally {
			await broken.close();
		}
	});
});

describe('ForecastService warm-up', () => {
	it('computes the default forecast after a publish without any request; requests then and during share it', async () => {
		const fresh = await Warehouse.open(await testConfig());
		const service = serviceOver(pool, fresh);
		try {
			const stop = service.watch();
			expect(await service.warming).toBe('nothing-published');
			expect(service.computed).toBe(0);
			const built = await fresh.build({ author: 'test', message: 'first publish' });
			expect(built.status).toBe('published');
			// The publish started a warm-up; a page asking now shares it instead of computing again.
			const warming = service.warming;
			const api = await testApi(fresh, { forecasts: service });
			const [outcome, revenue] = await Promise.all([warming, api.request('/api/v1/forecast/revenue')]);
			expect(outcome).toBe('warmed');
			expect(revenue.status).toBe(200);
			expect(service.computed).toBe(1);
			expect((await api.request('/api/v1/forecast/budget')).status).toBe(200);
			expect(service.computed).toBe(1);
			// Another horizon is a new question: computed on request.
			expect((await api.request('/api/v1/forecast/revenue?horizon=8')).status).toBe(200);
			expect(service.computed).toBe(2);
			stop();
		} finally {
			fresh.close();
		}
	});

	it('computes nothing new when the cache already holds the default answer', async () => {
		const service = serviceOver(pool);
		expect(await service.warm()).toBe('warmed');
		expect(await service.warm()).toBe('warmed');
		expect(service.computed).toBe(1);
	});

	it('abandons a warm-up overtaken by a newer one (a publish during it)', async () => {
		const service = serviceOver(pool);
		const first = service.warm();
		const second = service.warm();
		expect(await first).toBe('stale');
		expect(await second).toBe('warmed');
		expect(service.computed).toBe(1);
	});

	it('logs a failed warm-up and never rejects', async () => {
		const broken = new ForecastPool({ size: 1, script: moduleUrl(`import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => { throw new Error('no luck'); });`) });
		const logged: string[] = [];
		try {
			const service = new ForecastService(warehouse, { forecaster: broken, log: (line) => logged.push(line) });
			expect(await service.warm()).toBe('failed');
			expect(logged.join('\n')).toMatch(/warming the forecast cache failed .*no luck/);
		} finally {
			await broken.close();
		}
	});
});
