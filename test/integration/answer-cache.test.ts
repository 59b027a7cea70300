/**
 * The answer cache on the real app: a repeated question is answered from memory with the same body, 16
 * identical requests at once compute once, and a new publish is never answered from the old one's cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/lib/server/api/create-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';

let warehouse: Warehouse;
let app: ReturnType<typeof createApi>;

beforeAll(async () => {
	warehouse = await builtWarehouse(await testConfig());
	app = createApi({ warehouse, log: () => {} });
});
afterAll(() => warehouse?.close());

describe('answer cache', () => {
	it('answers a repeated question from memory, with the same body, whatever the parameter order', async () => {
		const first = await app.request('/api/v1/metrics/summary?from=2026-06-01&to=2026-06-28&channel=coupon');
		const again = await app.request('/api/v1/metrics/summary?channel=coupon&to=2026-06-28&from=2026-06-01');
		expect(first.headers.get('x-answer-cache')).toBeNull();
		expect(again.headers.get('x-answer-cache')).toBe('hit');
		expect(await again.text()).toBe(await first.text());
		expect(again.headers.get('cache-control')).toBe('no-store');
	});

	it('computes 16 identical requests in flight once', async () => {
		const responses = await Promise.all(Array.from({ length: 16 }, () => app.request('/api/v1/channels?from=2026-05-01&to=2026-05-28')));
		const sources = responses.map((r) => r.headers.get('x-answer-cache'));
		expect(sources.filter((s) => s === null)).toHaveLength(1);
		expect(new Set(await Promise.all(responses.map((r) => r.text()))).size).toBe(1);
	});

	it('never caches errors, and a new publish is asked afresh', async () => {
		const bad = await app.request('/api/v1/metrics/summary?from=nope');
		expect(bad.status).toBe(400);
		expect((await app.request('/api/v1/metrics/summary?from=nope')).headers.get('x-answer-cache')).toBeNull();
		const before = await app.request('/api/v1/reports/partners?from=2026-06-01&to=2026-06-28');
		expect((await app.request('/api/v1/reports/partners?from=2026-06-01&to=2026-06-28')).headers.get('x-answer-cache')).toBe('hit');
		const rebuilt = await warehouse.build({ message: 'again', full: true });
		expect(rebuilt.status).toBe('published');
		const after = await app.request('/api/v1/reports/partners?from=2026-06-01&to=2026-06-28');
		expect(after.headers.get('x-answer-cache')).toBeNull();
		const [a, b] = [(await before.json()) as { meta: { publishId: number } }, (await after.json()) as { meta: { publishId: number } }];
		expect(b.meta.publishId).toBeGreaterThan(a.meta.publishId);
	});
});
