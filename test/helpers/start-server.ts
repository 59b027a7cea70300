/** Starts the built app (`build/index.js`, adapter-node) as a real server process on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Config } from '../../src/lib/server/config.ts';
import { REPO_ROOT } from './fixture.ts';

export interface RunningServer {
	readonly url: string;
	readonly output: () => string;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/** `env`: extra variables for the server, e.g. PARTNERSCOPE_SNAPSHOT for a snapshot reader. */
export async function startServer(config: Config, env: Readonly<Record<string, string>> = {}): Promise<RunningServer> {
	const entry = path.join(REPO_ROOT, 'build', 'index.js');
	if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it in pretest)`);
	const port = await freePort();
	let log = '';
	const child: ChildProcess = spawn(process.execPath, [entry], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			PARTNERSCOPE_DATA: config.dataDir,
			PARTNERSCOPE_WAREHOUSE: config.warehousePath,
			PARTNERSCOPE_SQL: config.sqlDir,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	// Generous: on a busy shared machine a cold start (Node, the app bundle, DuckDB) has taken over 30 s.
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log}`);
		try {
			await fetch(`${url}/api/v1/health`);
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`server did not answer within 90 s: ${log}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		url,
		output: () => log,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
