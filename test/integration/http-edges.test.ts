/**
 * The real built server (build/index.js) at the HTTP edge: requests refused before our code runs (URL over
 * 16 KB, NUL bytes, malformed percent-escapes, unknown paths) answer problem+json, and every answer carries the
 * security headers: a CSP whose scripts need SvelteKit's nonce, frame-ancestors 'none', nosniff, no referrer.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';

let server: RunningServer;

beforeAll(async () => {
	const config = await testConfig();
	(await builtWarehouse(config)).close();
	server = await startServer(config);
});
afterAll(async () => server?.stop());

/** Sends raw bytes (fetch refuses to send what Node's parser refuses to read) and returns the raw answer. */
function raw(request: string): Promise<{ status: number; headers: string; body: string }> {
	const { port } = new URL(server.url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), '127.0.0.1');
		let data = '';
		socket.on('data', (d) => (data += d));
		socket.on('end', () => {
			const [head = '', body = ''] = data.split('\r\n\r\n');
			resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body });
		});
		socket.on('error', reject);
		socket.setTimeout(10_000, () => reject(new Error('no answer')));
		socket.write(request);
	});
}

it('a URL over 16 KB answers 431 problem+json', async () => {
	const a = await raw(`GET /api/v1/partners?partner=${'P'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
	expect(a.status).toBe(431);
	expect(a.headers).toContain('content-type: application/problem+json');
	expect(JSON.parse(a.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
});

it('a NUL byte in the request line answers 400 problem+json', async () => {
	const a = await raw(`GET /api/v1/partners?x=\u0000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
	expect(a.status).toBe(400);
	expect(a.headers).toContain('content-type: application/problem+json');
	expect(JSON.parse(a.body).status).toBe(400);
});

it('a malformed percent-escape answers 400 problem+json, on the API and for non-HTML callers', async () => {
	for (const path of ['/api/v1/partners/%E0%A4%A', '/api/v1/%zz', '/partners/%E0%A4%A']) {
		const response = await fetch(`${server.url}${path}`, { headers: { accept: 'application/json' } });
		expect(response.status, path).toBe(400);
		expect(response.headers.get('content-type'), path).toBe('application/problem+json');
		expect((await response.json()).status).toBe(400);
	}
});

it('a cross-site form or no-cors POST is refused by the API in problem+json, not by a plain-text framework answer', async () => {
	for (const path of ['/api/v1/models/build', '/api/v1/auth/login', '/api/v1/digest/subscriptions']) {
		const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=x' });
		expect([403, 415], path).toContain(response.status);
		expect(response.headers.get('content-type'), path).toBe('application/problem+json');
	}
});

it('unknown paths answer problem+json to API callers and an HTML page to browsers', async () => {
	const api = await fetch(`${server.url}/nothing-here`, { headers: { accept: 'application/json' } });
	expect(api.status).toBe(404);
	expect(api.headers.get('content-type')).toBe('application/problem+json');
	const page = await fetch(`${server.url}/nothing-here`, { headers: { accept: 'text/html' } });
	expect(page.status).toBe(404);
	expect(page.headers.get('content-type')).toContain('text/html');
});

it('pages carry a nonce-based CSP with frame-ancestors none, and every answer the other security headers', async () => {
	const page = await fetch(`${server.url}/partners`, { headers: { accept: 'text/html' } });
	expect(page.status).toBe(200);
	const csp = page.headers.get('content-security-policy') ?? '';
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(csp).toContain("frame-ancestors 'none'");
	const html = await page.text();
	const nonce = /'nonce-([^']+)'/.exec(csp)![1];
	for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
	for (const response of [page, await fetch(`${server.url}/api/v1/health`)]) {
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
	}
	expect((await fetch(`${server.url}/api/v1/health`)).headers.get('content-security-policy')).toContain("default-src 'none'");
});
