// Opens the warehouse when the server starts, so the first page view does not pay for it. Every answer gets
// the security headers, and error answers outside the HTML pages become problem+json, including the ones
// Node's parser and SvelteKit produce before a route runs.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
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
	let response = await resolve(event);
	if (wantsProblem(event.url.pathname, event.request.headers.get('accept'), response)) response = await toProblemResponse(event.url.pathname, response);
	return withSecurityHeaders(response, (response.headers.get('content-type') ?? '').startsWith('text/html'));
};
