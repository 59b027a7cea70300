/**
 * Generates the small sample program every integration, API and browser test reads (real parquet from the
 * real generator), once per `vitest run`, into a temporary folder removed afterwards, and builds it once with
 * the real engine into a template warehouse that `builtWarehouse` copies (fixture.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateSample } from '../../src/generate/generate-sample.ts';
import { buildTemplateWarehouse, FIXTURE_OPTIONS, type Fixture } from './fixture.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		fixture: Fixture;
	}
}

export default async function setup(project: TestProject) {
	const root = await mkdtemp(path.join(tmpdir(), 'partnerscope-test-'));
	const dataDir = path.join(root, 'exports');
	const result = await generateSample({ dataDir, ...FIXTURE_OPTIONS });
	const templateWarehouse = await buildTemplateWarehouse(root, dataDir);
	project.provide('fixture', { root, dataDir, endDate: result.endDate, startDate: result.startDate, templateWarehouse });
	return async () => {
		await rm(root, { recursive: true, force: true });
	};
}
