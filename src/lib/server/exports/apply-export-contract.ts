/**
 * The rows of a source that the contract keeps (pure SQL text): re-delivered copies of one key collapsed to
 * the latest state, and fact rows dated beyond the future tolerance quarantined, so one mis-dated sale cannot
 * move "data through". Takes the source relation (any SELECT with the contract's columns) and returns the
 * SELECT to materialize; `contractEffectsSql` counts what it removed, for the build's warnings. Called by the
 * build for every source.
 */
import { EXPORT_SCHEMA, type ExportTable } from './export-schema.ts';
import { EVENT_TIME, FUTURE_TOLERANCE_HOURS, LATEST_STATE, UNIQUE_KEY } from './export-rules.ts';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The cutoff instant as a SQL literal: rows after it are quarantined. */
export function futureCutoff(now: Date): string {
	return new Date(now.getTime() + FUTURE_TOLERANCE_HOURS * 3_600_000).toISOString();
}

function isFuture(table: ExportTable, now: Date): string {
	const column = EVENT_TIME[table];
	return column ? `${ident(column)} > '${futureCutoff(now)}'::timestamptz` : 'false';
}

/**
 * The SELECT to materialize for `table` from `relation`: deduplicated by key, future rows out. `withoutCopies`
 * (the build counted no copy of any key) leaves out the deduplication, whose window over every column would
 * otherwise make each read of a source view read and sort all its columns.
 */
export function applyExportContract(relation: string, table: ExportTable, now: Date, options: { readonly withoutCopies?: boolean } = {}): string {
	const columns = EXPORT_SCHEMA[table].map((c) => ident(c.name)).join(', ');
	const key = UNIQUE_KEY[table].map(ident).join(', ');
	if (options.withoutCopies) return `select ${columns} from (${relation}) as contract_rows where not (${isFuture(table, now)})`;
	return `select ${columns} from (${relation}) as contract_rows
		where not (${isFuture(table, now)})
		qualify row_number() over (partition by ${key} order by ${LATEST_STATE[table]}, ${columns}) = 1`;
}

/** One row: `duplicates`, the re-delivered copies the contract drops (rows not in the future minus distinct keys). */
export function contractEffectsSql(relation: string, table: ExportTable, now: Date): string {
	const key = UNIQUE_KEY[table].map(ident).join(', ');
	const future = isFuture(table, now);
	return `select (count(*) - count(distinct (${key})))::bigint as duplicates from (${relation}) where not (${future})`;
}
