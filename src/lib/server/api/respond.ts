/**
 * Content negotiation for tabular answers: JSON by default, CSV with ?format=csv, Arrow IPC stream when the
 * client sends `Accept: application/vnd.apache.arrow.stream` (or ?format=arrow).
 */
import type { Context } from 'hono';
import type { Database, QueryParams, Row } from '../db/database.ts';
import { ValidationError } from '../errors.ts';
import { toCsv } from './to-csv.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
const FORMATS = ['json', 'csv', 'arrow'] as const;
export type Format = (typeof FORMATS)[number];

export function requestedFormat(c: Context): Format {
	const format = c.req.query('format');
	if (format !== undefined) {
		if (!(FORMATS as readonly string[]).includes(format)) throw new ValidationError(`format must be one of ${FORMATS.join(', ')}, saw "${format}"`, { parameter: 'format' });
		return format as Format;
	}
	return (c.req.header('accept') ?? '').includes(ARROW_STREAM) ? 'arrow' : 'json';
}

/** Answers a table: rows + meta as JSON, or the same rows as CSV or Arrow. */
export async function respondTable(
	c: Context,
	db: Database,
	query: { sql: string; params: QueryParams },
	meta: Record<string, unknown>,
	filename: string
): Promise<Response> {
	const format = requestedFormat(c);
	if (format === 'arrow') {
		const stream = db.streamArrow(query.sql, query.params);
		// Pull the first bytes before answering so a failing query still gets a problem+json error.
		const first = await stream.next();
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				if (!first.done) controller.enqueue(first.value);
			},
			async pull(controller) {
				const next = await stream.next();
				if (next.done) controller.close();
				else controller.enqueue(next.value);
			},
			async cancel() {
				await stream.return(undefined);
			}
		});
		return new Response(body, { headers: { 'content-type': ARROW_STREAM } });
	}
	const rows = await db.query(query.sql, query.params);
	if (format === 'csv') return csvResponse(rows, filename);
	return c.json({ rows, meta });
}

export function csvResponse(rows: readonly Row[], filename: string): Response {
	return new Response(toCsv(rows), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}.csv"` }
	});
}
