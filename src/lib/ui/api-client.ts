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
