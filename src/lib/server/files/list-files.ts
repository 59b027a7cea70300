/**
 * Every file under `dir` (recursively, in name order) whose name ends with `suffix`; a missing folder is an
 * empty list. Used for model files (.sql) and export files (.parquet, hive partitions included).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export async function listFiles(dir: string, suffix: string): Promise<string[]> {
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
		if (entry.isDirectory()) files.push(...(await listFiles(full, suffix)));
		else if (entry.isFile() && entry.name.endsWith(suffix)) files.push(full);
	}
	return files;
}
