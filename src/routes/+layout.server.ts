// Hands the signed-in user (name, role, scope) to every page, so the UI can mirror what the server allows.
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { name: locals.user.name, role: locals.user.role, scope: locals.user.scope } : null
});
