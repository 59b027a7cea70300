/**
 * Model file text -> ModelSpec (pure). A model is one SELECT under a comment header:
 *
 *   -- kind: table
 *   -- grain: partner_id, date
 *   -- owner: analytics
 *   -- description: One row per partner and day.
 *   -- test: not_null(partner_id, date)
 *   -- test: accepted_values(status: pending, approved)
 *   -- test: relationships(partner_id -> stg_partners.partner_id)
 *   select ...
 *
 * `unique` over the grain is implied whenever a grain is declared. Called by the model loader.
 *
 * An incremental model is rebuilt by day: it names its day column and, per parent it reads by day, how many
 * days back an output day reads that parent (`lookback`); the build then replaces only the affected days.
 *
 *   -- kind: incremental
 *   -- time_column: converted_date
 *   -- lookback: src_sales 0, src_clicks 90, stg_fx_rates 31
 *
 * Any table may declare a `time_column` so incremental children can read it by day.
 */

export const MODEL_KINDS = ['view', 'table', 'incremental'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export type ColumnTest =
	| { readonly type: 'not_null'; readonly columns: readonly string[] }
	| { readonly type: 'unique'; readonly columns: readonly string[] }
	| { readonly type: 'accepted_values'; readonly column: string; readonly values: readonly string[] }
	| { readonly type: 'relationships'; readonly column: string; readonly model: string; readonly toColumn: string };

/** A parent an incremental model reads by day: output day d reads the parent's days [d - days, d]. */
export interface Lookback {
	readonly parent: string;
	readonly days: number;
}

export interface ModelSpec {
	readonly name: string;
	/** Path relative to the models folder, e.g. `staging/stg_sales.sql`. */
	readonly path: string;
	readonly kind: ModelKind;
	readonly grain: readonly string[];
	readonly owner: string | null;
	readonly description: string | null;
	readonly tests: readonly ColumnTest[];
	/** The DATE column rows are partitioned by (required for incremental models, optional for tables). */
	readonly timeColumn: string | null;
	/** Incremental models: the parents read by day and how far back; other parents are read whole. */
	readonly lookback: readonly Lookback[];
	/** The SELECT, header removed. */
	readonly sql: string;
	/** 1-based line in the file where `sql` starts, for error positions. */
	readonly sqlLine: number;
	/** The whole file (header and SELECT): what history stores and `models diff` compares. */
	readonly text: string;
}

export class ModelParseError extends Error {
	override name = 'ModelParseError';
	constructor(
		readonly path: string,
		readonly line: number,
		message: string
	) {
		super(`${path}:${line}: ${message}`);
	}
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const HEADER_KEYS = ['kind', 'grain', 'owner', 'description', 'test', 'time_column', 'lookback'] as const;
/** More than ten years back is a mistake, not a window. */
const MAX_LOOKBACK_DAYS = 3660;
/** Names taken by routes under /api/v1/models/ (GET /api/v1/models/log would hide a model named log; workspace: the editor's routes). */
export const RESERVED_MODEL_NAMES: ReadonlySet<string> = new Set(['log', 'workspace']);

export function parseModel(path: string, text: string): ModelSpec {
	const name = path.replace(/\\/g, '/').split('/').pop()!.replace(/\.sql$/i, '');
	if (!IDENT.test(name)) throw new ModelParseError(path, 1, `model name "${name}" must be lower_snake_case (letters, digits, _)`);
	if (RESERVED_MODEL_NAMES.has(name)) throw new ModelParseError(path, 1, `model name "${name}" is reserved; choose another file name`);

	const lines = text.split(/\r?\n/);
	let kind: ModelKind | undefined;
	let grain: string[] = [];
	let owner: string | null = null;
	let description: string | null = null;
	const tests: ColumnTest[] = [];
	let timeColumn: string | null = null;
	const lookback: Lookback[] = [];
	let i = 0;
	for (; i < lines.length; i++) {
		const line = lines[i]!.trim();
		if (line === '') continue;
		if (!line.startsWith('--')) break;
		const m = /^--\s*([a-z_]+)\s*:\s*(.*)$/.exec(line);
		if (!m) continue; // an ordinary comment
		const [, key, value] = m as unknown as [string, string, string];
		const lineNo = i + 1;
		if (!(HEADER_KEYS as readonly string[]).includes(key)) continue;
		switch (key) {
			case 'kind':
				if (!(MODEL_KINDS as readonly string[]).includes(value.trim()))
					throw new ModelParseError(path, lineNo, `kind must be one of ${MODEL_KINDS.join(', ')}, saw "${value.trim()}"`);
				kind = value.trim() as ModelKind;
				break;
			case 'grain':
				grain = identList(value, path, lineNo, 'grain');
				break;
			case 'owner':
				owner = value.trim() || null;
				break;
			case 'description':
				description = [description, value.trim()].filter(Boolean).join(' ') || null;
				break;
			case 'test':
				tests.push(parseTest(value.trim(), path, lineNo));
				break;
			case 'time_column': {
				const [column, ...rest] = identList(value, path, lineNo, 'time_column');
				if (rest.length > 0) throw new ModelParseError(path, lineNo, `time_column takes one column, saw "${value.trim()}"`);
				timeColumn = column!;
				break;
			}
			case 'lookback':
				lookback.push(...parseLookback(value, path, lineNo, lookback));
				break;
		}
	}
	const sql = lines.slice(i).join('\n').trim();
	if (!kind) throw new ModelParseError(path, 1, 'the header must declare "-- kind: view", "-- kind: table" or "-- kind: incremental"');
	if (kind === 'incremental' && timeColumn === null)
		throw new ModelParseError(path, 1, 'an incremental model must declare its day column: "-- time_column: <DATE column>"');
	if (kind !== 'incremental' && lookback.length > 0) throw new ModelParseError(path, 1, `lookback applies to incremental models only; this model is kind ${kind}`);
	if (sql === '') throw new ModelParseError(path, i + 1, 'the model has no SELECT after its header');
	if (grain.length > 0) tests.unshift({ type: 'unique', columns: grain });
	return { name, path, kind, grain, owner, description, tests, timeColumn, lookback, sql: sql.replace(/;\s*$/, ''), sqlLine: i + 1, text };
}

function identList(value: string, path: string, line: number, what: string): string[] {
	const names = value.split(',').map((s) => s.trim()).filter(Boolean);
	for (const n of names) if (!IDENT.test(n)) throw new ModelParseError(path, line, `${what}: "${n}" is not a column name`);
	if (names.length === 0) throw new ModelParseError(path, line, `${what} needs at least one column`);
	return names;
}

/** `src_sales 0, src_clicks 90` (days; `days` may follow each number). */
function parseLookback(value: string, path: string, line: number, seen: readonly Lookback[]): Lookback[] {
	const entries: Lookback[] = [];
	for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
		const m = /^([a-z_][a-z0-9_]*)\s+(\d+)(?:\s+days?)?$/.exec(part);
		if (!m) throw new ModelParseError(path, line, `lookback entries look like "parent_name 30", saw "${part}"`);
		const days = Number(m[2]);
		if (days > MAX_LOOKBACK_DAYS) throw new ModelParseError(path, line, `lookback for ${m[1]} must be at most ${MAX_LOOKBACK_DAYS} days, saw ${days}`);
		if ([...seen, ...entries].some((e) => e.parent === m[1])) throw new ModelParseError(path, line, `lookback names ${m[1]} twice`);
		entries.push({ parent: m[1]!, days });
	}
	if (entries.length === 0) throw new ModelParseError(path, line, 'lookback needs at least one "parent_name days" entry');
	return entries;
}

function parseTest(text: string, path: string, line: number): ColumnTest {
	const m = /^([a-z_]+)\s*\((.*)\)$/.exec(text);
	if (!m) throw new ModelParseError(path, line, `test must look like name(args), saw "${text}"`);
	const [, type, args] = m as unknown as [string, string, string];
	switch (type) {
		case 'not_null':
		case 'unique':
			return { type, columns: identList(args, path, line, type) };
		case 'accepted_values': {
			const am = /^([a-z_][a-z0-9_]*)\s*:\s*(.+)$/.exec(args.trim());
			if (!am) throw new ModelParseError(path, line, 'accepted_values needs "column: value, value, ..."');
			const values = am[2]!.split(',').map((s) => s.trim()).filter(Boolean);
			return { type, column: am[1]!, values };
		}
		case 'relationships': {
			const rm = /^([a-z_][a-z0-9_]*)\s*->\s*([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/.exec(args.trim());
			if (!rm) throw new ModelParseError(path, line, 'relationships needs "column -> model.column"');
			return { type, column: rm[1]!, model: rm[2]!, toColumn: rm[3]! };
		}
		default:
			throw new ModelParseError(path, line, `unknown test "${type}"; expected not_null, unique, accepted_values or relationships`);
	}
}
