import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { onlyParams } from './only-params.ts';
import { onError } from './problem.ts';

const app = new Hono()
	.get('/some', (c) => (onlyParams(c, ['from', 'to']), c.json({ ok: true })))
	.get('/none', (c) => (onlyParams(c, []), c.json({ ok: true })))
	.onError(onError(() => {}));
const get = async (url: string) => {
	const response = await app.request(url);
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('onlyParams', () => {
	it('lets the named parameters through, repeated or absent', async () => {
		expect((await get('/some')).status).toBe(200);
		expect((await get('/some?from=2026-01-01&to=2026-01-31&to=x')).status).toBe(200);
		expect((await get('/none')).status).toBe(200);
	});

	it('refuses an unknown parameter, naming it and what the endpoint takes', async () => {
		expect(await get('/some?from=1&form=2')).toEqual({
			status: 400,
			json: expect.objectContaining({ parameter: 'form', detail: 'unknown parameter "form"; this endpoint takes from, to' })
		});
		expect(await get('/none?limit=5')).toEqual({
			status: 400,
			json: expect.objectContaining({ parameter: 'limit', detail: 'unknown parameter "limit"; this endpoint takes none' })
		});
	});
});
