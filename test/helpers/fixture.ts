/** The shared test dataset and helpers to build a warehouse from it in a test's own temporary folder. */
import { cp, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { normalizeConfig, type Config } from '../../src/lib/server/config.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';

export interface Fixture {
	readonly root: string;
	readonly dataDir: string;
	readonly startDate: string;
	readonly endDate: string;
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

/** Opens a warehouse on a fresh file and builds it; fails the test if the build does not publish. */
export async function builtWarehouse(config?: Config): Promise<Warehouse> {
	const warehouse = await Warehouse.open(config ?? (await testConfig()));
	const result = await warehouse.build({ author: 'test', message: 'fixture' });
	if (result.status !== 'published') {
		warehouse.close();
		throw new Error(`fixture build did not publish: ${JSON.stringify(result.nodes.filter((n) => n.status === 'failed'))} ${JSON.stringify(result.dataTests)} ${result.problems.join('; ')}`);
	}
	return warehouse;
}
