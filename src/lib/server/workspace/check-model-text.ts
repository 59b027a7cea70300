/**
 * What the editor underlines as the analyst types: the engine's own analysis of a model file, each problem at
 * its line and column in the whole file. In order: the header (parse-model), the statement gate (DuckDB's
 * parser: one SELECT, allowed functions, bare table names, known tables), then binding against the published
 * models (DuckDB's binder via DESCRIBE: unknown columns, type errors), which plans but never runs the query.
 * Called by POST /api/v1/models/workspace/check.
 */
import type { Database } from '../db/database.ts';
import { QueryError } from '../errors.ts';
import { SqlAnalysisError, lineAndColumn } from '../models/analyze-sql.ts';
import { admitSelect } from '../models/admit-select.ts';
import { ModelParseError, parseModel, type ModelSpec } from '../models/parse-model.ts';

export interface Diagnostic {
	/** 1-based, in the whole file. */
	readonly line: number;
	readonly column: number;
	readonly message: string;
	/** `header`, `gate` (parser and statement gate) or `binder` (columns and types against the published models). */
	readonly stage: 'header' | 'gate' | 'binder';
}

export interface CheckResult {
	readonly ok: boolean;
	readonly diagnostics: readonly Diagnostic[];
	/** The tables the SELECT reads, when it parsed. */
	readonly reads: readonly string[];
	/** The columns the model would have (from the binder), when it bound. */
	readonly columns: readonly { readonly name: string; readonly type: string }[];
}

export interface CheckContext {
	/** Every name a model may read: sources, published models and the project's model files. */
	readonly known: ReadonlySet<string>;
	/** Names DESCRIBE can bind against (the published views in main). */
	readonly published: ReadonlySet<string>;
	readonly timeoutMs: number;
}

export async function checkModelText(db: Database, name: string, text: string, context: CheckContext): Promise<CheckResult> {
	let spec: ModelSpec;
	try {
		spec = parseModel(`${name}.sql`, text);
	} catch (error) {
		if (!(error instanceof ModelParseError)) throw error;
		return failed({ line: error.line, column: 1, message: error.message.replace(/^[^:]+:\d+: /, ''), stage: 'header' });
	}
	const sqlStart = offsetOfSql(text, spec);
	const at = (offset: number | null) => (offset === null ? { line: spec.sqlLine, column: 1 } : lineAndColumn(text, sqlStart + offset));
	let references: readonly { table: string }[];
	try {
		references = (await admitSelect(db, spec.sql, { known: context.known })).references;
	} catch (error) {
		if (!(error instanceof SqlAnalysisError)) throw error;
		return failed({ ...at(error.position), message: error.message, stage: 'gate' });
	}
	const reads = [...new Set(references.map((r) => r.table))];
	if (reads.some((t) => !context.published.has(t))) return { ok: true, diagnostics: [], reads, columns: [] }; // binds only once its parents are published
	try {
		// The gate admitted exactly one SELECT, so DESCRIBE of it is one statement that binds and never runs.
		const described = await db.query<{ column_name: string; column_type: string }>(`describe ${spec.sql}`, undefined, { timeoutMs: context.timeoutMs });
		return { ok: true, diagnostics: [], reads, columns: described.map((c) => ({ name: c.column_name, type: c.column_type })) };
	} catch (error) {
		if (!(error instanceof QueryError)) throw error;
		const detail = error.detail ?? error.message;
		const offset = caretOffset(detail, `describe ${spec.sql}`);
		const message = detail.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '');
		return { ok: false, diagnostics: [{ ...at(offset === null ? null : Math.max(0, offset - 'describe '.length)), message, stage: 'binder' }], reads, columns: [] };
	}
}

function failed(diagnostic: Diagnostic): CheckResult {
	return { ok: false, diagnostics: [diagnostic], reads: [], columns: [] };
}

/** Offset in the whole file where `spec.sql` (the header removed, trimmed) starts. */
function offsetOfSql(text: string, spec: ModelSpec): number {
	const lines = text.split('\n');
	const lineStart = lines.slice(0, spec.sqlLine - 1).reduce((n, l) => n + l.length + 1, 0);
	const found = text.indexOf(spec.sql.slice(0, 20), lineStart);
	return found >= 0 ? found : lineStart;
}

/**
 * DuckDB's errors show the statement's line and a caret under the culprit ("LINE 3: ...text...\n      ^");
 * turns that back into an offset in `statement`, or null when the message has no caret.
 */
export function caretOffset(message: string, statement: string): number | null {
	const m = /LINE (\d+): (.*)\n( *)\^/.exec(message);
	if (!m) return null;
	const lineNo = Number(m[1]);
	const prefix = `LINE ${m[1]}: `;
	let shown = m[2]!;
	let caret = m[3]!.length - prefix.length;
	if (shown.startsWith('...')) {
		shown = shown.slice(3);
		caret -= 3;
	}
	const lines = statement.split('\n');
	const line = lines[lineNo - 1];
	if (line === undefined) return null;
	const within = line.indexOf(shown.replace(/\.\.\.$/, '').slice(0, 40));
	const column = (within >= 0 ? within : 0) + Math.max(0, caret);
	return lines.slice(0, lineNo - 1).reduce((n, l) => n + l.length + 1, 0) + Math.min(column, line.length);
}
