// Hands every /api/* request to the Hono app, so one process serves the pages and the API. The caller's
// address goes along for the sign-in rate limit (never for authorization: only roles decide).
import type { RequestHandler } from './$types';
import { appContext, isHttps } from '$lib/server/app-context';

export const fallback: RequestHandler = async ({ request, url, getClientAddress }) =>
	(await appContext()).api.fetch(request, { clientAddress: getClientAddress(), https: isHttps(url) });
