/**
 * An analyst's ad-hoc SELECT over the published models: through the same statement gate as model files, reading
 * only published models and sources by bare name, interrupted at the time limit, and cut to `limit` rows.
 * Called by POST /api/v1/models/preview.
 */
import type { Database, Row } from '../db/database.ts';
import { ModelError, PreviewTooLargeError, QueryError } from '../errors.ts';
import { SqlAnalysisError, deserializeSql, lineAndColumn, redirectTables } from './analyze-sql.ts';
import type { CheckedTargets } from './checked-targets.ts';
import { admitSelect } from './admit-select.ts';
import { requireBoundReads } from './bound-reads.ts';

export const PREVIEW_MAX_ROWS = 10_000;
/** The most JSON one preview answer carries; beyond, the preview fails (a bounded result, whatever the row width). */
export const PREVIEW_MAX_BYTES = 16 * 1024 * 1024;

export interface PreviewResult {
	readonly columns: readonly { readonly name: string; readonly type: string }[];
	readonly rows: readonly Row[];
	/** More rows exist than `limit`. */
	readonly truncated: boolean;
	readonly limit: number;
	readonly ms: number;
}

export async function previewSelect(
	db: Database,
	sql: string,
	options: {
		readonly limit: number;
		readonly timeoutMs: number;
		readonly known: ReadonlySet<string>;
		/** The published models as the check sees them (checked-targets.ts): where each name points and what the plan may scan. */
		readonly checked: CheckedTargets;
		/** Aborts the running query (the memory cap); the preview then fails with the signal's reason. */
		readonly signal?: AbortSignal;
	}
): Promise<PreviewResult> {
	if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > PREVIEW_MAX_ROWS) throw new RangeError(`limit must be a whole number from 1 to ${PREVIEW_MAX_ROWS}`);
	const started = performance.now();
	let admitted: string;
	let checkedSql: string;
	try {
		// What runs is DuckDB's rendering of the admitted AST, so nothing outside the one SELECT can ride along.
		const { ast } = await admitSelect(db, sql, { known: options.known });
		admitted = await deserializeSql(db, ast);
		checkedSql = await deserializeSql(db, redirectTables(ast, options.checked.targets));
	} catch (error) {
		if (!(error instanceof SqlAnalysisError)) throw error;
		if (error.position === null) throw new ModelError(`the SQL was refused: ${error.message}`);
		const { line, column } = lineAndColumn(sql, error.position);
		throw new ModelError(`the SQL was refused at line ${line}, column ${column}: ${error.message}`, { line, column });
	}
	try {
		await requireBoundReads(db, checkedSql, options.checked.allowed);
		// Streamed and cut at `limit` rows and PREVIEW_MAX_BYTES, so the answer is bounded however wide the rows are.
		const { columns, rows, truncated } = await db.queryBounded(`select * from (${admitted}) as preview limit ${options.limit + 1}`, {
			timeoutMs: options.timeoutMs,
			...(options.signal ? { signal: options.signal } : {}),
			maxRows: options.limit,
			maxBytes: PREVIEW_MAX_BYTES,
			tooLarge: (bytes) => new PreviewTooLargeError(`the preview's rows passed ${PREVIEW_MAX_BYTES / 1024 / 1024} MB of JSON (${Math.round(bytes / 1024 / 1024)} MB at the row it stopped); select fewer or narrower columns, or fewer rows`)
		});
		return { columns, rows, truncated, limit: options.limit, ms: Math.round(performance.now() - started) };
	} catch (error) {
		if (error instanceof PreviewTooLargeError) throw error;
		if (error instanceof SqlAnalysisError) throw new ModelError(`the SQL was refused: ${error.message}`);
		// The analyst's own mistakes (a missing column, a bad cast) are theirs to fix: say what DuckDB said.
		if (error instanceof QueryError) throw new ModelError(`the query failed: ${(error.detail ?? error.message).split('\n')[0]}`);
		throw error;
	}
}
