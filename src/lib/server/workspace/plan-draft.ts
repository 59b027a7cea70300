/**
 * Plan before save: the project as it would be with the editor's drafts (changed, new or deleted model
 * files) is copied to a temporary folder and planned by the engine there: the models that change and
 * rebuild, the candidates' tests, the data diff, and the dashboard metrics and pages that will change.
 * Nothing is published and the repository's files are untouched; the candidates stay, so the build after the
 * save reuses them. Called by POST /api/v1/models/workspace/plan.
 */
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ModelError, ValidationError } from '../errors.ts';
import { ModelParseError, parseModel } from '../models/parse-model.ts';
import type { BuildResult } from '../models/run-build.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { changeImpact, type ChangeImpact } from '../../workspace/change-impact.ts';
import { metricInputs } from '../../workspace/metric-inputs.ts';
import { PAGE_MODELS } from '../../workspace/page-models.ts';
import { findModelFile, modelFilePath, validateModelFolder, validateModelName } from './model-file-path.ts';
import { MAX_MODEL_CHARS } from './save-model-file.ts';

export interface Draft {
	readonly name: string;
	/** The whole file; null = the model is deleted. */
	readonly text: string | null;
	/** Folder of a new model (default marts). */
	readonly folder?: string;
}

export interface DraftPlan extends BuildResult {
	readonly impact: ChangeImpact;
}

export const MAX_DRAFTS = 20;

export async function planDraft(warehouse: Warehouse, drafts: readonly Draft[], record: { author?: string; message?: string } = {}): Promise<DraftPlan> {
	if (drafts.length > MAX_DRAFTS) throw new ValidationError(`at most ${MAX_DRAFTS} drafts per plan`, { parameter: 'drafts' });
	const dir = await mkdtemp(path.join(tmpdir(), 'partnerscope-draft-'));
	try {
		const sqlDir = path.join(dir, 'sql');
		await cp(warehouse.config.sqlDir, sqlDir, { recursive: true });
		for (const draft of drafts) await applyDraft(sqlDir, draft);
		const result = await warehouse.plan({ ...record, sqlDir });
		return { ...result, impact: changeImpact(result.dataDiffs, metricInputs(), PAGE_MODELS) };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

async function applyDraft(sqlDir: string, draft: Draft): Promise<void> {
	const name = validateModelName(draft.name);
	const existing = await findModelFile(sqlDir, name);
	if (draft.text === null) {
		if (existing === null) throw new ValidationError(`there is no model ${name} to delete`, { parameter: 'name' });
		await rm(modelFilePath(sqlDir, existing));
		return;
	}
	if (draft.text.length > MAX_MODEL_CHARS) throw new ValidationError(`text may be at most ${MAX_MODEL_CHARS} characters`, { parameter: 'text' });
	try {
		parseModel(`${name}.sql`, draft.text);
	} catch (error) {
		if (!(error instanceof ModelParseError)) throw error;
		throw new ModelError(error.message, { line: error.line, column: 1 });
	}
	const relative = existing ?? `${validateModelFolder(draft.folder ?? 'marts')}/${name}.sql`.replace(/^\//, '');
	const full = modelFilePath(sqlDir, relative);
	await mkdir(path.dirname(full), { recursive: true });
	await writeFile(full, draft.text);
}
