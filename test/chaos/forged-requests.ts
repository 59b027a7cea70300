/**
 * Forged and cross-site requests against the real server, by kind, each with the status that must refuse it:
 * no credentials (401), an expired, revoked or made-up token (401), a signed-out session (401), the session
 * cookie alone or with a wrong CSRF token (403), a foreign Origin or cross-site fetch metadata (403), a
 * no-cors body (403 from SvelteKit's form check, or the API's 415), a foreign Host (421), a viewer on executive, analyst and admin routes (403), and sign-in
 * brute force (429 after the limit, the right password included). Every request is counted; one answered
 * otherwise is listed as admitted. Used by run-chaos.ts.
 */
import { MAX_PER_USER } from '../../src/lib/server/auth/login-limiter.ts';
import { ROUTE_PERMISSIONS } from '../../src/lib/server/auth/route-permissions.ts';
import { rawRequest } from './raw-request.ts';

export interface ForgeCredentials {
	readonly tokens: Readonly<Record<'viewer' | 'admin' | 'expired' | 'revoked', string>>;
	/** An admin who signs in with a password (the cookie attacks need a real session). */
	readonly admin: { readonly name: string; readonly password: string };
	/** A user whose password the brute-force round guesses. */
	readonly victim: { readonly name: string; readonly password: string };
	readonly ids: { readonly partner: string; readonly model: string };
}

export interface ForgeOutcome {
	readonly sent: number;
	/** Refused as required, per kind. */
	readonly refused: Readonly<Record<string, number>>;
	/** Requests that were not refused with the required status (must stay empty). */
	readonly admitted: readonly string[];
}

type Route = { readonly method: string; readonly path: string; readonly need: string };

/** Every registered route with its parameters filled, plus the analyst workspace under its prefix rule. */
function routes(ids: ForgeCredentials['ids']): Route[] {
	const listed = Object.entries(ROUTE_PERMISSIONS).map(([key, need]) => {
		const [method, path] = key.split(' ') as [string, string];
		return { method, path, need };
	});
	const workspace = [
		'GET /api/v1/models',
		'GET /api/v1/models/log',
		'GET /api/v1/models/:name',
		'GET /api/v1/models/:name/diff',
		'POST /api/v1/models/plan',
		'POST /api/v1/models/build',
		'POST /api/v1/models/rollback',
		'POST /api/v1/models/preview',
		'GET /api/v1/models/workspace/schema',
		'POST /api/v1/models/workspace/check',
		'POST /api/v1/models/workspace/preview',
		'POST /api/v1/models/workspace/plan',
		'GET /api/v1/models/workspace/files/:name',
		'PUT /api/v1/models/workspace/files/:name',
		'DELETE /api/v1/models/workspace/files/:name',
		'GET /api/v1/models/workspace/compare/:name'
	].map((key) => {
		const [method, path] = key.split(' ') as [string, string];
		return { method, path, need: 'analyst' };
	});
	return [...listed, ...workspace].map((r) => ({
		...r,
		path: r.path.replace(':id', r.path.startsWith('/api/v1/partners') ? ids.partner : 'no-such-id').replace(':channel', 'content').replace(':name', ids.model)
	}));
}

const CHANGES = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
/** A body the route would take if it were admitted: what a forger would send. */
const BODY = JSON.stringify({ sql: 'select 1 as x', text: '-- kind: view\nselect 1 as x\n', drafts: [{ name: 'x', text: null }], baseHash: null, publishId: 1, user: 'x', webhook: 'https://example.com/h', dimension: 'partner', target: 'P1' });

export async function forgedRequests(baseUrl: string, c: ForgeCredentials): Promise<ForgeOutcome> {
	const refused: Record<string, number> = {};
	const admitted: string[] = [];
	let sent = 0;
	const all = routes(c.ids);
	const guarded = all.filter((r) => r.need !== 'public');
	const changing = guarded.filter((r) => CHANGES.has(r.method));

	const attempt = async (kind: string, expected: number | readonly number[], route: Route, headers: Record<string, string>, json = true) => {
		sent++;
		const hasBody = CHANGES.has(route.method);
		const answer = await rawRequest(`${baseUrl}${route.path}`, {
			method: route.method,
			headers: { ...(hasBody && json ? { 'content-type': 'application/json' } : {}), ...headers },
			...(hasBody ? { body: BODY } : {})
		}).catch((error: Error) => ({ status: -1, body: error.message, headers: {} }));
		if ((typeof expected === 'number' ? [expected] : expected).includes(answer.status)) refused[kind] = (refused[kind] ?? 0) + 1;
		else admitted.push(`${kind}: ${route.method} ${route.path} answered ${answer.status} (expected ${expected}) ${answer.body.slice(0, 160)}`);
	};

	// A real session of an admin, and one that signed out.
	const session = await signIn(baseUrl, c.admin.name, c.admin.password);
	const ended = await signIn(baseUrl, c.admin.name, c.admin.password);
	await rawRequest(`${baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: ended.cookie, 'x-csrf-token': ended.csrf }, body: '{}' });

	for (const r of guarded) await attempt('no credentials', 401, r, {});
	for (const r of guarded) await attempt('expired token', 401, r, { authorization: `Bearer ${c.tokens.expired}` });
	for (const r of guarded) await attempt('revoked token', 401, r, { authorization: `Bearer ${c.tokens.revoked}` });
	for (const r of guarded) await attempt('made-up token', 401, r, { authorization: `Bearer ps_${'A'.repeat(43)}` });
	for (const r of guarded.filter((x) => !CHANGES.has(x.method))) await attempt('signed-out session', 401, r, { cookie: ended.cookie });
	for (const r of changing) await attempt('session cookie alone (CSRF)', 403, r, { cookie: session.cookie });
	for (const r of changing) await attempt('wrong CSRF token', 403, r, { cookie: session.cookie, 'x-csrf-token': `${session.csrf.slice(0, -2)}xx` });
	for (const r of changing) await attempt('foreign Origin', 403, r, { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: 'https://evil.example' });
	for (const r of changing) await attempt('cross-site fetch metadata', 403, r, { authorization: `Bearer ${c.tokens.admin}`, 'sec-fetch-site': 'cross-site' });
	// What a cross-site form or fetch(..., { mode: 'no-cors' }) can send: the cookie and a text/plain body. SvelteKit's
	// own form check answers first on the real server (403); the API's JSON rule (415) stands behind it.
	for (const r of changing) await attempt('no-cors body (text/plain)', [403, 415], r, { cookie: session.cookie, 'content-type': 'text/plain;charset=UTF-8' }, false);
	for (const r of all) await attempt('foreign Host (DNS rebinding)', 421, r, { authorization: `Bearer ${c.tokens.admin}`, host: 'evil.example' });
	for (const r of guarded.filter((x) => x.need !== 'viewer')) await attempt('viewer on executive, analyst or admin routes', 403, r, { authorization: `Bearer ${c.tokens.viewer}` });

	// Sign-in brute force: guesses beyond the limit are refused, and so is the right password then.
	const login = (password: string) =>
		rawRequest(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.victim.name, password }) });
	for (let i = 0; i < MAX_PER_USER; i++) {
		sent++;
		const a = await login(`guess-${i}`);
		if (a.status === 401) refused['wrong password within the limit (401)'] = (refused['wrong password within the limit (401)'] ?? 0) + 1;
		else admitted.push(`login guess ${i + 1} answered ${a.status} (expected 401)`);
	}
	for (let i = MAX_PER_USER; i < MAX_PER_USER + 10; i++) {
		sent++;
		const a = await login(i === MAX_PER_USER + 9 ? c.victim.password : `guess-${i}`);
		if (a.status === 429 && a.headers['retry-after']) refused['sign-in brute force (429)'] = (refused['sign-in brute force (429)'] ?? 0) + 1;
		else admitted.push(`login attempt ${i + 1}${i === MAX_PER_USER + 9 ? ' (right password)' : ''} answered ${a.status} (expected 429 with Retry-After)`);
	}
	return { sent, refused, admitted };
}

async function signIn(baseUrl: string, name: string, password: string): Promise<{ cookie: string; csrf: string }> {
	const a = await rawRequest(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password }) });
	if (a.status !== 200) throw new Error(`sign-in as ${name} answered ${a.status}: ${a.body.slice(0, 200)}`);
	const cookies = ([] as string[]).concat(a.headers['set-cookie'] ?? []).map((s) => s.split(';')[0]!);
	const csrf = cookies.find((s) => s.startsWith('ps_csrf='))?.slice('ps_csrf='.length) ?? '';
	return { cookie: cookies.join('; '), csrf };
}
