/** The shared test dataset and helpers to build a warehouse from it in a test's own temporary folder. */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { normalizeConfig, type Config } from '../../src/lib/server/config.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';

export interface Fixture {
	readonly root: string;
	readonly dataDir: string;
	readonly startDate: string;
	readonly endDate: string;
	/** The shared exports built once by the real engine (global-setup.ts); a closed, checkpointed DuckDB file. */
	readonly templateWarehouse: string;
}

/** Small but complete: every channel, status, currency and fraud pattern, in a couple of seconds. */
export const FIXTURE_OPTIONS = { seed: 7, scale: 0.03, days: 150, partners: 40, endDate: '2026-06-30' } as const;

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export function fixture(): Fixture {
	return inject('fixture');
}

/** A config pointing at a fresh warehouse file (and, with copyData, a private copy of the exports). */
export async function testConfig(options: { copyData?: boolean } = {}): Promise<Config> {
	const f = fixture();
	const dir = await mkdtemp(path.join(f.root, 'case-'));
	let dataDir = f.dataDir;
	if (options.copyData) {
		dataDir = path.join(dir, 'exports');
		await cp(f.dataDir, dataDir, { recursive: true, preserveTimestamps: true });
	}
	return normalizeConfig({}, { dataDir, warehousePath: path.join(dir, 'warehouse.duckdb'), sqlDir: path.join(REPO_ROOT, 'sql') }, REPO_ROOT);
}

/**
 * A warehouse on a fresh file holding one published build of the config's exports; fails the test if the build
 * does not publish. Over the shared exports and the shipped models (what most tests want) the file is a copy of
 * the template the global setup built once, which is what building here would write; anything else is built.
 */
export async function builtWarehouse(config?: Config): Promise<Warehouse> {
	const c = config ?? (await testConfig());
	const f = fixture();
	if (c.dataDir === f.dataDir && c.sqlDir === path.join(REPO_ROOT, 'sql') && !existsSync(c.warehousePath)) {
		await mkdir(path.dirname(c.warehousePath), { recursive: true });
		await copyFile(f.templateWarehouse, c.warehousePath);
		return Warehouse.open(c);
	}
	return buildWarehouse(c);
}

/** Builds the shared exports once into `<root>/template/warehouse.duckdb` and closes it (run by the global setup). */
export async function buildTemplateWarehouse(root: string, dataDir: string): Promise<string> {
	const warehousePath = path.join(root, 'template', 'warehouse.duckdb');
	await mkdir(path.dirname(warehousePath), { recursive: true });
	const warehouse = await buildWarehouse(normalizeConfig({}, { dataDir, warehousePath, sqlDir: path.join(REPO_ROOT, 'sql') }, REPO_ROOT));
	warehouse.close();
	if (existsSync(`${warehousePath}.wal`)) throw new Error(`the template warehouse left a write-ahead log beside ${warehousePath}: a copy of the file alone would miss it`);
	return warehousePath;
}

async function buildWarehouse(config: Config): Promise<Warehouse> {
	const warehouse = await Warehouse.open(config);
	const result = await warehouse.build({ author: 'test', message: 'fixture' });
	if (result.status !== 'published') {
		warehouse.close();
		throw new Error(`fixture build did not publish: ${JSON.stringify(result.nodes.filter((n) => n.status === 'failed'))} ${JSON.stringify(result.dataTests)} ${result.problems.join('; ')}`);
	}
	return warehouse;
}
