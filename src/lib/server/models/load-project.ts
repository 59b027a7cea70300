/**
 * Reads the SQL project from disk: every `sql/models/**.sql` (one model each) and `sql/tests/*.sql` (data tests:
 * a query returning the failing rows). Parse errors are collected per file, never thrown halfway.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../files/list-files.ts';
import { parseModel, ModelParseError, type ModelSpec } from './parse-model.ts';

export interface DataTest {
	readonly name: string;
	readonly path: string;
	readonly sql: string;
}

export interface SqlProject {
	readonly models: readonly ModelSpec[];
	readonly dataTests: readonly DataTest[];
	readonly problems: readonly { readonly model: string; readonly message: string }[];
}

export async function loadProject(sqlDir: string): Promise<SqlProject> {
	const models: ModelSpec[] = [];
	const problems: { model: string; message: string }[] = [];
	for (const file of await listFiles(path.join(sqlDir, 'models'), '.sql')) {
		if (isEngineVariant(file)) continue;
		const relative = path.relative(path.join(sqlDir, 'models'), file).split(path.sep).join('/');
		try {
			models.push(parseModel(relative, await readFile(file, 'utf8')));
		} catch (error) {
			if (!(error instanceof ModelParseError)) throw error;
			problems.push({ model: path.basename(file, '.sql'), message: `models/${error.message}` });
		}
	}
	const dataTests: DataTest[] = [];
	for (const file of await listFiles(path.join(sqlDir, 'tests'), '.sql')) {
		if (isEngineVariant(file)) continue;
		const sql = (await readFile(file, 'utf8')).trim().replace(/;\s*$/, '');
		dataTests.push({ name: path.basename(file, '.sql'), path: path.relative(sqlDir, file).split(path.sep).join('/'), sql });
	}
	return { models, dataTests, problems };
}

/** `<name>.clickhouse.sql` beside a model or test is its hand-written ClickHouse version, not a model of its own. */
export const CLICKHOUSE_SUFFIX = '.clickhouse.sql';

function isEngineVariant(file: string): boolean {
	return file.endsWith(CLICKHOUSE_SUFFIX);
}
