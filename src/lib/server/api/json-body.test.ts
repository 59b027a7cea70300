import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonBody, type JsonBodyRules } from './json-body.ts';
import { onError } from './problem.ts';

/** A real Hono app echoing what jsonBody read, errors through the API's own problem+json handler. */
async function post(body: string, rules?: JsonBodyRules) {
	const logged: string[] = [];
	const app = new Hono().post('/', async (c) => c.json(await jsonBody(c, rules))).onError(onError((line) => logged.push(line)));
	const response = await app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
	expect(logged).toEqual([]); // a bad body is the caller's mistake, never an internal error
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('jsonBody', () => {
	it('reads an object body as it was sent', async () => {
		expect(await post('{"user":"anna","days":3,"nested":{"a":[1,2]}}')).toEqual({ status: 200, json: { user: 'anna', days: 3, nested: { a: [1, 2] } } });
	});

	it.each([
		['an empty body', ''],
		['white space', '  \n'],
		['text that is not JSON', '{"user":'],
		['an array', '[1,2]'],
		['null', 'null'],
		['a string', '"anna"'],
		['a number', '42']
	])('refuses %s naming the body', async (_what, body) => {
		const { status, json } = await post(body);
		expect(status).toBe(400);
		expect(json).toMatchObject({ detail: 'the request body must be a JSON object', parameter: 'body' });
	});

	it('reads an empty body as {} when every field is optional, but still refuses a body that is not an object', async () => {
		expect(await post('', { emptyIsObject: true })).toEqual({ status: 200, json: {} });
		expect(await post(' \n', { emptyIsObject: true })).toEqual({ status: 200, json: {} });
		expect((await post('[]', { emptyIsObject: true })).status).toBe(400);
	});

	it('refuses a field the endpoint does not take, naming it and the fields it takes', async () => {
		expect(await post('{"author":"a","message":"m"}', { fields: ['author', 'message'] })).toEqual({ status: 200, json: { author: 'a', message: 'm' } });
		const { status, json } = await post('{"author":"a","<script>":1}', { fields: ['author', 'message'] });
		expect(status).toBe(400);
		expect(json).toMatchObject({ detail: 'unknown field "<script>"; this endpoint takes author, message', parameter: '<script>' });
	});
});
