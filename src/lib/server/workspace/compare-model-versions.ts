/**
 * Two stored versions of one model's file side by side: the texts come from the history (ps_meta.model_versions),
 * so any two versions ever built compare, whatever the file says now; `current` stands for the file on disk.
 * Called by GET /api/v1/models/workspace/compare/:name.
 */
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { META_SCHEMA } from '../models/catalog.ts';
import { lineDiff, splitLines, type DiffLine } from '../models/line-diff.ts';
import { findModelFile, modelFilePath } from './model-file-path.ts';
import { readFile } from 'node:fs/promises';

export interface VersionComparison {
	readonly name: string;
	readonly from: string;
	readonly to: string;
	readonly lines: readonly DiffLine[];
	readonly same: boolean;
}

export async function compareModelVersions(db: Database, sqlDir: string, name: string, from: string, to: string): Promise<VersionComparison> {
	const text = async (version: string): Promise<string> => {
		if (version === 'file') {
			const relative = await findModelFile(sqlDir, name);
			if (relative === null) throw new NotFoundError(`model ${name} has no file under models/ any more`);
			return readFile(modelFilePath(sqlDir, relative), 'utf8');
		}
		const [row] = await db.query<{ sql: string | null }>(`select sql from ${META_SCHEMA}.model_versions where name = $name and version = $version`, { name, version });
		if (!row || row.sql === null) throw new NotFoundError(`model ${name} has no stored version ${version}; GET /api/v1/models/${name} lists its versions`);
		return row.sql;
	};
	const [a, b] = await Promise.all([text(from), text(to)]);
	return { name, from, to, lines: lineDiff(splitLines(a), splitLines(b)), same: a === b };
}
