/**
 * Reads the SQL project from disk: every `sql/models/**.sql` (one model each) and `sql/tests/*.sql` (data tests:
 * a query returning the failing rows). Parse errors are collected per file, never thrown halfway.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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
	for (const file of await listSql(path.join(sqlDir, 'models'))) {
		const relative = path.relative(path.join(sqlDir, 'models'), file).split(path.sep).join('/');
		try {
			models.push(parseModel(relative, await readFile(file, 'utf8')));
		} catch (error) {
			if (!(error instanceof ModelParseError)) throw error;
			problems.push({ model: path.basename(file, '.sql'), message: `models/${error.message}` });
		}
	}
	const dataTests: DataTest[] = [];
	for (const file of await listSql(path.join(sqlDir, 'tests'))) {
		const sql = (await readFile(file, 'utf8')).trim().replace(/;\s*$/, '');
		dataTests.push({ name: path.basename(file, '.sql'), path: path.relative(sqlDir, file).split(path.sep).join('/'), sql });
	}
	return { models, dataTests, problems };
}

async function listSql(dir: string): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	const files: string[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) files.push(...(await listSql(full)));
		else if (entry.isFile() && entry.name.endsWith('.sql')) files.push(full);
	}
	return files;
}
