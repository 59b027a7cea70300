/**
 * The export contract's rules on read, after the columns and types passed (sources.ts validateSource):
 * problems stop the build and name the file, the column and an example; warnings let it publish and are shown
 * in health and on the data-quality panel. Rules (README "The export format"):
 *   problems: a value outside an enumeration; a negative amount; an FX rate of zero, below zero, missing
 *             (NULL) or not finite; reference rows (partners, costs, FX) whose copies disagree.
 *   warnings: an event time stored as TIMESTAMP without time zone (read as UTC, never host time); rows dated
 *             beyond the future tolerance (quarantined); re-delivered copies collapsed to the latest state.
 * Takes the source relation (the SELECT the build materializes from) and the files behind it. Called by the build.
 */
import type { Database } from '../db/database.ts';
import { EXPORT_SCHEMA, type ExportTable } from './export-schema.ts';
import { EVENT_TIME, FUTURE_TOLERANCE_HOURS, NON_NEGATIVE, REFERENCE_TABLES, UNIQUE_KEY } from './export-rules.ts';
import { contractEffectsSql, futureCutoff } from './apply-export-contract.ts';

export interface ContractFile {
	readonly path: string;
	/** How messages name it, e.g. exports/sales/month=2026-01/part-0.parquet. */
	readonly label: string;
}

export interface ContractCheck {
	readonly problems: readonly string[];
	readonly warnings: readonly string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** Example values quoted for a message: short, and control characters shown as escapes. */
const example = (value: unknown) => JSON.stringify(String(value).slice(0, 60));

export async function checkExportContract(
	db: Database,
	input: {
		readonly table: ExportTable;
		readonly relation: string;
		readonly files: readonly ContractFile[];
		readonly now: Date;
		/** The rows re-delivered copies are counted in (default: the whole relation); a build passes the days its new files touch. */
		readonly effectsRelation?: string;
	}
): Promise<ContractCheck & { readonly copies: number }> {
	const problems: string[] = [];
	const warnings: string[] = [];
	for (const file of input.files) {
		const found = await checkExportFile(db, input.table, file, input.now);
		problems.push(...found.problems);
		warnings.push(...found.warnings);
	}
	if (REFERENCE_TABLES.includes(input.table)) problems.push(...(await conflictingCopies(db, input.table, input.relation)));
	const [effects] = await db.query<{ duplicates: number }>(
		contractEffectsSql(input.effectsRelation ?? input.relation, input.table, input.now)
	);
	if (effects && effects.duplicates > 0)
		warnings.push(`${input.table}: ${effects.duplicates} re-delivered cop${effects.duplicates === 1 ? 'y' : 'ies'} of the same ${UNIQUE_KEY[input.table].join(', ')} collapsed to the latest state`);
	return { problems, warnings, copies: Number(effects?.duplicates ?? 0) };
}

/** One file's rules; `latest` is its newest event time (null: none or no event time), so a caller can tell when the future rule could change. */
export async function checkExportFile(
	db: Database,
	table: ExportTable,
	file: ContractFile,
	now: Date
): Promise<ContractCheck & { readonly latest: string | null; readonly latestKept: string | null }> {
	const problems: string[] = [];
	const warnings: string[] = [];
	const read = `read_parquet(${literal(file.path)})`;
	const described = await db.query<{ column_name: string; column_type: string }>(`describe select * from ${read}`);
	const typeOf = new Map(described.map((d) => [d.column_name.toLowerCase(), d.column_type.toUpperCase()]));
	for (const column of EXPORT_SCHEMA[table]) {
		if (column.type === 'TIMESTAMPTZ' && /^TIMESTAMP(_S|_MS|_NS)?$/.test(typeOf.get(column.name) ?? ''))
			warnings.push(`${file.label}: ${column.name} is TIMESTAMP without time zone; read as UTC`);
	}
	const cast = (name: string) => `cast(${ident(name)} as ${EXPORT_SCHEMA[table].find((c) => c.name === name)!.type})`;
	const id = ident(UNIQUE_KEY[table][0]!);
	const checks: { count: string; sample: string; warning?: boolean; message: (count: number, sample: string) => string }[] = [];
	for (const column of EXPORT_SCHEMA[table]) {
		if (!column.values) continue;
		const outside = `${ident(column.name)} is not null and ${ident(column.name)}::varchar not in (${column.values.map(literal).join(', ')})`;
		checks.push({
			count: `count(*) filter (where ${outside})`,
			sample: `any_value(${ident(column.name)}::varchar) filter (where ${outside})`,
			message: (n, sample) => `${file.label}: column ${column.name} has ${n} value(s) outside ${column.values!.join(', ')} (e.g. ${example(sample)})`
		});
	}
	for (const name of NON_NEGATIVE[table] ?? []) {
		const negative = `${cast(name)} < 0`;
		checks.push({
			count: `count(*) filter (where ${negative})`,
			sample: `any_value(${id}::varchar || ': ' || ${cast(name)}::varchar) filter (where ${negative})`,
			message: (n, sample) =>
				`${file.label}: column ${name} has ${n} negative value(s) (e.g. ${UNIQUE_KEY[table][0]} ${sample}); a refund or clawback is a sale with status reversed, not a negative amount`
		});
	}
	if (table === 'fx_rates') {
		const bad = `rate_to_base is null or not isfinite(${cast('rate_to_base')}) or ${cast('rate_to_base')} <= 0`;
		checks.push({
			count: `count(*) filter (where ${bad})`,
			sample: `any_value(coalesce(currency, '?') || ' on ' || coalesce(${cast('date')}::varchar, '?') || ' = ' || coalesce(rate_to_base::varchar, 'NULL')) filter (where ${bad})`,
			message: (n, sample) => `${file.label}: rate_to_base must be a number above 0; ${n} rate(s) are zero, negative or missing (e.g. ${sample})`
		});
	}
	const time = EVENT_TIME[table];
	if (time) {
		const future = `${cast(time)} > '${futureCutoff(now)}'::timestamptz`;
		checks.push({
			count: `count(*) filter (where ${future})`,
			sample: `(max(${cast(time)}) filter (where ${future}))::varchar`,
			warning: true,
			message: (n, sample) => `${file.label}: ${n} row(s) with ${time} after the ${FUTURE_TOLERANCE_HOURS} h future tolerance (latest ${sample}) are quarantined: not counted and not moving "data through"`
		});
	}
	if (checks.length === 0) return { problems, warnings, latest: null, latestKept: null };
	const latest = time
		? `, max(${cast(time)})::timestamptz::varchar as latest, (max(${cast(time)}) filter (where not (${cast(time)} > '${futureCutoff(now)}'::timestamptz)))::timestamptz::varchar as latest_kept`
		: '';
	const [row] = await db.query(`select ${checks.map((c, i) => `${c.count} as n${i}, ${c.sample} as s${i}`).join(', ')}${latest} from ${read}`);
	checks.forEach((check, i) => {
		const count = Number(row?.[`n${i}`] ?? 0);
		if (count === 0) return;
		const message = check.message(count, String(row?.[`s${i}`] ?? ''));
		if (check.warning) warnings.push(message);
		else problems.push(message);
	});
	const text = (v: unknown) => (v == null ? null : String(v));
	return { problems, warnings, latest: text(row?.latest), latestKept: text(row?.latest_kept) };
}

/** Reference tables: keys whose copies differ (same partner_id, cost_id or date and currency, other values). */
async function conflictingCopies(db: Database, table: ExportTable, relation: string): Promise<string[]> {
	const key = UNIQUE_KEY[table].map(ident);
	const columns = EXPORT_SCHEMA[table].map((c) => ident(c.name));
	const rows = await db.query<{ k: string; n: number }>(
		`select concat_ws(' / ', ${key.map((k) => `${k}::varchar`).join(', ')}) as k, count(distinct row(${columns.join(', ')}))::bigint as n
		from (${relation}) group by ${key.join(', ')} having count(distinct row(${columns.join(', ')})) > 1 order by 1 limit 6`
	);
	if (rows.length === 0) return [];
	return [
		`${table}: ${rows.length > 5 ? 'more than 5' : rows.length} ${UNIQUE_KEY[table].join(' / ')} value(s) appear with different contents in the delivered files (e.g. ${example(rows[0]!.k)}); deliver one version of each`
	];
}
