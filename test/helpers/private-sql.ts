/** A private copy of the repository's sql/ folder per test, so editing a model never touches the repository. */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../src/lib/server/config.ts';
import { REPO_ROOT } from './fixture.ts';

/** Copies REPO/sql beside the config's warehouse and returns the config pointing at the copy. */
export async function withPrivateSql(config: Config): Promise<Config> {
	const sqlDir = path.join(path.dirname(config.warehousePath), 'sql');
	await cp(path.join(REPO_ROOT, 'sql'), sqlDir, { recursive: true });
	return { ...config, sqlDir };
}

/** Replaces `from` with `to` in one file under sqlDir; fails loudly when `from` is not there (the model changed). */
export async function editSql(sqlDir: string, relative: string, from: string | RegExp, to: string): Promise<void> {
	const file = path.join(sqlDir, relative);
	const text = await readFile(file, 'utf8');
	const edited = text.replace(from, to);
	if (edited === text) throw new Error(`${relative} no longer contains ${String(from)}: update the test to the model`);
	await writeFile(file, edited);
}

export async function writeSql(sqlDir: string, relative: string, text: string): Promise<void> {
	await writeFile(path.join(sqlDir, relative), text);
}

export async function removeSql(sqlDir: string, relative: string): Promise<void> {
	await rm(path.join(sqlDir, relative), { force: true });
}

/** The edit every model test makes: pending sales stop counting (revenue, conversions, ...). */
export const EXCLUDE_PENDING = {
	file: 'models/staging/stg_sales.sql',
	from: "s.status <> 'reversed' as is_counted",
	to: "s.status not in ('reversed', 'pending') as is_counted"
} as const;
