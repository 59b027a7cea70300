/**
 * Where a model's file lives, decided from names that cannot escape the models folder: a model name and a
 * folder are lower_snake_case identifiers (so no `/`, `\`, `..` or NUL ever reaches the file system), and the
 * resolved path is checked to stay under `<sqlDir>/models` all the same. Called by the workspace file routes.
 */
import path from 'node:path';
import { ValidationError } from '../errors.ts';
import { listFiles } from '../files/list-files.ts';
import { RESERVED_MODEL_NAMES } from '../models/parse-model.ts';

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** The name as given, or a 400 naming the parameter; the name is also the file name (`<name>.sql`). */
export function validateModelName(name: string): string {
	if (!IDENT.test(name))
		throw new ValidationError(`model name "${name.slice(0, 80)}" must be lower_snake_case: a letter or _, then letters, digits or _ (at most 63)`, { parameter: 'name' });
	if (RESERVED_MODEL_NAMES.has(name)) throw new ValidationError(`model name "${name}" is reserved; choose another`, { parameter: 'name' });
	return name;
}

/** A folder under models/ such as `marts` or `marts/finance` ('' = the models folder itself). */
export function validateModelFolder(folder: string): string {
	const parts = folder === '' ? [] : folder.split('/');
	if (parts.length > 4 || parts.some((p) => !IDENT.test(p)))
		throw new ValidationError(`folder "${folder.slice(0, 80)}" must be up to 4 lower_snake_case names separated by /, e.g. marts`, { parameter: 'folder' });
	return parts.join('/');
}

export function modelsDir(sqlDir: string): string {
	return path.resolve(sqlDir, 'models');
}

/** Absolute path of `relative` (e.g. `marts/fct_x.sql`) under the models folder; refuses anything outside it. */
export function modelFilePath(sqlDir: string, relative: string): string {
	const root = modelsDir(sqlDir);
	const full = path.resolve(root, relative);
	if (!full.startsWith(root + path.sep)) throw new ValidationError(`${relative} is outside the models folder`, { parameter: 'name' });
	return full;
}

/** The model file named `<name>.sql` anywhere under models/ (relative path with /), or null when there is none. */
export async function findModelFile(sqlDir: string, name: string): Promise<string | null> {
	const root = modelsDir(sqlDir);
	const file = (await listFiles(root, '.sql')).find((f) => path.basename(f) === `${name}.sql`);
	return file ? path.relative(root, file).split(path.sep).join('/') : null;
}
