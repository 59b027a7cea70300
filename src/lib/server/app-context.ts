/**
 * The server process's single Warehouse and API, created on first use from the environment (see config.ts).
 * SvelteKit's hooks and the API route call this; tests build their own with createApi().
 * Once the warehouse is open, the server advertises itself in `<warehouse>.server.json` so the CLI hands
 * model operations to it (this process holds the DuckDB file); the file goes when the process does.
 */
import { normalizeConfig } from './config.ts';
import { Warehouse } from './warehouse/warehouse.ts';
import { createApi } from './api/create-api.ts';
import { localUrl, writeServerState } from './warehouse/server-state-file.ts';

type AppContext = { warehouse: Warehouse; api: ReturnType<typeof createApi> };

let context: Promise<AppContext> | null = null;

export function appContext(): Promise<AppContext> {
	context ??= (async () => {
		const config = normalizeConfig(process.env);
		const warehouse = await Warehouse.open(config);
		const advert = writeServerState({ url: localUrl(config.host, config.port), warehouse: config.warehousePath, dataDir: config.dataDir, sqlDir: config.sqlDir });
		process.once('exit', advert.remove);
		// adapter-node waits for open requests (a POST /models/build) before 'sveltekit:shutdown': stop the build at the signal.
		for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => warehouse.stopBuilding());
		process.once('sveltekit:shutdown' as 'exit', () => {
			advert.remove();
			// Interrupts a running build (recorded as failed, nothing published), then releases the file for the CLI.
			void warehouse.shutdown().catch((error) => console.error(`partnerscope: shutdown: ${error instanceof Error ? error.message : String(error)}`));
		});
		return { warehouse, api: createApi({ warehouse, adminToken: config.adminToken, instanceId: advert.state.instanceId, requestDeadlineMs: config.requestDeadlineMs }) };
	})();
	context.catch(() => {
		context = null; // let the next request try again (e.g. the warehouse file was locked)
	});
	return context;
}
