/**
 * A model file as it is on disk now (the repository is the source of truth, so an edit made in a text editor
 * shows up here), with the hash the editor returns on save. Called by GET /api/v1/models/workspace/files/:name.
 */
import { readFile } from 'node:fs/promises';
import { NotFoundError } from '../errors.ts';
import { hashText } from './hash-text.ts';
import { findModelFile, modelFilePath, validateModelName } from './model-file-path.ts';

export interface ModelFile {
	readonly name: string;
	/** Relative to the models folder, e.g. `staging/stg_sales.sql`. */
	readonly path: string;
	readonly text: string;
	readonly hash: string;
}

export async function readModelFile(sqlDir: string, name: string): Promise<ModelFile> {
	validateModelName(name);
	const relative = await findModelFile(sqlDir, name);
	if (relative === null) throw new NotFoundError(`no model file ${name}.sql under models/; create it with PUT and "baseHash": null`);
	const text = await readFile(modelFilePath(sqlDir, relative), 'utf8');
	return { name, path: relative, text, hash: hashText(text) };
}
