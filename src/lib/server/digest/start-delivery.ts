/** Creates and starts the server process's DigestService from the configuration (called by app-context.ts). */
import type { Config } from '../config.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { DigestService } from './digest-service.ts';
import { DigestStore } from './digest-store.ts';
import { smtpMailer } from './mailer.ts';
import type { AuthStore } from '../auth/auth-store.ts';

/** `users` (sign-in's store) gives each subscriber's current scope; with sign-in off the subscription's own scope applies. */
export function startDelivery(warehouse: Warehouse, config: Config, users: AuthStore | null = null): DigestService {
	const service = new DigestService({
		warehouse,
		store: new DigestStore(config.warehousePath),
		config,
		mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null,
		...(users ? { scopeOf: (name: string) => users.findUser(name)?.scope ?? null } : {})
	});
	service.start();
	return service;
}
