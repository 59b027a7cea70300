/**
 * The server process's single Warehouse and API, created on first use from the environment (see config.ts).
 * SvelteKit's hooks and the API route call this; tests build their own with createApi().
 */
import { normalizeConfig } from './config.ts';
import { Warehouse } from './warehouse/warehouse.ts';
import { createApi } from './api/create-api.ts';

type AppContext = { warehouse: Warehouse; api: ReturnType<typeof createApi> };

let context: Promise<AppContext> | null = null;

export function appContext(): Promise<AppContext> {
	context ??= (async () => {
		const warehouse = await Warehouse.open(normalizeConfig(process.env));
		return { warehouse, api: createApi({ warehouse }) };
	})();
	context.catch(() => {
		context = null; // let the next request try again (e.g. the warehouse file was locked)
	});
	return context;
}
