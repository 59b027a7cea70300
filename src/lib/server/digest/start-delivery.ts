/** Creates and starts the server process's DigestService from the configuration (called by app-context.ts). */
import type { Config } from '../config.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { DigestService } from './digest-service.ts';
import { DigestStore } from './digest-store.ts';
import { smtpMailer } from './mailer.ts';

export function startDelivery(warehouse: Warehouse, config: Config): DigestService {
	const service = new DigestService({
		warehouse,
		store: new DigestStore(config.warehousePath),
		config,
		mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null
	});
	service.start();
	return service;
}
