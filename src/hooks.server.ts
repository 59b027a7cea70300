// Opens the warehouse when the server starts, so the first page view does not pay for it, and guards every
// page on the server: the Host must be one this server answers for, and each page's rule from
// page-permissions decides (signed out: to /login; a role that may not: 403). The API decides its own routes.
import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { appContext, authContext } from '$lib/server/app-context';
import { hostAllowed, LOCAL_HOSTS } from '$lib/server/auth/allowed-hosts';
import { identify, SESSION_COOKIE } from '$lib/server/auth/identify';
import { pagePermission } from '$lib/server/auth/page-permissions';
import { roleAtLeast } from '$lib/auth/roles';

export const init: ServerInit = async () => {
	try {
		await appContext();
	} catch (error) {
		console.error(`partnerscope: could not open the warehouse: ${error instanceof Error ? error.message : String(error)}`);
	}
};

export const handle: Handle = async ({ event, resolve }) => {
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
	if (!caller.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!roleAtLeast(caller.user.role, need)) error(403, `this page needs the ${need} role; ${caller.user.name} is ${caller.user.role}`);
	return resolve(event);
};
