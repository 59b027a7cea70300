// Hands every /api/* request to the Hono app, so one process serves the pages and the API.
import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app-context';

export const fallback: RequestHandler = async ({ request }) => (await appContext()).api.fetch(request);
