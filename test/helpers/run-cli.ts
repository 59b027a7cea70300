/** Runs the real `partnerscope` command (node src/cli/bin.js) as a child process and collects its output. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../src/lib/server/config.ts';
import { REPO_ROOT } from './fixture.ts';

export interface CliRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** `args` plus --data/--warehouse/--sql from `config` (model commands only); the environment carries no PARTNERSCOPE_* settings but the author (and `env`); `stdin` is piped in. */
export function runCli(args: readonly string[], config: Config, options: { locations?: boolean; env?: Readonly<Record<string, string>>; stdin?: string } = {}): Promise<CliRun> {
	const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARTNERSCOPE_')));
	env.PARTNERSCOPE_AUTHOR = 'cli-test';
	Object.assign(env, options.env);
	const locations = options.locations === false ? [] : ['--data', config.dataDir, '--warehouse', config.warehousePath, '--sql', config.sqlDir];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(REPO_ROOT, 'src/cli/bin.js'), ...args, ...locations], { cwd: REPO_ROOT, env, stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
		if (options.stdin !== undefined) child.stdin!.end(options.stdin);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d) => (stdout += d));
		child.stderr!.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}
