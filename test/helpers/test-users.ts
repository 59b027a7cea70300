/**
 * Users for tests, in the real users file beside a test's warehouse: one per role (and a scoped viewer),
 * each with a password and an API token, so tests call the API as any role through the real middleware.
 */
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import type { Role } from '../../src/lib/auth/roles.ts';
import type { UserScope } from '../../src/lib/server/auth/user-scope.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
	readonly name: string;
	readonly role: Role;
	readonly password: string;
	/** `Authorization: Bearer <token>` for this user. */
	readonly token: string;
}

/** Adds a user with TEST_PASSWORD and a token (or returns the existing one's new token). */
export async function addTestUser(store: AuthStore, name: string, role: Role, scope?: UserScope): Promise<TestUser> {
	if (!store.findUser(name)) await store.addUser({ name, role, password: TEST_PASSWORD, ...(scope ? { scope } : {}) });
	return { name, role, password: TEST_PASSWORD, token: store.createToken(name, { name: 'test' }).secret };
}

export const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });
