/**
 * The demo accounts `serve --sample` (npm start) creates when the users file has none: an admin and a scoped
 * manager (the sample's manager with the most partners, seeing only their book). Passwords are generated and
 * printed once; `partnerscope users reset-password <name>` makes new ones.
 */
import { AuthStore, type User } from '../lib/server/auth/auth-store.ts';
import { generatePassword } from '../lib/server/auth/password-hash.ts';
import type { Warehouse } from '../lib/server/warehouse/warehouse.ts';

export interface DemoAccount {
	readonly user: User;
	readonly password: string;
}

/** A user name from a person's name: "Jane Roe" -> "jane.roe". */
export function userNameOf(person: string): string {
	const name = person
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '.')
		.replace(/^\.+|\.+$/g, '')
		.slice(0, 60);
	return name || 'manager';
}

export async function createDemoUsers(store: AuthStore, warehouse: Warehouse): Promise<DemoAccount[]> {
	if (store.listUsers().length > 0) return [];
	const accounts: DemoAccount[] = [];
	const adminPassword = generatePassword();
	accounts.push({ user: await store.addUser({ name: 'admin', role: 'admin', password: adminPassword }), password: adminPassword });
	const [top] = await warehouse.db.query<{ manager: string }>(
		"select manager from main.stg_partners where manager is not null and manager <> '' group by manager order by count(*) desc, manager limit 1"
	);
	if (top) {
		const password = generatePassword();
		const user = await store.addUser({ name: userNameOf(top.manager), role: 'viewer', scope: { channels: [], partners: [], managers: [top.manager] }, password });
		accounts.push({ user, password });
	}
	return accounts;
}
