import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
