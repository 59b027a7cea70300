/**
 * Who may call what, through the real Hono app over a real warehouse with sign-in on: every registered route
 * as anonymous, viewer, scoped viewer, executive, analyst, admin and a revoked token against the route table;
 * routes and pages missing from the tables refused; the forged requests of the security campaign (issue 11)
 * refused: CSRF by cookie alone or from a no-cors fetch on every state-changing route, a same-host proxy, a
 * foreign Host header; session fixation, cookie flags, the brute-force limit, the same answer for a wrong user
 * and a wrong password, and path traversal in model names.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAtLeast, type Role } from '../../src/lib/auth/roles.ts';
import { pagePermission } from '../../src/lib/server/auth/page-permissions.ts';
import { permissionFor } from '../../src/lib/server/auth/route-permissions.ts';
import { MAX_PER_USER } from '../../src/lib/server/auth/login-limiter.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, REPO_ROOT } from '../helpers/fixture.ts';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { createApi } from '../../src/lib/server/api/create-api.ts';
import { addTestUser, bearer, TEST_PASSWORD, type TestUser } from '../helpers/test-users.ts';

let warehouse: Warehouse;
let api: TestApi;
const users = {} as Record<'viewer' | 'scoped' | 'executive' | 'analyst' | 'admin' | 'revoked', TestUser>;
let manager: string;
let somePartner: string;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	const [top] = await warehouse.db.query<{ manager: string; partner_id: string }>('select manager, min(partner_id) as partner_id from main.stg_partners group by 1 order by count(*) desc, 1 limit 1');
	manager = top!.manager;
	somePartner = top!.partner_id;
	users.viewer = await addTestUser(api.store, 'vic', 'viewer');
	users.scoped = await addTestUser(api.store, 'sam', 'viewer', { channels: [], partners: [], managers: [manager] });
	users.executive = await addTestUser(api.store, 'eve', 'executive');
	users.analyst = await addTestUser(api.store, 'ana', 'analyst');
	users.admin = api.admin;
	users.revoked = await addTestUser(api.store, 'rev', 'admin');
	api.store.revokeToken(api.store.listTokens('rev').at(-1)!.id);
});
afterAll(() => warehouse?.close());

type Caller = { name: string; role: Role | null; headers: Record<string, string> };
const callers = (): Caller[] => [
	{ name: 'anonymous', role: null, headers: { authorization: '' } },
	{ name: 'viewer', role: 'viewer', headers: bearer(users.viewer) },
	{ name: 'scoped viewer', role: 'viewer', headers: bearer(users.scoped) },
	{ name: 'executive', role: 'executive', headers: bearer(users.executive) },
	{ name: 'analyst', role: 'analyst', headers: bearer(users.analyst) },
	{ name: 'admin', role: 'admin', headers: bearer(users.admin) },
	{ name: 'revoked token', role: null, headers: bearer(users.revoked) }
];

/** Every endpoint the app registers (middleware excluded). */
function endpoints(): { method: string; path: string }[] {
	const seen = new Set<string>();
	return api.app.routes
		.filter((r) => r.method !== 'ALL')
		.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
		.map((r) => ({ method: r.method, path: r.path }));
}

/** A concrete request for a route that the route admits or refuses quickly: a bad body or an unknown parameter where it runs work. */
function requestFor(method: string, routePath: string): { url: string; init: RequestInit } {
	const url = routePath.replace(':id', somePartner).replace(':channel', 'content').replace(':name', 'stg_sales');
	if (method === 'GET') return { url: url.startsWith('/api/v1/forecast') ? `${url}?not_a_parameter=1` : url, init: {} };
	const body = url.endsWith('/auth/login') ? {} : url.endsWith('/auth/logout') ? {} : { not_a_field: 1 };
	return { url, init: { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } };
}

describe('the route table', () => {
	it('lists every registered API route (a route missing from it is refused for everyone)', () => {
		const missing = endpoints().filter((e) => permissionFor(e.method, e.path) === null);
		expect(missing.map((m) => `${m.method} ${m.path}`), 'add these to src/lib/server/auth/route-permissions.ts').toEqual([]);
	});

	it('lists every page (a page missing from it is refused)', () => {
		const ids: string[] = [];
		const walk = (dir: string, id: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				if (entry.isDirectory()) walk(path.join(dir, entry.name), `${id}/${entry.name}`);
				else if (/^\+(page|server)\.(svelte|ts)$/.test(entry.name)) ids.push(id === '' ? '/' : id);
			}
		};
		walk(path.join(REPO_ROOT, 'src/routes'), '');
		expect(ids.filter((id) => pagePermission(id) === null), 'add these to src/lib/server/auth/page-permissions.ts').toEqual([]);
	});

	it('refuses a route that is registered but not listed, even for an admin', async () => {
		api.app.get('/unlisted-new-route', (c) => c.json({ leaked: true }));
		const response = await api.request('/api/v1/unlisted-new-route');
		expect(response.status).toBe(403);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/not in the authorization table/);
	});
});

describe('the role matrix: every route x every caller', { timeout: 300_000 }, () => {
	it('answers 401 without valid credentials, 403 for a role that may not, and admits the rest', async () => {
		const mismatches: string[] = [];
		let checked = 0;
		for (const e of endpoints()) {
			if (e.path === '/api/v1/unlisted-new-route') continue;
			const need = permissionFor(e.method, e.path)!;
			for (const caller of callers()) {
				const { url, init } = requestFor(e.method, e.path);
				const response = await api.request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...caller.headers } });
				await response.arrayBuffer();
				const expected = need === 'public' ? 'admitted' : caller.role === null ? 401 : roleAtLeast(caller.role, need) ? 'admitted' : 403;
				const got = response.status === 401 || response.status === 403 ? response.status : 'admitted';
				if (got !== expected) mismatches.push(`${e.method} ${e.path} as ${caller.name}: expected ${expected}, got ${response.status}`);
				checked++;
			}
		}
		expect(mismatches).toEqual([]);
		expect(checked).toBeGreaterThanOrEqual(7 * 35);
	});

	it('Arrow exports are for executives and up; CSV for every role', async () => {
		const arrow = { accept: 'application/vnd.apache.arrow.stream' };
		for (const [user, status] of [
			[users.viewer, 403],
			[users.executive, 200],
			[users.analyst, 200]
		] as const) {
			const response = await api.request('/api/v1/partners', { headers: { ...bearer(user), ...arrow } });
			await response.arrayBuffer();
			expect(response.status, user.name).toBe(status);
			expect((await api.request('/api/v1/partners?format=arrow', { headers: bearer(user) })).status, `${user.name} ?format=arrow`).toBe(status);
		}
		expect((await api.request('/api/v1/partners?format=csv', { headers: bearer(users.viewer) })).status).toBe(200);
	});

	it('health stays public and says nothing beyond status and freshness', async () => {
		const response = await api.request('/api/v1/health', { headers: { authorization: '' } });
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(Object.keys(body).sort()).toEqual(['building', 'latestClickAt', 'latestSaleAt', 'publishedAt', 'status']);
		expect(body.status).toBe('ok');
		const full = (await (await api.request('/api/v1/health', { headers: bearer(users.viewer) })).json()) as Record<string, unknown>;
		expect(full).toHaveProperty('rowCounts');
	});

	it('who am I: name, role and scope', async () => {
		const me = await (await api.request('/api/v1/auth/me', { headers: bearer(users.scoped) })).json();
		expect(me).toEqual({ name: 'sam', role: 'viewer', scope: { channels: [], partners: [], managers: [manager] }, via: 'token' });
		expect(ROLES).toEqual(['viewer', 'executive', 'analyst', 'admin']);
	});
});

async function login(username: string, password: string, headers: Record<string, string> = {}, base = 'http://localhost') {
	return api.app.request(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) }, { clientAddress: headers['x-test-address'] ?? '198.51.100.1' });
}

function cookiesOf(response: Response): Record<string, string> {
	return Object.fromEntries(response.headers.getSetCookie().map((c) => [c.split('=')[0]!, c.split(';')[0]!.split('=').slice(1).join('=')]));
}

describe('sessions: cookie flags, fixation, sign-out', () => {
	it('sets an HttpOnly, SameSite=Lax, expiring session cookie, Secure over https, and a readable CSRF cookie', async () => {
		const http = await login('ana', TEST_PASSWORD);
		expect(http.status).toBe(200);
		const [session, csrf] = http.headers.getSetCookie();
		expect(session).toMatch(/^ps_session=[\w-]{40,}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
		expect(csrf).toMatch(/^ps_csrf=[\w-]{20,}; Max-Age=43200; Path=\/; SameSite=Lax$/);
		const https = await login('ana', TEST_PASSWORD, {}, 'https://localhost');
		for (const cookie of https.headers.getSetCookie()) expect(cookie).toMatch(/; Secure/);
	});

	it('gives a new session id at every sign-in and ends the one the browser brought (no fixation)', async () => {
		const planted = 'attacker-chosen-session-id-0123456789';
		const first = await login('ana', TEST_PASSWORD, { cookie: `ps_session=${planted}` });
		const a = cookiesOf(first).ps_session!;
		expect(a).not.toBe(planted);
		const me = (id: string) => api.app.request('/api/v1/auth/me', { headers: { cookie: `ps_session=${id}` } });
		expect((await me(planted)).status).toBe(401);
		expect((await me(a)).status).toBe(200);
		// A session planted by someone who signed in themselves is ended when the victim signs in over it.
		const second = await login('vic', TEST_PASSWORD, { cookie: `ps_session=${a}` });
		expect(second.status).toBe(200);
		const b = cookiesOf(second).ps_session!;
		expect(b).not.toBe(a);
		expect((await me(a)).status).toBe(401);
		expect(await (await me(b)).json()).toMatchObject({ name: 'vic', via: 'session' });
	});

	it('sign-out ends the session', async () => {
		const { ps_session: id, ps_csrf: csrf } = cookiesOf(await login('ana', TEST_PASSWORD));
		const out = await api.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: `ps_session=${id}`, 'x-csrf-token': csrf!, 'content-type': 'application/json' }, body: '{}' });
		expect(out.status).toBe(204);
		expect((await api.app.request('/api/v1/auth/me', { headers: { cookie: `ps_session=${id}` } })).status).toBe(401);
	});
});

describe('sign-in answers and the brute-force limit', () => {
	it('answers a wrong user and a wrong password the same way', async () => {
		const wrongUser = await login('no-such-user', TEST_PASSWORD, { 'x-test-address': '198.51.100.20' });
		const wrongPassword = await login('vic', 'not the password', { 'x-test-address': '198.51.100.21' });
		expect(wrongUser.status).toBe(401);
		expect(wrongPassword.status).toBe(401);
		expect(await wrongUser.json()).toEqual(await wrongPassword.json());
		expect(wrongUser.headers.getSetCookie()).toEqual([]);
	});

	it(`refuses a user name after ${MAX_PER_USER} failures, even with the right password, and says when to retry`, async () => {
		await addTestUser(api.store, 'bruno', 'viewer');
		for (let i = 0; i < MAX_PER_USER; i++) expect((await login('bruno', `guess-${i}`, { 'x-test-address': `198.51.100.${100 + i}` })).status).toBe(401);
		const locked = await login('bruno', TEST_PASSWORD, { 'x-test-address': '198.51.100.200' });
		expect(locked.status).toBe(429);
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
		// A name that does not exist is limited the same way, so the limit reveals nothing.
		for (let i = 0; i < MAX_PER_USER; i++) await login('ghost', `guess-${i}`, { 'x-test-address': `198.51.100.${150 + i}` });
		expect((await login('ghost', 'x', { 'x-test-address': '198.51.100.201' })).status).toBe(429);
		// Others still sign in.
		expect((await login('vic', TEST_PASSWORD, { 'x-test-address': '198.51.100.202' })).status).toBe(200);
	});
});

describe('forged requests are refused (issue 11)', () => {
	const stateChanging = () => endpoints().filter((e) => e.method !== 'GET' && e.path !== '/api/v1/auth/login' && e.path !== '/api/v1/auth/logout');

	it('CSRF: with the session cookie alone, or a no-cors body, or from another origin, no state-changing route runs', async () => {
		const { ps_session: id, ps_csrf: csrf } = cookiesOf(await login('ana', TEST_PASSWORD));
		const before = (await warehouse.publishedState()).publishId;
		const routes = stateChanging();
		expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v1/models/plan', '/api/v1/models/build', '/api/v1/models/rollback', '/api/v1/models/preview']));
		const attempts: [string, Record<string, string>, string, number][] = [
			['cookie alone', { cookie: `ps_session=${id}`, 'content-type': 'application/json' }, '{}', 403],
			['no-cors fetch (text/plain) with the token', { cookie: `ps_session=${id}`, 'content-type': 'text/plain;charset=UTF-8', 'x-csrf-token': csrf! }, '{}', 415],
			['a form post', { cookie: `ps_session=${id}`, 'content-type': 'application/x-www-form-urlencoded' }, 'publishId=1', 415],
			['another origin', { cookie: `ps_session=${id}`, 'content-type': 'application/json', 'x-csrf-token': csrf!, origin: 'https://attacker.example' }, '{}', 403],
			['a cross-site fetch', { cookie: `ps_session=${id}`, 'content-type': 'application/json', 'x-csrf-token': csrf!, 'sec-fetch-site': 'cross-site' }, '{}', 403],
			['a wrong token', { cookie: `ps_session=${id}`, 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(32) }, '{}', 403]
		];
		for (const route of routes) {
			for (const [what, headers, body, status] of attempts) {
				const response = await api.app.request(route.path, { method: route.method, headers, body });
				expect(response.status, `${route.method} ${route.path}: ${what}`).toBe(status);
			}
		}
		expect((await warehouse.publishedState()).publishId).toBe(before);
		// The same session with its token from this origin is let through (here to a 400 for the bad body).
		const ok = await api.app.request('/api/v1/models/rollback', { method: 'POST', headers: { cookie: `ps_session=${id}`, 'content-type': 'application/json', 'x-csrf-token': csrf!, origin: 'http://localhost' }, body: '{}' });
		expect(ok.status).toBe(400);
	});

	it('sign-in itself takes JSON only (no login CSRF from a form or no-cors fetch)', async () => {
		const form = await api.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ username: 'vic', password: TEST_PASSWORD }) });
		expect(form.status).toBe(415);
	});

	it('a request from this machine (a same-host reverse proxy) gets no rights from its address', async () => {
		for (const e of stateChanging()) {
			const response = await api.app.request(e.path, { method: e.method, headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' }, body: '{}' }, { clientAddress: '127.0.0.1' });
			expect(response.status, e.path).toBe(401);
		}
	});

	it('refuses a Host this server does not answer for (DNS rebinding), with the right token too', async () => {
		const response = await api.request('http://attacker.example/api/v1/partners');
		expect(response.status).toBe(421);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		expect((await api.request('http://127.0.0.1/api/v1/health')).status).toBe(200);
	});

	it('previews need the analyst role', async () => {
		const preview = (headers: Record<string, string>) =>
			api.request('/api/v1/models/preview', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ sql: 'select 1 as x' }) });
		expect((await preview({ authorization: '' })).status).toBe(401);
		expect((await preview(bearer(users.executive))).status).toBe(403);
		const ok = await preview(bearer(users.analyst));
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ rows: [{ x: 1 }] });
	});

	it.each(['..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..%5C..%5Cwarehouse', 'marts%2F..%2F..%2F..%2Fpackage.json', '%00stg_sales', 'stg_sales%2F..%2F..'])(
		'a model name with path traversal (%s) is refused as a viewer and answers no file as an analyst',
		async (name) => {
			// 403 for the route, or 404 where the URL parser already resolved the dots away from it.
			expect([403, 404]).toContain((await api.request(`/api/v1/models/${name}`, { headers: bearer(users.viewer) })).status);
			const response = await api.request(`/api/v1/models/${name}`, { headers: bearer(users.analyst) });
			expect([400, 404]).toContain(response.status);
			const text = await response.text();
			expect(text).not.toMatch(/root:|"name": *"partnerscope"|"text"/);
			const diff = await api.request(`/api/v1/models/${name}/diff`, { headers: bearer(users.analyst) });
			expect([400, 404]).toContain(diff.status);
		}
	);
});

describe('PARTNERSCOPE_AUTH=off (a single local user)', () => {
	it('makes every caller the local admin, but still refuses forged requests and foreign hosts', async () => {
		const off = createApi({ warehouse, log: () => {}, auth: { store: api.store, off: true } });
		const me = await off.request('/api/v1/auth/me');
		expect(await me.json()).toMatchObject({ name: 'local', role: 'admin', via: 'off' });
		expect((await off.request('/api/v1/models/rollback', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
		expect((await off.request('/api/v1/models/rollback', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://attacker.example' }, body: '{}' })).status).toBe(403);
		expect((await off.request('http://attacker.example/api/v1/partners')).status).toBe(421);
		// A bearer token still names its user (and a revoked one is still refused).
		expect(await (await off.request('/api/v1/auth/me', { headers: bearer(users.viewer) })).json()).toMatchObject({ name: 'vic', via: 'token' });
		expect((await off.request('/api/v1/partners', { headers: bearer(users.revoked) })).status).toBe(401);
	});
});
