/**
 * Who may call each API route: one table from "METHOD /path" (as the route is registered in Hono) to the
 * weakest role that may, or `public`. A route missing from the table is refused (default deny) and
 * test/integration/route-permissions.test.ts lists it, so a route added elsewhere fails closed until it is
 * listed here. Read by the authorization middleware.
 */
import type { Role } from '../../auth/roles.ts';

export type Need = 'public' | Role;

export const ROUTE_PERMISSIONS: Readonly<Record<string, Need>> = {
	'GET /api/v1/health': 'public',
	'POST /api/v1/auth/login': 'public',
	'POST /api/v1/auth/logout': 'public',
	'GET /api/v1/auth/me': 'viewer',
	'GET /api/v1/auth/users': 'admin',

	'GET /api/v1/reports/partners': 'viewer',
	'GET /api/v1/reports/overview': 'viewer',
	'GET /api/v1/reports/weekly-review': 'viewer',
	'GET /api/v1/reports/roi': 'executive',
	'GET /api/v1/metrics': 'viewer',
	'GET /api/v1/metrics/summary': 'viewer',
	'GET /api/v1/metrics/breakdown': 'viewer',
	'GET /api/v1/metrics/dimensions': 'viewer',
	'GET /api/v1/partners': 'viewer',
	'GET /api/v1/partners/:id': 'viewer',
	'GET /api/v1/channels': 'viewer',
	'GET /api/v1/channels/mix': 'viewer',
	'GET /api/v1/channels/:channel': 'viewer',
	'GET /api/v1/cohorts/customers': 'viewer',
	'GET /api/v1/cohorts/customers/summary': 'viewer',
	'GET /api/v1/cohorts/partners': 'viewer',
	'GET /api/v1/cohorts/partners/revenue': 'viewer',
	'GET /api/v1/cohorts/partners/members': 'viewer',
	'GET /api/v1/quality/signals': 'viewer',
	'GET /api/v1/quality/daily': 'viewer',
	'GET /api/v1/quality/rows': 'viewer',
	'GET /api/v1/forecast/revenue': 'viewer',
	'GET /api/v1/forecast/budget': 'viewer',

	// Digest and alerts: everyone manages their own subscriptions (digest-routes.ts checks ownership);
	// the send log and sending on demand are for admins. Alerts are filtered to the caller's scope.
	'GET /api/v1/digest/subscriptions': 'viewer',
	'POST /api/v1/digest/subscriptions': 'viewer',
	'DELETE /api/v1/digest/subscriptions/:id': 'viewer',
	'GET /api/v1/digest/sends': 'admin',
	'GET /api/v1/digest/health': 'viewer',
	'GET /api/v1/digest/preview': 'viewer',
	'POST /api/v1/digest/send': 'admin',
	'GET /api/v1/alerts': 'viewer',
	'POST /api/v1/alerts/:id/acknowledge': 'viewer',
	'GET /api/v1/alerts/mutes': 'viewer',
	'POST /api/v1/alerts/mutes': 'viewer',
	'DELETE /api/v1/alerts/mutes/:id': 'viewer'
};

/**
 * Whole areas with one rule: everything under /api/v1/models (reading the catalog, preview, plan, build,
 * publish, rollback, save) is the analyst workspace.
 */
export const PREFIX_PERMISSIONS: Readonly<Record<string, Role>> = {
	'/api/v1/models': 'analyst'
};

/** Arrow IPC exports are for executives and up; viewers get JSON and CSV of what they see. */
export const ARROW_EXPORT_ROLE: Role = 'executive';

/** The rule for a registered route, or null when it is not listed (refused). */
export function permissionFor(method: string, path: string): Need | null {
	const exact = ROUTE_PERMISSIONS[`${method} ${path}`];
	if (exact) return exact;
	for (const [prefix, role] of Object.entries(PREFIX_PERMISSIONS)) if (path === prefix || path.startsWith(`${prefix}/`)) return role;
	return null;
}
