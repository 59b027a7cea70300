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
import { fileList, groupBySchema } from './file-batches.ts';

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
		/** The limit of each statement (a build passes its own; default: the database's query limit). */
		readonly timeoutMs?: number;
	}
): Promise<ContractCheck & { readonly copies: number }> {
	const problems: string[] = [];
	const warnings: string[] = [];
	const checked = await checkExportFiles(db, input.table, input.files, input.now, input.timeoutMs);
	for (const file of input.files) {
		problems.push(...checked.get(file.path)!.problems);
		warnings.push(...checked.get(file.path)!.warnings);
	}
	if (REFERENCE_TABLES.includes(input.table)) problems.push(...(await conflictingCopies(db, input.table, input.relation, input.timeoutMs)));
	// At 100M clicks the first build's count of copies reads every click: it runs under the build's limit, not the API's.
	const [effects] = await db.query<{ duplicates: number }>(contractEffectsSql(input.effectsRelation ?? input.relation, input.table, input.now), undefined, { timeoutMs: input.timeoutMs });
	if (effects && effects.duplicates > 0)
		warnings.push(`${input.table}: ${effects.duplicates} re-delivered cop${effects.duplicates === 1 ? 'y' : 'ies'} of the same ${UNIQUE_KEY[input.table].join(', ')} collapsed to the latest state`);
	return { problems, warnings, copies: Number(effects?.duplicates ?? 0) };
}

export type FileCheck = ContractCheck & {
	/** The file's newest event time (null: none, or the table has no event time), so a caller can tell when the future rule could change. */
	readonly latest: string | null;
	/** The newest event time not past the future tolerance. */
	readonly latestKept: string | null;
};

/** One file's rules. */
export async function checkExportFile(db: Database, table: ExportTable, file: ContractFile, now: Date, timeoutMs?: number): Promise<FileCheck> {
	return (await checkExportFiles(db, table, [file], now, timeoutMs)).get(file.path)!;
}

/**
 * Each file's rules, answered per file; files of one schema are checked by one statement grouped by file
 * (file-batches.ts), and a group whose statement fails is checked again file by file.
 */
export async function checkExportFiles(db: Database, table: ExportTable, files: readonly ContractFile[], now: Date, timeoutMs?: number): Promise<Map<string, FileCheck>> {
	const labelOf = new Map(files.map((f) => [f.path, f.label]));
	const results = new Map<string, FileCheck>();
	const checkGroup = async (group: readonly string[]): Promise<void> => {
		const described = await db.query<{ column_name: string; column_type: string }>(`describe select * from read_parquet(${literal(group[0]!)})`);
		const typeOf = new Map(described.map((d) => [d.column_name.toLowerCase(), d.column_type.toUpperCase()]));
		const naive = EXPORT_SCHEMA[table].filter((column) => column.type === 'TIMESTAMPTZ' && /^TIMESTAMP(_S|_MS|_NS)?$/.test(typeOf.get(column.name) ?? ''));
		const checks = fileChecks(table, now);
		const time = EVENT_TIME[table];
		const rows =
			checks.length === 0
				? []
				: await db.query(
						`select filename as ps_file, ${checks.map((c, i) => `${c.count} as n${i}, ${c.sample} as s${i}`).join(', ')}${
							time
								? `, max(${cast(table, time)})::timestamptz::varchar as latest, (max(${cast(table, time)}) filter (where not (${cast(table, time)} > '${futureCutoff(now)}'::timestamptz)))::timestamptz::varchar as latest_kept`
								: ''
						} from read_parquet(${fileList(group)}, filename = true) group by filename`,
						undefined,
						{ timeoutMs }
					);
		const byFile = new Map(rows.map((r) => [String(r.ps_file), r]));
		const text = (v: unknown) => (v == null ? null : String(v));
		for (const file of group) {
			const label = labelOf.get(file)!;
			const problems: string[] = [];
			const warnings = naive.map((column) => `${label}: ${column.name} is TIMESTAMP without time zone; read as UTC`);
			const row = byFile.get(file);
			checks.forEach((check, i) => {
				const count = Number(row?.[`n${i}`] ?? 0);
				if (count === 0) return;
				const message = `${label}: ${check.message(count, String(row?.[`s${i}`] ?? ''))}`;
				if (check.warning) warnings.push(message);
				else problems.push(message);
			});
			results.set(file, { problems, warnings, latest: text(row?.latest), latestKept: text(row?.latest_kept) });
		}
	};
	const { groups, unreadable } = await groupBySchema(db, files.map((f) => f.path), timeoutMs);
	for (const group of groups) {
		try {
			await checkGroup(group);
		} catch (error) {
			if (group.length === 1) throw error;
			for (const file of group) await checkGroup([file]);
		}
	}
	for (const file of unreadable) await checkGroup([file]);
	return results;
}

const cast = (table: ExportTable, name: string) => `cast(${ident(name)} as ${EXPORT_SCHEMA[table].find((c) => c.name === name)!.type})`;

interface FileRule {
	/** Aggregate counting the rows that break the rule, and one example of them. */
	readonly count: string;
	readonly sample: string;
	/** A warning lets the build publish; otherwise the rule's breach is a problem that stops it. */
	readonly warning?: boolean;
	/** The message after the file's label. */
	readonly message: (count: number, sample: string) => string;
}

/** The contract's per-row rules of a table as aggregates (README "The export format"). */
function fileChecks(table: ExportTable, now: Date): FileRule[] {
	const id = ident(UNIQUE_KEY[table][0]!);
	const checks: FileRule[] = [];
	for (const column of EXPORT_SCHEMA[table]) {
		if (!column.values) continue;
		const outside = `${ident(column.name)} is not null and ${ident(column.name)}::varchar not in (${column.values.map(literal).join(', ')})`;
		checks.push({
			count: `count(*) filter (where ${outside})`,
			sample: `any_value(${ident(column.name)}::varchar) filter (where ${outside})`,
			message: (n, sample) => `column ${column.name} has ${n} value(s) outside ${column.values!.join(', ')} (e.g. ${example(sample)})`
		});
	}
	for (const name of NON_NEGATIVE[table] ?? []) {
		const negative = `${cast(table, name)} < 0`;
		checks.push({
			count: `count(*) filter (where ${negative})`,
			sample: `any_value(${id}::varchar || ': ' || ${cast(table, name)}::varchar) filter (where ${negative})`,
			message: (n, sample) =>
				`column ${name} has ${n} negative value(s) (e.g. ${UNIQUE_KEY[table][0]} ${sample}); a refund or clawback is a sale with status reversed, not a negative amount`
		});
	}
	if (table === 'fx_rates') {
		const rate = cast(table, 'rate_to_base');
		const bad = `rate_to_base is null or not isfinite(${rate}) or ${rate} <= 0`;
		checks.push({
			count: `count(*) filter (where ${bad})`,
			sample: `any_value(coalesce(currency, '?') || ' on ' || coalesce(${cast(table, 'date')}::varchar, '?') || ' = ' || coalesce(rate_to_base::varchar, 'NULL')) filter (where ${bad})`,
			message: (n, sample) => `rate_to_base must be a number above 0; ${n} rate(s) are zero, negative or missing (e.g. ${sample})`
		});
	}
	const time = EVENT_TIME[table];
	if (time) {
		const future = `${cast(table, time)} > '${futureCutoff(now)}'::timestamptz`;
		checks.push({
			count: `count(*) filter (where ${future})`,
			sample: `(max(${cast(table, time)}) filter (where ${future}))::varchar`,
			warning: true,
			message: (n, sample) => `${n} row(s) with ${time} after the ${FUTURE_TOLERANCE_HOURS} h future tolerance (latest ${sample}) are quarantined: not counted and not moving "data through"`
		});
	}
	return checks;
}

/** Reference tables: keys whose copies differ (same partner_id, cost_id or date and currency, other values). */
async function conflictingCopies(db: Database, table: ExportTable, relation: string, timeoutMs?: number): Promise<string[]> {
	const key = UNIQUE_KEY[table].map(ident);
	const columns = EXPORT_SCHEMA[table].map((c) => ident(c.name));
	const rows = await db.query<{ k: string; n: number }>(
		`select concat_ws(' / ', ${key.map((k) => `${k}::varchar`).join(', ')}) as k, count(distinct row(${columns.join(', ')}))::bigint as n
		from (${relation}) group by ${key.join(', ')} having count(distinct row(${columns.join(', ')})) > 1 order by 1 limit 6`,
		undefined,
		{ timeoutMs }
	);
	if (rows.length === 0) return [];
	return [
		`${table}: ${rows.length > 5 ? 'more than 5' : rows.length} ${UNIQUE_KEY[table].join(' / ')} value(s) appear with different contents in the delivered files (e.g. ${example(rows[0]!.k)}); deliver one version of each`
	];
}
