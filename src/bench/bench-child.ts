/**
 * The benchmark's child processes, so each figure carries its own process's peak RSS: `build` builds the
 * warehouse once and prints one JSON line; `serve` serves the Hono API over node:http until SIGTERM, then
 * prints its peak RSS. Run by scale-ladder.ts with tsx; not a user command.
 */
import { createServer } from 'node:http';
import { normalizeConfig } from '../lib/server/config.ts';
import { Warehouse } from '../lib/server/warehouse/warehouse.ts';
import { createApi } from '../lib/server/api/create-api.ts';
import { AuthStore } from '../lib/server/auth/auth-store.ts';

const [mode, dataDir, warehousePath, extra] = process.argv.slice(2);
const maxRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const config = normalizeConfig(process.env, { dataDir: dataDir!, warehousePath: warehousePath! });
const warehouse = await Warehouse.open(config);

if (mode === 'build') {
	const started = performance.now();
	const result = await warehouse.build({ author: 'bench', message: 'bench', ...(extra === 'full' ? { full: true } : {}) });
	const ms = performance.now() - started;
	warehouse.close();
	const nodes = result.nodes.filter((n) => n.status === 'success').map((n) => ({ name: n.name, ms: Math.round(n.ms), rows: n.rows, incremental: n.incremental ?? null }));
	const failed = result.nodes.filter((n) => n.status === 'failed').map((n) => `${n.name}: ${n.error}`);
	console.log(JSON.stringify({ status: result.status, ms: Math.round(ms), maxRssMiB: maxRssMiB(), nodes, failed, tests: result.dataTests.filter((t) => t.status !== 'pass') }));
} else if (mode === 'serve') {
	// Sign-in off, as `partnerscope bench` does: the figures are the answers' cost, not a token lookup's.
	const app = createApi({ warehouse, log: () => {}, auth: { store: AuthStore.forWarehouse(warehouse.config.warehousePath), off: true } });
	const server = createServer(async (req, res) => {
		const response = await app.fetch(new Request(`http://localhost${req.url}`, { method: req.method }));
		const body = Buffer.from(await response.arrayBuffer());
		res.writeHead(response.status, Object.fromEntries(response.headers));
		res.end(body);
	});
	server.listen(Number(extra), '127.0.0.1', () => console.log('ready'));
	process.on('SIGTERM', () => {
		console.log(JSON.stringify({ maxRssMiB: maxRssMiB() }));
		server.close();
		warehouse.close();
		process.exit(0);
	});
} else {
	console.error('usage: bench-child build|serve <data> <warehouse> [full|port]');
	process.exit(2);
}
