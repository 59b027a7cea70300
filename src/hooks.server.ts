// Opens the warehouse when the server starts, so the first page view does not pay for it, and guards every
// page on the server: the Host must be one this server answers for, and each page's rule from
// page-permissions decides (signed out: to /login; a role that may not: 403). The API decides its own routes.
// Every answer gets the security headers, and error answers outside the HTML pages become problem+json,
// including the ones Node's parser and SvelteKit produce before a route runs.
import { error, type Handle, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { appContext, authContext } from '$lib/server/app-context';
import { hostAllowed, LOCAL_HOSTS } from '$lib/server/auth/allowed-hosts';
import { identify, SESSION_COOKIE } from '$lib/server/auth/identify';
import { pagePermission } from '$lib/server/auth/page-permissions';
import { roleAtLeast } from '$lib/auth/roles';
import { answerClientErrorsAsProblems } from '$lib/server/http/answer-client-errors';
import { toProblemResponse, wantsProblem } from '$lib/server/http/problem-for-errors';
import { withSecurityHeaders } from '$lib/server/http/security-headers';

export const init: ServerInit = async () => {
	answerClientErrorsAsProblems();
	try {
		await appContext();
	} catch (error) {
		console.error(`partnerscope: could not open the warehouse: ${error instanceof Error ? error.message : String(error)}`);
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	let response = await guard(event, resolve);
	if (wantsProblem(event.url.pathname, event.request.headers.get('accept'), response)) response = await toProblemResponse(event.url.pathname, response);
	return withSecurityHeaders(response, (response.headers.get('content-type') ?? '').startsWith('text/html'));
};

/** The Host check and the page's permission; then the page (or the API, which decides its own routes). */
async function guard(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	const auth = authContext();
	if (!hostAllowed(event.url.hostname, auth.allowedHosts ?? LOCAL_HOSTS))
		return new Response(JSON.stringify({ type: 'about:blank', title: 'Unknown host', status: 421, detail: `this server does not answer for host "${event.url.hostname.slice(0, 100)}"` }), {
			status: 421,
			headers: { 'content-type': 'application/problem+json' }
		});
	const routeId = event.route.id;
	if (routeId === null) return resolve(event); // assets and unknown paths (404)
	const need = pagePermission(routeId);
	if (need === 'api') return resolve(event);
	const caller = identify(auth, { sessionId: event.cookies.get(SESSION_COOKIE) });
	event.locals.user = caller.user;
	if (need === null) error(403, `the page ${routeId} is not in the page permission table, so nobody may open it`);
	if (need === 'public') return resolve(event);
	if (!caller.user) return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}` } });
	if (!roleAtLeast(caller.user.role, need)) error(403, `this page needs the ${need} role; ${caller.user.name} is ${caller.user.role}`);
	return resolve(event);
}
