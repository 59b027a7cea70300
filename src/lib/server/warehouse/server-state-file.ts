/**
 * The small file a running server writes beside its warehouse (`<warehouse>.server.json`): where it listens,
 * its process id and an instance id it sends back on every API answer. DuckDB lets one process open the
 * warehouse file, so the CLI reads this file to hand model operations to that process instead.
 * Written by app-context on start and removed on exit; read by the CLI.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export interface ServerState {
	readonly pid: number;
	/** Base URL reachable from this machine, e.g. http://127.0.0.1:3000 */
	readonly url: string;
	/** Echoed as the x-partnerscope-instance header, so a reused port is never mistaken for this server. */
	readonly instanceId: string;
	readonly warehouse: string;
	readonly dataDir: string;
	readonly sqlDir: string;
	readonly startedAt: string;
}

export const INSTANCE_HEADER = 'x-partnerscope-instance';

export function serverStatePath(warehousePath: string): string {
	return `${warehousePath}.server.json`;
}

/** The URL a local client uses for a server listening on `host:port` (wildcard hosts become loopback). */
export function localUrl(host: string, port: number): string {
	const h = host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** Writes the state file and returns a function that removes it again (only if it is still ours). */
export function writeServerState(state: Omit<ServerState, 'instanceId' | 'startedAt' | 'pid'>): { state: ServerState; remove: () => void } {
	const full: ServerState = { ...state, pid: process.pid, instanceId: randomUUID(), startedAt: new Date().toISOString() };
	const file = serverStatePath(state.warehouse);
	writeFileSync(file, `${JSON.stringify(full, null, '\t')}\n`, { mode: 0o600 });
	const remove = () => {
		try {
			if (readServerState(state.warehouse)?.instanceId === full.instanceId) unlinkSync(file);
		} catch {
			// already gone
		}
	};
	return { state: full, remove };
}

/** The state file's content, or null when there is none or it is unreadable. */
export function readServerState(warehousePath: string): ServerState | null {
	try {
		const parsed = JSON.parse(readFileSync(serverStatePath(warehousePath), 'utf8')) as Partial<ServerState>;
		if (typeof parsed.url !== 'string' || typeof parsed.pid !== 'number' || typeof parsed.instanceId !== 'string') return null;
		return parsed as ServerState;
	} catch {
		return null;
	}
}
