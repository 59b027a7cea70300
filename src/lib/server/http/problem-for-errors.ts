/**
 * SvelteKit answers some requests before any route runs (a malformed percent-escape: 400 "Malformed URI", an
 * unknown path: 404) with an HTML error page. For the API and for callers that do not ask for HTML, the handle
 * hook turns any such error answer into problem+json (RFC 9457), like every answer of the Hono API.
 */

/** Whether this error answer should be problem+json instead (pure). */
export function wantsProblem(pathname: string, accept: string | null, response: Response): boolean {
	if (response.status < 400) return false;
	// The API's own JSON answers are deliberate (e.g. health's 503 body with its status and message): kept as they are.
	const type = response.headers.get('content-type') ?? '';
	if (type.startsWith('application/problem+json') || type.startsWith('application/json')) return false;
	return pathname.startsWith('/api/') || !(accept ?? '').includes('text/html');
}

export async function toProblemResponse(pathname: string, response: Response): Promise<Response> {
	const status = response.status;
	const text = (await response.text().catch(() => '')).trim();
	const detail = /^[^<{]/.test(text) && text.length < 200 ? text : (response.statusText || `the request to ${pathname.slice(0, 200)} failed`);
	const body = JSON.stringify({ type: 'about:blank', title: response.statusText || titleOf(status), status, detail });
	const headers = new Headers(response.headers);
	headers.set('content-type', 'application/problem+json');
	headers.delete('content-length');
	return new Response(body, { status, headers });
}

function titleOf(status: number): string {
	return status === 404 ? 'Not Found' : status === 400 ? 'Bad Request' : status === 405 ? 'Method Not Allowed' : status >= 500 ? 'Internal Error' : 'Request refused';
}
