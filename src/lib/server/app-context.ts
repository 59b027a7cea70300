/**
 * The server process's single Warehouse and API, created on first use from the environment (see config.ts).
 * SvelteKit's hooks and the API route call this; tests build their own with createApi().
 * Once the warehouse is open, the server advertises itself in `<warehouse>.server.json` so the CLI hands
 * model operations to it (this process holds the DuckDB file); the file goes when the process does.
 * With PARTNERSCOPE_SNAPSHOT the process is a snapshot reader instead: no warehouse file, no advert, no
 * delivery; the users file and the digest and alert state read-only, and signed sessions (docs/scale-out.md).
 */
import { normalizeConfig } from './config.ts';
import { Warehouse } from './warehouse/warehouse.ts';
import { createApi } from './api/create-api.ts';
import { localUrl, writeServerState } from './warehouse/server-state-file.ts';
import { AuthStore } from './auth/auth-store.ts';
import type { AuthDeps } from './auth/identify.ts';
import { SignedSessions } from './auth/signed-sessions.ts';
import { startDelivery } from './digest/start-delivery.ts';
import { DigestService } from './digest/digest-service.ts';
import { DigestStore } from './digest/digest-store.ts';
import { SnapshotReader } from './snapshots/snapshot-reader.ts';
import { ForecastService } from './reports/forecast/forecast-service.ts';
import { forecasterFor } from './reports/forecast/forecaster.ts';

/** A snapshot reader has no warehouse of its own: each request goes to the generation of the manifest it serves. */
type AppContext = { warehouse?: Warehouse; api: Pick<ReturnType<typeof createApi>, 'fetch'>; auth: AuthDeps };

let context: Promise<AppContext> | null = null;
let authDeps: AuthDeps | null = null;
let schemeKnown = false;

/** Whether a request reached us over https, as far as adapter-node's settings let us know (see Config.schemeKnown). */
export function isHttps(url: URL): boolean {
	return schemeKnown && url.protocol === 'https:';
}

/** Users, sessions and the Host rule: available even when the warehouse cannot be opened (the page guard needs them). */
export function authContext(): AuthDeps {
	if (!authDeps) {
		const config = normalizeConfig(process.env);
		schemeKnown = config.schemeKnown;
		if (config.serveSnapshot) {
			// A reader only reads the users file the build machine writes, and signs its sessions (auth/signed-sessions.ts).
			const store = new AuthStore(config.authFile, { readOnly: true });
			const sessions = config.sessionSecret ? new SignedSessions(store, config.sessionSecret) : undefined;
			authDeps = { store, ...(sessions ? { sessions } : {}), off: config.auth === 'off', allowedHosts: config.allowedHosts };
		} else {
			authDeps = { store: new AuthStore(config.authFile), off: config.auth === 'off', allowedHosts: config.allowedHosts };
		}
		if (authDeps.off) console.warn('partnerscope: WARNING: sign-in is OFF (PARTNERSCOPE_AUTH=off): everyone who reaches 127.0.0.1 is an admin. Never use this on a shared machine.');
	}
	return authDeps;
}

export function appContext(): Promise<AppContext> {
	context ??= (async () => {
		const config = normalizeConfig(process.env);
		// A snapshot reader: stateless and read-only, no warehouse file, no advert (it takes no model operations).
		if (config.serveSnapshot) {
			const auth = authContext();
			// The alert log and subscriptions are the build machine's `<warehouse>.digest.json`, read here and never
			// written (writes are refused); nothing is evaluated or sent from a reader, so the service never starts.
			const delivery = (warehouse: Warehouse) =>
				new DigestService({ warehouse, store: new DigestStore(config.warehousePath), config, mailer: null, ...(auth.off ? {} : { scopeOf: (name: string) => auth.store.findUser(name)?.scope ?? null }) });
			// Every generation (manifest) the reader opens gets its forecasts warmed, on the one pool of workers.
			const forecaster = forecasterFor(config.forecastWorkers);
			const forecasts = (warehouse: Warehouse) => new ForecastService(warehouse, { forecaster, info: (line) => console.log(line) });
			return { auth, api: new SnapshotReader(config, config.serveSnapshot, { auth, requestDeadlineMs: config.requestDeadlineMs, delivery, forecasts }) };
		}
		const warehouse = await Warehouse.open(config);
		const advert = writeServerState({ url: localUrl(config.host, config.port), warehouse: config.warehousePath, dataDir: config.dataDir, sqlDir: config.sqlDir });
		process.once('exit', advert.remove);
		// Digests and alerts run in this process; a delivery problem never stops the server (see /api/v1/health).
		const auth = authContext();
		const delivery = startDelivery(warehouse, config, auth.off ? null : auth.store);
		// Forecasts are computed on worker threads and warmed now and after every publish (issue 10).
		const forecaster = forecasterFor(config.forecastWorkers);
		const forecasts = new ForecastService(warehouse, { forecaster, info: (line) => console.log(line) });
		const stopWarming = forecasts.watch();
		// adapter-node waits for open requests (a POST /models/build) before 'sveltekit:shutdown': stop the build at the signal.
		for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => warehouse.stopBuilding());
		process.once('sveltekit:shutdown' as 'exit', () => {
			delivery.stop();
			stopWarming();
			void forecaster.close();
			advert.remove();
			// Interrupts a running build (recorded as failed, nothing published), then releases the file for the CLI.
			void warehouse.shutdown().catch((error) => console.error(`partnerscope: shutdown: ${error instanceof Error ? error.message : String(error)}`));
		});
		return { warehouse, auth, api: createApi({ warehouse, auth, instanceId: advert.state.instanceId, requestDeadlineMs: config.requestDeadlineMs, delivery, forecasts }) };
	})();
	context.catch(() => {
		context = null; // let the next request try again (e.g. the warehouse file was locked)
	});
	return context;
}
