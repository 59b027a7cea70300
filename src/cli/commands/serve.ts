/**
 * `partnerscope serve`: builds the warehouse (generating the sample exports first with --sample when the data
 * directory is empty), then serves the built SvelteKit app (pages + /api/v1) in this process.
 * A failed build does not stop the server: it keeps serving the last good publish and reports the problem.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizeConfig, type Config } from '../../lib/server/config.ts';
import { Warehouse } from '../../lib/server/warehouse/warehouse.ts';
import { formatBuildResult } from '../../lib/server/models/format-build.ts';
import { snapshotSources } from '../../lib/server/models/sources.ts';
import { parseArgs, UsageError } from '../args.ts';
import { currentUser } from '../current-user.ts';
import { AuthStore } from '../../lib/server/auth/auth-store.ts';
import { describeScope } from '../../lib/server/auth/user-scope.ts';
import { createDemoUsers } from '../demo-users.ts';

const USAGE = 'usage: partnerscope serve [--data DIR] [--warehouse FILE] [--port N] [--host H] [--sample] [--no-build]';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { data: 'string', warehouse: 'string', port: 'string', host: 'string', sample: 'boolean', 'no-build': 'boolean', help: 'boolean' });
	if (args.help) {
		console.log(`${USAGE}\n  --sample    generate the sample program's exports first when the data directory has none`);
		return 0;
	}
	const config = normalizeConfig(process.env, { dataDir: args.data, warehousePath: args.warehouse, port: args.port, host: args.host });
	const appEntry = path.resolve(fileURLToPath(new URL('../../../build/index.js', import.meta.url)));
	if (!existsSync(appEntry)) throw new UsageError(`the app is not built (${appEntry} is missing); run \`npm run build\` first, or \`npm start\``);

	if (args.sample && (await hasNoExports(config.dataDir))) {
		console.log(`No exports in ${config.dataDir}: generating the sample program…`);
		const { generateSample } = await import('../../generate/generate-sample.ts');
		const generated = await generateSample({ dataDir: config.dataDir, onProgress: (e) => process.stderr.write(`\r  ${e.table} ${e.done}/${e.total}   `) });
		process.stderr.write('\n');
		console.log(`Generated ${Object.entries(generated.rows).map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`).join(', ')} in ${generated.seconds.toFixed(1)} s`);
	}
	if (!args['no-build']) await buildOnce(config, Boolean(args.sample));
	if (config.auth === 'off')
		console.warn(
			'\n!!! WARNING: sign-in is OFF (PARTNERSCOPE_AUTH=off). Everyone who can reach http://127.0.0.1:' +
				config.port +
				' is an admin who can build, publish and roll back. Use it only for a single-user run on your own machine. !!!\n'
		);
	else if (AuthStore.forWarehouse(config.warehousePath).listUsers().length === 0)
		console.warn('No users yet: add one with `npx partnerscope users add <name> --role admin` (or start with --sample for demo accounts).');

	// adapter-node reads its settings from the environment; hand over the resolved configuration.
	Object.assign(process.env, {
		PARTNERSCOPE_DATA: config.dataDir,
		PARTNERSCOPE_WAREHOUSE: config.warehousePath,
		PARTNERSCOPE_SQL: config.sqlDir,
		PARTNERSCOPE_AUTH: config.auth,
		PORT: String(config.port),
		HOST: config.host
	});
	await import(pathToFileURL(appEntry).href);
	console.log(`Partnerscope is serving http://localhost:${config.port}`);
	return new Promise<number>(() => {}); // serve until the process is stopped
}

async function hasNoExports(dataDir: string): Promise<boolean> {
	return (await snapshotSources(dataDir)).every((s) => s.files.length === 0);
}

async function buildOnce(config: Config, demoUsers: boolean): Promise<void> {
	const warehouse = await Warehouse.open(config);
	try {
		console.log(`Building the warehouse ${config.warehousePath} from ${config.dataDir}…`);
		const result = await warehouse.build({ author: currentUser(), message: 'serve: build at start' });
		console.log(formatBuildResult(result));
		if (demoUsers && config.auth === 'on' && result.status !== 'failed') {
			const accounts = await createDemoUsers(AuthStore.forWarehouse(config.warehousePath), warehouse);
			if (accounts.length) {
				console.log('\nDemo accounts (passwords shown once; `npx partnerscope users reset-password <name>` makes new ones):');
				for (const a of accounts) console.log(`  ${a.user.name.padEnd(20)} ${a.password}   ${a.user.role}, sees ${describeScope(a.user.scope)}`);
				console.log('');
			}
		}
	} catch (error) {
		console.error(`The build could not run: ${error instanceof Error ? error.message : String(error)}. Serving what the warehouse holds.`);
	} finally {
		warehouse.close();
	}
}
