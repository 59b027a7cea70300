/**
 * Where the CLI's model operations run. DuckDB lets one process open the warehouse file: when a server
 * advertises itself beside the warehouse (<warehouse>.server.json) and answers as that same instance, the
 * operation is handed to it; otherwise the CLI opens the file itself. A file held by some other process with
 * no server answering is a clear error, not a DuckDB lock message.
 * The hand-off signs in like anyone else, so it is no way around roles: with PARTNERSCOPE_TOKEN (a token from
 * `partnerscope tokens create`), or else as the user named PARTNERSCOPE_USER (default: the author name, see
 * current-user.ts) through a token minted for ten minutes in the users file beside the warehouse, which only
 * the server's own OS user can read (mode 0600), and deleted when the command ends. The server records that
 * user as the author.
 */
import type { Config } from '../lib/server/config.ts';
import { WarehouseLockedError } from '../lib/server/errors.ts';
import type { ModelOperations } from '../lib/server/models/model-operations.ts';
import { INSTANCE_HEADER, readServerState, serverStatePath, type ServerState } from '../lib/server/warehouse/server-state-file.ts';
import { Warehouse } from '../lib/server/warehouse/warehouse.ts';
import { remoteModelOperations } from './remote-model-operations.ts';
import { AuthStore } from '../lib/server/auth/auth-store.ts';
import { currentUser } from './current-user.ts';

const HANDOFF_MINUTES = 10;

export interface Handoff {
	/** The bearer secret, or null when no user can be named (the server then says 401). */
	readonly token: string | null;
	/** Why there is no token, said on a 401 so the reader knows which variable to set. */
	readonly why: string | null;
	/** Drops the short-lived token again. */
	release(): void;
}

/** The bearer token for the hand-off and how to drop it again. */
export function handoffToken(config: Config): Handoff {
	const fromEnv = process.env.PARTNERSCOPE_TOKEN;
	if (fromEnv) return { token: fromEnv, why: null, release: () => {} };
	const store = AuthStore.forWarehouse(config.warehousePath);
	const explicit = process.env.PARTNERSCOPE_USER;
	const name = explicit ?? currentUser();
	const fix = `set PARTNERSCOPE_USER to a user of ${store.file} (\`partnerscope users list\`) or PARTNERSCOPE_TOKEN to a token from \`partnerscope tokens create <user>\``;
	try {
		if (!store.findUser(name)) {
			const who = explicit ? `PARTNERSCOPE_USER "${name}"` : `"${name}" (your OS user or PARTNERSCOPE_AUTHOR)`;
			return { token: null, why: `the running server needs sign-in and ${who} is not one of its users: ${fix}`, release: () => {} };
		}
		const { token, secret } = store.createToken(name, { name: 'cli hand-off', expiresDays: HANDOFF_MINUTES / 1440 });
		return { token: secret, why: null, release: () => store.deleteToken(token.id) };
	} catch (error) {
		// Unreadable users file: this OS user is not the server's.
		const reason = error instanceof Error ? error.message : String(error);
		return { token: null, why: `the running server needs sign-in and the users file could not be read here (${reason}): ${fix}`, release: () => {} };
	}
}

export type ModelService =
	| { readonly via: 'server'; readonly server: ServerState; readonly ops: ModelOperations; close(): void }
	| { readonly via: 'local'; readonly ops: Warehouse; close(): void };

/** Does the server named in the state file answer, as that instance? */
async function answers(state: ServerState, timeoutMs: number): Promise<boolean> {
	try {
		const response = await fetch(new URL('/api/v1/health', state.url), { signal: AbortSignal.timeout(timeoutMs) });
		await response.body?.cancel();
		return response.headers.get(INSTANCE_HEADER) === state.instanceId;
	} catch {
		return false;
	}
}

export async function openModelService(config: Config, options: { probeTimeoutMs?: number; say?: (line: string) => void } = {}): Promise<ModelService> {
	const say = options.say ?? ((line: string) => console.error(line));
	const state = readServerState(config.warehousePath);
	if (state && (await answers(state, options.probeTimeoutMs ?? 3000))) {
		say(`(handing this to the running server at ${state.url}, PID ${state.pid}, which holds ${config.warehousePath})`);
		const differs = [state.sqlDir !== config.sqlDir ? `SQL from ${state.sqlDir}` : null, state.dataDir !== config.dataDir ? `exports from ${state.dataDir}` : null].filter(Boolean);
		if (differs.length) say(`(note: the server uses its own folders: ${differs.join(', ')})`);
		const handoff = handoffToken(config);
		return { via: 'server', server: state, ops: remoteModelOperations(state.url, handoff.token, handoff.why), close: handoff.release };
	}
	try {
		const warehouse = await Warehouse.open(config);
		return { via: 'local', ops: warehouse, close: () => warehouse.close() };
	} catch (error) {
		if (!(error instanceof WarehouseLockedError)) throw error;
		const server = state
			? `${serverStatePath(config.warehousePath)} names a server at ${state.url} (PID ${state.pid}) but it did not answer; it may still be starting`
			: `no Partnerscope server advertises itself for it (no ${serverStatePath(config.warehousePath)})`;
		throw new Error(
			`the warehouse ${config.warehousePath} is in use by another process${error.pid === null ? '' : ` (PID ${error.pid})`} and ${server}. ` +
				'Stop that process, or run this command again once the server answers.',
			{ cause: error }
		);
	}
}
