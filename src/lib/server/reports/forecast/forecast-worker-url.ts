/**
 * The module a forecast worker thread runs, as a URL for `new Worker()`. The built server (Vite + adapter-node)
 * has no file of its own for the worker: the `partnerscope:forecast-worker` plugin in vite.config.ts bundles
 * forecast-worker.ts into one self-contained module and puts its text in place of
 * __PARTNERSCOPE_FORECAST_WORKER__, run from a data: URL. From source (tsx, vitest, vite dev) the worker
 * registers tsx itself and imports the TypeScript entry. Called by ForecastPool.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

declare const __PARTNERSCOPE_FORECAST_WORKER__: string | undefined;

const moduleUrl = (code: string) => new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

export function forecastWorkerUrl(): URL {
	if (typeof __PARTNERSCOPE_FORECAST_WORKER__ === 'string') return moduleUrl(__PARTNERSCOPE_FORECAST_WORKER__);
	const entry = new URL('./forecast-worker.ts', import.meta.url);
	return moduleUrl(`import { register } from ${JSON.stringify(tsxEsmApi())};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`);
}

/** tsx's ESM `register()` module: a worker on Node 20 does not inherit the parent's loader hooks. */
function tsxEsmApi(): string {
	const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
	const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
	const entry = pkg.exports['./esm/api']?.import?.default;
	if (!entry) throw new Error(`${manifest}: exports["./esm/api"].import.default is missing, so a forecast worker cannot load TypeScript`);
	return pathToFileURL(path.join(path.dirname(manifest), entry)).href;
}
