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
import { SnapshotReader } from './snapshots/snapshot-reader.ts';

type AppContext = { warehouse?: Warehouse; api: Pick<ReturnType<typeof createApi>, 'fetch'> };

let context: Promise<AppContext> | null = null;

export function appContext(): Promise<AppContext> {
	context ??= (async () => {
		const config = normalizeConfig(process.env);
		// A snapshot reader: stateless and read-only, no warehouse file, no advert (it takes no model operations).
		if (config.serveSnapshot) return { api: new SnapshotReader(config, config.serveSnapshot) };
		const warehouse = await Warehouse.open(config);
		const advert = writeServerState({ url: localUrl(config.host, config.port), warehouse: config.warehousePath, dataDir: config.dataDir, sqlDir: config.sqlDir });
		process.once('exit', advert.remove);
		process.once('sveltekit:shutdown' as 'exit', () => {
			advert.remove();
			warehouse.close(); // releases the file for the CLI right away
		});
		return { warehouse, api: createApi({ warehouse, adminToken: config.adminToken, instanceId: advert.state.instanceId }) };
	})();
	context.catch(() => {
		context = null; // let the next request try again (e.g. the warehouse file was locked)
	});
	return context;
}
