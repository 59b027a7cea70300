/**
 * Saves, creates or deletes a model file under `<sqlDir>/models`, never over someone else's change: the
 * caller sends the hash of the text it opened (`baseHash`, null for a model it believes new) and a file that
 * no longer has that hash (edited on disk, saved by another analyst, created or deleted meanwhile) is a 409
 * carrying the current text and a diff from it to the caller's text. Writes go to a temporary file that is
 * renamed over the old one, so a reader never sees half a model. Called by the workspace file routes.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, ModelError, ValidationError } from '../errors.ts';
import { lineDiff, splitLines, unifiedDiff, type DiffLine } from '../models/line-diff.ts';
import { ModelParseError, parseModel } from '../models/parse-model.ts';
import type { FileWriteLock } from './file-write-lock.ts';
import { hashText } from './hash-text.ts';
import { findModelFile, modelFilePath, validateModelFolder, validateModelName } from './model-file-path.ts';

export const MAX_MODEL_CHARS = 100_000;

/** What a 409 carries: the file as it is now and how the caller's text differs from it. */
export interface FileConflict {
	readonly name: string;
	readonly path: string | null;
	/** null: the file does not exist (any more). */
	readonly currentHash: string | null;
	readonly currentText: string | null;
	/** `diff -u` from the current file to the caller's text. */
	readonly diff: string;
	/** The same, line by line, for a side-by-side view. */
	readonly lines: readonly DiffLine[];
}

export interface SaveRequest {
	readonly name: string;
	/** The whole file: header and SELECT. null deletes the model. */
	readonly text: string | null;
	/** Hash of the text the caller opened; null = the caller expects no such file (a new model). */
	readonly baseHash: string | null;
	/** For a new model: the folder under models/ (default `marts`). Ignored for an existing file. */
	readonly folder?: string;
}

export interface SaveOutcome {
	readonly name: string;
	readonly path: string;
	readonly action: 'created' | 'updated' | 'deleted' | 'unchanged';
	/** Hash of the file now (null once deleted): the next save's baseHash. */
	readonly hash: string | null;
}

export async function saveModelFile(sqlDir: string, request: SaveRequest, lock: FileWriteLock): Promise<SaveOutcome> {
	const name = validateModelName(request.name);
	if (request.text !== null) checkText(request.text, name);
	return lock.run(async () => {
		const relative = await findModelFile(sqlDir, name);
		const currentText = relative === null ? null : await readFile(modelFilePath(sqlDir, relative), 'utf8');
		const currentHash = currentText === null ? null : hashText(currentText);
		if (currentHash !== request.baseHash) throw conflict(name, relative, currentText, currentHash, request);
		if (request.text === null) {
			if (relative === null) throw new ValidationError(`there is no model ${name} to delete`, { parameter: 'name' });
			await rm(modelFilePath(sqlDir, relative));
			return { name, path: relative, action: 'deleted', hash: null };
		}
		const target = relative ?? `${validateModelFolder(request.folder ?? 'marts')}/${name}.sql`.replace(/^\//, '');
		const full = modelFilePath(sqlDir, target);
		if (currentText === request.text) return { name, path: target, action: 'unchanged', hash: currentHash };
		await mkdir(path.dirname(full), { recursive: true });
		const temporary = path.join(path.dirname(full), `.${name}.${randomUUID()}.tmp`);
		await writeFile(temporary, request.text, { flag: 'wx' });
		await rename(temporary, full);
		return { name, path: target, action: relative === null ? 'created' : 'updated', hash: hashText(request.text) };
	});
}

/** A model file the engine can read: not too long, and a header it understands (the SELECT is the build's to judge). */
function checkText(text: string, name: string): void {
	if (text.length > MAX_MODEL_CHARS) throw new ValidationError(`text may be at most ${MAX_MODEL_CHARS.toLocaleString('en-US')} characters`, { parameter: 'text' });
	if (text.includes('\u0000')) throw new ValidationError('text must not contain NUL characters', { parameter: 'text' });
	try {
		parseModel(`${name}.sql`, text);
	} catch (error) {
		if (!(error instanceof ModelParseError)) throw error;
		throw new ModelError(error.message, { line: error.line, column: 1 });
	}
}

function conflict(name: string, relative: string | null, currentText: string | null, currentHash: string | null, request: SaveRequest): ConflictError {
	const yours = request.text ?? '';
	const why =
		currentHash === null
			? `model ${name} was deleted since you opened it`
			: request.baseHash === null
				? `model ${name} already exists (models/${relative}); open it to edit it`
				: `models/${relative} changed since you opened it (someone saved it or it was edited on disk)`;
	const payload: FileConflict = {
		name,
		path: relative,
		currentHash,
		currentText,
		diff: unifiedDiff(currentText ?? '', yours, { fromLabel: `${name}.sql (now on disk)`, toLabel: `${name}.sql (yours)` }),
		lines: lineDiff(splitLines(currentText ?? ''), splitLines(yours))
	};
	return new ConflictError(`${why}; nothing was written. Compare, then save again with "baseHash": ${currentHash === null ? 'null' : `"${currentHash}"`} to replace it`, { conflict: payload });
}
