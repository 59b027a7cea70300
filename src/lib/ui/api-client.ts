/** Browser-side fetch of the JSON API: problem+json errors become ApiError with the server's own words. */

export class ApiError extends Error {
	override name = 'ApiError';
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** `signal` aborts the request (a Loader passes one, so a superseded request stops). */
export async function getJson<T>(path: string, params?: URLSearchParams, fetcher: typeof fetch = fetch, signal?: AbortSignal): Promise<T> {
	const url = params && [...params.keys()].length ? `${path}?${params}` : path;
	const response = await fetcher(url, { headers: { accept: 'application/json' }, signal });
	const body = await response.json().catch(() => null);
	if (!response.ok) {
		const problem = body as { title?: string; detail?: string } | null;
		throw new ApiError(response.status, problem?.detail ?? problem?.title ?? `HTTP ${response.status}`);
	}
	return body as T;
}

/** The session's CSRF token from its readable cookie (the server sets it at sign-in). */
export function csrfToken(): string {
	const match = /(?:^|;\s*)ps_csrf=([^;]*)/.exec(typeof document === 'undefined' ? '' : document.cookie);
	return match ? decodeURIComponent(match[1]!) : '';
}

/**
 * A state-changing call: JSON body and the CSRF token echoed in x-csrf-token (the server refuses a signed-in
 * browser request without it). Every POST from the pages goes through here.
 */
export async function postJson<T>(path: string, body: unknown = {}, fetcher: typeof fetch = fetch): Promise<T> {
	const response = await fetcher(path, {
		method: 'POST',
		headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
		body: JSON.stringify(body)
	});
	const text = await response.text();
	const parsed = text ? (JSON.parse(text) as unknown) : null;
	if (!response.ok) {
		const problem = parsed as { title?: string; detail?: string } | null;
		throw new ApiError(response.status, problem?.detail ?? problem?.title ?? `HTTP ${response.status}`);
	}
	return parsed as T;
}

/**
 * Any state-changing call (POST, PUT, DELETE) as the server requires it: a JSON body (an empty object when
 * there is none) and the CSRF token. Returns the raw Response for callers that read conflicts or problems.
 */
export function sendJson(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown = {}, fetcher: typeof fetch = fetch): Promise<Response> {
	return fetcher(path, {
		method,
		headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
		body: JSON.stringify(body)
	});
}
