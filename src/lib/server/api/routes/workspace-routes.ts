/**
 * /api/v1/models/workspace: the analyst's editor in the browser. Completion schema, the engine's analysis of
 * a draft as it is typed, preview of a draft against the published parents, plan of drafts before saving,
 * saving/creating/deleting model files with conflict detection, and side-by-side comparison of versions.
 * Everything here goes through requireModelWriteAccess (analysts only, once sign-in exists). Publishing and
 * rollback are the existing POST /api/v1/models/build and /rollback.
 */
import { Hono, type Context } from 'hono';
import { ModelError, ValidationError } from '../../errors.ts';
import { loadProject } from '../../models/load-project.ts';
import { ModelParseError, parseModel } from '../../models/parse-model.ts';
import { PREVIEW_MAX_ROWS } from '../../models/preview-select.ts';
import { SOURCE_NAMES } from '../../models/sources.ts';
import { checkModelText } from '../../workspace/check-model-text.ts';
import { compareModelVersions } from '../../workspace/compare-model-versions.ts';
import { FileWriteLock } from '../../workspace/file-write-lock.ts';
import { validateModelName } from '../../workspace/model-file-path.ts';
import { MAX_DRAFTS, planDraft, type Draft } from '../../workspace/plan-draft.ts';
import { readModelFile } from '../../workspace/read-model-file.ts';
import { readWarehouseSchema } from '../../workspace/read-warehouse-schema.ts';
import { MAX_MODEL_CHARS, saveModelFile } from '../../workspace/save-model-file.ts';
import type { ApiEnv } from '../create-api.ts';
import { requireModelWriteAccess } from '../require-model-write-access.ts';
import { jsonBody } from '../json-body.ts';
import { onlyParams } from '../only-params.ts';

/** One lock per models folder in this process: a save checks the hash and writes without another save between. */
const locks = new Map<string, FileWriteLock>();
const lockFor = (sqlDir: string) => locks.get(sqlDir) ?? locks.set(sqlDir, new FileWriteLock()).get(sqlDir)!;

function text(body: Record<string, unknown>, key: string): string {
	const value = body[key];
	if (typeof value !== 'string') throw new ValidationError(`${key} is required: the whole model file (header and SELECT)`, { parameter: key });
	if (value.length > MAX_MODEL_CHARS) throw new ValidationError(`${key} may be at most ${MAX_MODEL_CHARS.toLocaleString('en-US')} characters`, { parameter: key });
	return value;
}

function name(raw: unknown, parameter = 'name'): string {
	if (typeof raw !== 'string') throw new ValidationError(`${parameter} is required: the model's name`, { parameter });
	return validateModelName(raw);
}

function baseHash(body: Record<string, unknown>): string | null {
	const value = body.baseHash;
	if (value === null) return null;
	if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value))
		throw new ValidationError('baseHash is required: the hash of the text you opened (null for a new model)', { parameter: 'baseHash' });
	return value;
}

function folder(body: Record<string, unknown>): string | undefined {
	if (body.folder === undefined) return undefined;
	if (typeof body.folder !== 'string') throw new ValidationError('folder must be a string such as "marts"', { parameter: 'folder' });
	return body.folder;
}

function message(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.length > 1000) throw new ValidationError(`${key} must be a string of at most 1000 characters`, { parameter: key });
	return value;
}

/** The SELECT of a draft file, or a 422 at the header line that does not parse. */
function draftSql(modelName: string, fileText: string): string {
	try {
		return parseModel(`${modelName}.sql`, fileText).sql;
	} catch (error) {
		if (!(error instanceof ModelParseError)) throw error;
		throw new ModelError(error.message, { line: error.line, column: 1 });
	}
}

const deps = (c: Context<ApiEnv>) => c.get('deps');

export const workspaceRoutes = new Hono<ApiEnv>()
	.use('*', requireModelWriteAccess)
	.get('/schema', async (c) => {
		onlyParams(c, []);
		return c.json({ tables: await readWarehouseSchema(deps(c).warehouse.db) });
	})
	.post('/check', async (c) => {
		const body = await jsonBody(c, { fields: ['name', 'text'], emptyIsObject: true });
		const { warehouse } = deps(c);
		const [state, project] = await Promise.all([warehouse.publishedState(), loadProject(warehouse.config.sqlDir)]);
		const published = new Set(state.models.keys());
		const known = new Set([...SOURCE_NAMES, ...published, ...project.models.map((m) => m.name)]);
		return c.json(await checkModelText(warehouse.db, name(body.name), text(body, 'text'), { known, published, timeoutMs: warehouse.config.queryTimeoutMs }));
	})
	.post('/preview', async (c) => {
		const body = await jsonBody(c, { fields: ['name', 'text', 'limit'], emptyIsObject: true });
		const limit = body.limit ?? 100;
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > PREVIEW_MAX_ROWS)
			throw new ValidationError(`limit must be a whole number from 1 to ${PREVIEW_MAX_ROWS}`, { parameter: 'limit' });
		const modelName = name(body.name);
		return c.json(await deps(c).warehouse.preview(draftSql(modelName, text(body, 'text')), limit, `user:${c.get('caller').user?.name ?? 'local'}`));
	})
	.post('/plan', async (c) => {
		const body = await jsonBody(c, { fields: ['drafts', 'author', 'message'], emptyIsObject: true });
		if (!Array.isArray(body.drafts) || body.drafts.length === 0) throw new ValidationError('drafts is required: [{ name, text (null deletes), folder? }]', { parameter: 'drafts' });
		if (body.drafts.length > MAX_DRAFTS) throw new ValidationError(`at most ${MAX_DRAFTS} drafts`, { parameter: 'drafts' });
		const drafts: Draft[] = body.drafts.map((d: unknown) => {
			if (!d || typeof d !== 'object') throw new ValidationError('each draft must be an object { name, text, folder? }', { parameter: 'drafts' });
			const draft = d as Record<string, unknown>;
			const f = folder(draft);
			return { name: name(draft.name), text: draft.text === null ? null : text(draft, 'text'), ...(f === undefined ? {} : { folder: f }) };
		});
		const author = message(body, 'author');
		const note = message(body, 'message');
		return c.json(await planDraft(deps(c).warehouse, drafts, { ...(author ? { author } : {}), ...(note ? { message: note } : {}) }));
	})
	.get('/files/:name', async (c) => {
		onlyParams(c, []);
		return c.json(await readModelFile(deps(c).warehouse.config.sqlDir, name(c.req.param('name'))));
	})
	.put('/files/:name', async (c) => {
		const body = await jsonBody(c, { fields: ['text', 'baseHash', 'folder'], emptyIsObject: true });
		const sqlDir = deps(c).warehouse.config.sqlDir;
		const f = folder(body);
		return c.json(await saveModelFile(sqlDir, { name: name(c.req.param('name')), text: text(body, 'text'), baseHash: baseHash(body), ...(f === undefined ? {} : { folder: f }) }, lockFor(sqlDir)));
	})
	.delete('/files/:name', async (c) => {
		const body = await jsonBody(c, { fields: ['baseHash'], emptyIsObject: true });
		const sqlDir = deps(c).warehouse.config.sqlDir;
		return c.json(await saveModelFile(sqlDir, { name: name(c.req.param('name')), text: null, baseHash: baseHash(body) }, lockFor(sqlDir)));
	})
	.get('/compare/:name', async (c) => {
		onlyParams(c, ['from', 'to']);
		const version = (key: string) => {
			const raw = c.req.query(key);
			if (!raw || !/^([0-9a-f]{16}|file)$/.test(raw)) throw new ValidationError(`${key} must be a version id (16 hex characters) or "file"`, { parameter: key });
			return raw;
		};
		const { warehouse } = deps(c);
		return c.json(await compareModelVersions(warehouse.db, warehouse.config.sqlDir, name(c.req.param('name')), version('from'), version('to')));
	});
