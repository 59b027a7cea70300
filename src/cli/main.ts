/**
 * The `partnerscope` command line: parses the command name and hands the rest to one module per command.
 * Exit codes: 0 success, 1 failure while working, 2 bad usage or bad input.
 */
import { UsageError } from './args.ts';

type CommandModule = { run: (argv: string[]) => Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
	generate: { summary: 'write the sample affiliate exports (parquet) into the data directory', load: () => import('./commands/generate.ts') },
	plan: { summary: 'build and test the changed models and show their data diff, without publishing', load: () => import('./commands/plan.ts') },
	build: { summary: 'validate the exports, run the SQL models and publish them to the warehouse', load: () => import('./commands/build.ts') },
	models: { summary: 'list, show, log, diff and roll back the published models', load: () => import('./commands/models.ts') },
	users: { summary: 'add, list, remove users, set their role, scope or password, and end their sessions', load: () => import('./commands/users.ts') },
	tokens: { summary: 'create, list and revoke API tokens (Authorization: Bearer)', load: () => import('./commands/tokens.ts') },
	snapshot: { summary: 'export the current publish as a snapshot for read-only `serve --snapshot` readers', load: () => import('./commands/snapshot.ts') },
	serve: { summary: 'serve the dashboard and the /api/v1 JSON API', load: () => import('./commands/serve.ts') },
	bench: { summary: 'print the benchmark figures: generation, build, API latency per page, forecast accuracy', load: () => import('./commands/bench.ts') },
	'bench-scale-out': { summary: 'print build time per engine, snapshot size and snapshot-reader throughput', load: () => import('./commands/bench-scale-out.ts') },
	forecast: { summary: 'forecast a date,value CSV series and print JSON', load: () => import('./commands/forecast.ts') },
	digest: { summary: 'digest subscriptions (subscribe, list, unsubscribe) and trying one out (preview, send)', load: () => import('./commands/digest.ts') }
};

export function usage(): string {
	const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
	return ['usage: partnerscope <command> [options]', '', 'commands:', ...lines, '', 'Run `partnerscope <command> --help` for its options.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage());
		return name ? 0 : 2;
	}
	const command = COMMANDS[name];
	if (!command) {
		console.error(`partnerscope: unknown command "${name}"\n\n${usage()}`);
		return 2;
	}
	try {
		return await (await command.load()).run(rest);
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(`partnerscope ${name}: ${error.message}`);
			return 2;
		}
		console.error(`partnerscope ${name}: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
}
