/**
 * The Hono app over a test's warehouse with sign-in on, and `request()` that sends an admin's bearer token
 * unless the caller sets its own Authorization (or `anonymous: true`): the existing API suites run through
 * the real authorization middleware as a user who may do everything.
 */
import type { Hono } from 'hono';
import { createApi, type ApiBindings, type ApiDeps, type ApiEnv } from '../../src/lib/server/api/create-api.ts';
import { AuthStore } from '../../src/lib/server/auth/auth-store.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { addTestUser, type TestUser } from './test-users.ts';

export interface TestApi {
	readonly app: Hono<ApiEnv>;
	readonly store: AuthStore;
	readonly admin: TestUser;
	/** Like app.request(), as the admin unless init carries its own authorization header. */
	request(path: string, init?: RequestInit, env?: ApiBindings): Promise<Response>;
}

export async function testApi(warehouse: Warehouse, deps: Partial<Omit<ApiDeps, 'warehouse'>> = {}): Promise<TestApi> {
	const store = AuthStore.forWarehouse(warehouse.config.warehousePath);
	const admin = await addTestUser(store, 'test-admin', 'admin');
	const app = createApi({ warehouse, log: () => {}, auth: { store }, ...deps });
	return {
		app,
		store,
		admin,
		request: async (path, init = {}, env) => {
			const headers = new Headers(init.headers);
			if (!headers.has('authorization')) headers.set('authorization', `Bearer ${admin.token}`);
			return app.request(path, { ...init, headers }, env);
		}
	};
}
