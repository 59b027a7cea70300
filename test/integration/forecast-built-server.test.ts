/**
 * The forecast worker in the built server (build/index.js, bundled by Vite and adapter-node, where the worker
 * is a module embedded in the bundle): the server warms the default forecast after it starts, answers the
 * forecast routes exactly as the in-process computation over the same warehouse does, and logs no failure.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { testApi } from '../helpers/test-api.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import type { Config } from '../../src/lib/server/config.ts';
import { ForecastService } from '../../src/lib/server/reports/forecast/forecast-service.ts';
import { inProcessForecaster } from '../../src/lib/server/reports/forecast/forecaster.ts';

let config: Config;
let server: RunningServer;

beforeAll(async () => {
	config = await testConfig();
	(await builtWarehouse(config)).close();
	server = await startServer(config, { PARTNERSCOPE_AUTH: 'off' });
});
afterAll(async () => server?.stop());

/** The answers of the in-process computation, over the same file once the server has let go of it. */
async function inProcessAnswers(paths: readonly string[]): Promise<unknown[]> {
	const warehouse = await Warehouse.open(config);
	try {
		const api = await testApi(warehouse, { forecasts: new ForecastService(warehouse, { forecaster: inProcessForecaster }) });
		const answers = [];
		for (const p of paths) answers.push(await (await api.request(p)).json());
		return answers;
	} finally {
		warehouse.close();
	}
}

it('warms the default forecast after start, then forecasts on its bundled worker exactly as in-process', async () => {
	// No request has asked for a forecast yet: the server computes the default by itself and says so.
	for (const deadline = Date.now() + 120_000; !/forecast of publish #\d+ ready/.test(server.output()); ) {
		expect(Date.now(), server.output()).toBeLessThan(deadline);
		await new Promise((r) => setTimeout(r, 100));
	}
	const paths = ['/api/v1/forecast/revenue', '/api/v1/forecast/revenue?channel=coupon&horizon=26', '/api/v1/forecast/budget?horizon=8'];
	const answers = [];
	for (const p of paths) {
		const r = await fetch(`${server.url}${p}`);
		expect(r.status, `${p}: ${server.output()}`).toBe(200);
		answers.push(await r.json());
	}
	expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
	expect(server.output()).not.toMatch(/failed|error/i);
	await server.stop();
	expect(answers).toStrictEqual(await inProcessAnswers(paths));
});
