/**
 * Who may open each page, by SvelteKit route id, enforced on the server by hooks.server.ts (the UI only
 * mirrors it). A page missing from the table is refused (default deny), so a page added elsewhere stays
 * closed until it is listed; test/integration/route-permissions.test.ts lists the pages that are missing.
 * `/api/[...path]` is handed to the API, whose own table decides each route.
 */
import type { Need } from './route-permissions.ts';

export const PAGE_PERMISSIONS: Readonly<Record<string, Need | 'api'>> = {
	'/login': 'public',
	'/api/[...path]': 'api',
	'/': 'viewer',
	'/my-partners': 'viewer',
	'/partners': 'viewer',
	'/partners/[id]': 'viewer',
	'/channels': 'viewer',
	'/channels/[channel]': 'viewer',
	'/cohorts': 'viewer',
	'/quality': 'viewer',
	'/forecast': 'viewer',
	'/roi': 'executive',
	'/models': 'analyst',
	'/models/[name]': 'analyst',
	'/alerts': 'viewer',
	'/settings': 'viewer'
};

/** The rule for a route id, or null when it is not listed (refused). */
export function pagePermission(routeId: string): Need | 'api' | null {
	return PAGE_PERMISSIONS[routeId] ?? null;
}
