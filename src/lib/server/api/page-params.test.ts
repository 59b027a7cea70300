import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { pageParams } from './page-params.ts';
import { onError } from './problem.ts';

const app = new Hono().get('/', (c) => c.json(pageParams(c, 200))).onError(onError(() => {}));
const get = async (query: string) => {
	const response = await app.request(`/${query}`);
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('pageParams', () => {
	it('defaults to the first 50', async () => {
		expect(await get('')).toEqual({ status: 200, json: { limit: 50, offset: 0 } });
	});

	it.each([
		['?limit=1&offset=0', { limit: 1, offset: 0 }],
		['?limit=200&offset=1000', { limit: 200, offset: 1000 }]
	])('reads %s', async (query, expected) => {
		expect(await get(query)).toEqual({ status: 200, json: expected });
	});

	it.each([
		['?limit=0', 'limit', 'limit must be a whole number from 1 to 200, saw "0"'],
		['?limit=201', 'limit', 'limit must be a whole number from 1 to 200, saw "201"'],
		['?limit=2.5', 'limit', 'limit must be a whole number from 1 to 200, saw "2.5"'],
		['?limit=ten', 'limit', 'limit must be a whole number from 1 to 200, saw "ten"'],
		['?offset=-1', 'offset', 'offset must be a whole number from 0, saw "-1"'],
		['?offset=NaN', 'offset', 'offset must be a whole number from 0, saw "NaN"']
	])('refuses %s naming the parameter', async (query, parameter, detail) => {
		const { status, json } = await get(query);
		expect(status).toBe(400);
		expect(json).toMatchObject({ parameter, detail });
	});
});
