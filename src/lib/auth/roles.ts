/**
 * The roles, weakest first: each may do everything the one before it may. Read by the authorization
 * middleware, the page guard, the CLI and the UI (which only mirrors what the server enforces).
 */
export const ROLES = ['viewer', 'executive', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
