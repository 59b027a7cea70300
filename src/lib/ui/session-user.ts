/**
 * The signed-in user as the pages see it (from +layout.server.ts) and what the UI shows them. The server
 * enforces every rule; this only hides controls a role may not use, so nobody is offered a 403.
 */
import { roleAtLeast, type Role } from '$lib/auth/roles';

export type SessionUser = { name: string; role: Role; scope: { channels: readonly string[]; partners: readonly string[]; managers: readonly string[] } };

export function can(user: SessionUser | null, role: Role): boolean {
	return user !== null && roleAtLeast(user.role, role);
}

export function isScoped(user: SessionUser | null): boolean {
	return user !== null && (user.scope.channels.length > 0 || user.scope.partners.length > 0 || user.scope.managers.length > 0);
}

export function scopeLabel(user: SessionUser): string {
	const s = user.scope;
	return [s.managers.length ? `manager ${s.managers.join(', ')}` : '', s.channels.length ? `channels ${s.channels.join(', ')}` : '', s.partners.length ? `partners ${s.partners.join(', ')}` : '']
		.filter(Boolean)
		.join('; ');
}
