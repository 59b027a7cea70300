import { sveltekit } from '@sveltejs/kit/vite';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const FORECAST_WORKER_ENTRY = 'src/lib/server/reports/forecast/forecast-worker.ts';
const FORECAST_WORKER_TOKEN = '__PARTNERSCOPE_FORECAST_WORKER__';

/**
 * The built server runs forecasts on a worker thread, but adapter-node bundles only what the server imports,
 * so a separate worker file would be left behind. This plugin bundles forecast-worker.ts into one module (it
 * imports nothing but node: built-ins) and writes its text where forecast-worker-url.ts names the token; the
 * server starts the worker from a data: URL. Source runs (tsx, vitest, vite dev) load the TypeScript instead.
 */
function forecastWorker(): Plugin {
	let code: Promise<string> | null = null;
	return {
		name: 'partnerscope:forecast-worker',
		apply: 'build',
		async transform(source, id) {
			if (!source.includes(FORECAST_WORKER_TOKEN) || !id.endsWith('forecast-worker-url.ts')) return null;
			code ??= bundleForecastWorker();
			return { code: source.replaceAll(FORECAST_WORKER_TOKEN, JSON.stringify(await code)), map: null };
		}
	};
}

async function bundleForecastWorker(): Promise<string> {
	const result = await build({
		configFile: false,
		logLevel: 'warn',
		ssr: { noExternal: true, target: 'node' },
		build: { ssr: FORECAST_WORKER_ENTRY, write: false, minify: false, target: 'node20', rollupOptions: { output: { format: 'es', inlineDynamicImports: true } } }
	});
	const outputs = Array.isArray(result) ? result : [result];
	const chunks = outputs.flatMap((o) => ('output' in o ? o.output : [])).filter((o) => o.type === 'chunk');
	if (chunks.length !== 1) throw new Error(`${FORECAST_WORKER_ENTRY}: expected one bundled module, saw ${chunks.length}`);
	const code = chunks[0]!.code;
	// A data: module can import node: built-ins only.
	const imports = [...code.matchAll(/^import .* from ["']([^"']+)["']/gm)].map((m) => m[1]!).filter((s) => !s.startsWith('node:'));
	if (imports.length) throw new Error(`${FORECAST_WORKER_ENTRY}: the worker bundle must import node: built-ins only, saw ${imports.join(', ')}`);
	return code;
}

export default defineConfig({
	plugins: [sveltekit(), forecastWorker()],
	ssr: {
		// Native bindings must be loaded from node_modules, never bundled.
		external: ['@duckdb/node-api', '@duckdb/node-bindings']
	},
	test: {
		include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
		environment: 'node',
		env: { TZ: 'UTC' },
		globalSetup: ['test/helpers/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 240_000,
		// DuckDB uses both cores already; parallel files would fight over them and over the fixture warehouse.
		fileParallelism: false
	}
});
