/**
 * Builds one version of an incremental model. Its rows live in one lineage table per model definition
 * (ps_lineage.<name>__<definition hash>) with the generation that added each row and the one that replaced it;
 * a version is a view showing the rows of its generation. A build replaces exactly the affected days (those
 * whose inputs changed, per planIncrementalDays) in ONE transaction, so a killed build leaves the previous
 * generation whole, and versions share every unchanged row instead of copying it. Called by run-build.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { withTimeout, type Database } from '../db/database.ts';
import { deserializeSql, redirectTables, type SqlAst } from './analyze-sql.ts';
import { LINEAGE_SCHEMA, META_SCHEMA, WORK_SCHEMA, physicalRef } from './catalog.ts';
import type { BuildPlan, PlanNode } from './plan-build.ts';
import { planIncrementalDays, windowDays, type DayFingerprints, type IncrementalDecision, type IncrementalHead } from './plan-incremental-days.ts';
import { SOURCE_TIME_COLUMNS, sourceWindowSql, type FileDay } from './source-days.ts';
import type { SourceSnapshot } from './sources.ts';
import { sourceWithoutCopies } from '../exports/check-source-contract.ts';
import { quoteIdent, quoteLiteral } from './sql-text.ts';

export const GEN_FROM = '_ps_gen_from';
export const GEN_TO = '_ps_gen_to';

export interface IncrementalInput {
	readonly db: Database;
	readonly connection: DuckDBConnection;
	readonly node: PlanNode;
	readonly plan: BuildPlan;
	/** The model's admitted AST and the physical tables its references point to. */
	readonly ast: SqlAst;
	readonly targets: ReadonlyMap<string, { schema: string; table: string }>;
	readonly snapshots: ReadonlyMap<string, SourceSnapshot>;
	readonly fileDays: ReadonlyMap<string, readonly FileDay[]>;
	readonly full: boolean;
	readonly timeoutMs: number;
	/** The build's clock: the export contract's future cutoff in source windows. */
	readonly now: Date;
}

export const lineageName = (node: PlanNode) => `${node.name}__${node.definitionHash}`;
const lineageRef = (lineage: string) => `${quoteIdent(LINEAGE_SCHEMA)}.${quoteIdent(lineage)}`;

/** Builds the node's version view (replacing it when a full build is asked for) and says what it did. */
export async function buildIncremental(input: IncrementalInput): Promise<IncrementalDecision> {
	const { connection, node, plan } = input;
	const spec = node.model!.spec;
	const timeColumn = spec.timeColumn!;
	const timed = <T>(work: () => Promise<T>) => withTimeout(connection, input.timeoutMs, work);
	const lineage = lineageName(node);
	const table = lineageRef(lineage);
	const versionOf = new Map(plan.nodes.map((n) => [n.name, n.version]));
	const parents = node.parents.map((name) => ({ name, version: versionOf.get(name)! }));

	const tableExists = await exists(connection, LINEAGE_SCHEMA, lineage);
	const head = tableExists ? await readHead(connection, lineage) : null;
	const dayFingerprints = new Map<string, { from: DayFingerprints | null; to: DayFingerprints }>();
	if (head && !input.full) {
		for (const { parent } of spec.lookback) {
			const to = versionOf.get(parent)!;
			const from = head.parentVersions[parent];
			if (from === undefined || from === to) continue;
			dayFingerprints.set(parent, { from: await readVersionDays(connection, parent, from), to: await ensureVersionDays(input, parent, to) });
		}
	}
	const decision = planIncrementalDays({ full: input.full, head, parents, lookback: spec.lookback, dayFingerprints });
	// The next build diffs against these parent versions: make sure their days are on record (tables are hashed once).
	for (const { parent } of spec.lookback) if (!dayFingerprints.has(parent)) await ensureVersionDays(input, parent, versionOf.get(parent)!);

	const generation = Number((await connection.runAndReadAll(`select nextval('${META_SCHEMA}.generation_seq')`)).getRows()[0]![0]);
	const dayList = (days: readonly string[]) => days.map((d) => `${quoteLiteral(d)}::date`).join(', ');
	const inDays = (days: readonly string[]) => `${quoteIdent(timeColumn)} in (${dayList(days)})`;
	const view = physicalRef(node.name, node.version);
	await connection.run('begin transaction');
	try {
		if (decision.mode === 'full') {
			const select = await deserializeSql(input.db, redirectTables(input.ast, input.targets));
			if (!tableExists) {
				await timed(() => connection.run(`create table ${table} as select *, ${generation}::bigint as ${GEN_FROM}, null::bigint as ${GEN_TO} from (${select})`));
			} else {
				await timed(() => connection.run(`update ${table} set ${GEN_TO} = ${generation} where ${GEN_TO} is null`));
				await timed(() => connection.run(`insert into ${table} by name select *, ${generation}::bigint as ${GEN_FROM}, null::bigint as ${GEN_TO} from (${select})`));
			}
		} else if (decision.days.length > 0) {
			const targets = new Map(input.targets);
			for (const { parent, days } of spec.lookback) {
				const window = windowDays(decision.days, days);
				const name = `${node.name}__${parent}__window`;
				const withoutCopies = input.snapshots.has(parent) && (await sourceWithoutCopies(input.db, parent, versionOf.get(parent)!));
				await connection.run(`create or replace view ${quoteIdent(WORK_SCHEMA)}.${quoteIdent(name)} as ${windowSql(input, parent, window, withoutCopies)}`);
				targets.set(parent, { schema: WORK_SCHEMA, table: name });
			}
			const select = await deserializeSql(input.db, redirectTables(input.ast, targets));
			await timed(() => connection.run(`update ${table} set ${GEN_TO} = ${generation} where ${GEN_TO} is null and ${inDays(decision.days)}`));
			await timed(() =>
				connection.run(`insert into ${table} by name select *, ${generation}::bigint as ${GEN_FROM}, null::bigint as ${GEN_TO} from (${select}) where ${inDays(decision.days)}`)
			);
			for (const { parent } of spec.lookback) await connection.run(`drop view if exists ${quoteIdent(WORK_SCHEMA)}.${quoteIdent(`${node.name}__${parent}__window`)}`);
		}
		await connection.run(
			`create or replace view ${view} as select * exclude (${GEN_FROM}, ${GEN_TO}) from ${table} where ${GEN_FROM} <= ${generation} and (${GEN_TO} is null or ${GEN_TO} > ${generation})`
		);
		await connection.run(
			`insert into ${META_SCHEMA}.lineage_generations values ($lineage, $generation, $name, $version, $parents::json, $mode, ${decision.mode === 'days' ? `[${dayList(decision.days)}]::date[]` : 'null'}, now())`,
			{ lineage, generation, name: node.name, version: node.version, parents: JSON.stringify(Object.fromEntries(parents.map((p) => [p.name, p.version]))), mode: decision.mode }
		);
		await connection.run(`delete from ${META_SCHEMA}.version_days where name = $name and version = $version`, { name: node.name, version: node.version });
		// This version's day fingerprints: the head's for untouched days, recomputed for the replaced ones.
		const headDays = decision.mode === 'days' && head ? await readVersionDays(connection, node.name, head.version) : null;
		if (headDays && decision.mode === 'days') {
			const replaced = new Set(decision.days);
			await connection.run(
				`insert into ${META_SCHEMA}.version_days select name, $version, day, row_count, fp from ${META_SCHEMA}.version_days
				 where name = $name and version = $head ${replaced.size > 0 ? `and day not in (${dayList(decision.days)})` : ''}`,
				{ name: node.name, version: node.version, head: head!.version }
			);
			if (replaced.size > 0) await timed(() => connection.run(versionDaysInsert(node.name, node.version, view, timeColumn, inDays(decision.days))));
		} else {
			await timed(() => connection.run(versionDaysInsert(node.name, node.version, view, timeColumn, 'true')));
		}
		await connection.run('commit');
	} catch (error) {
		await connection.run('rollback').catch(() => undefined);
		throw error;
	}
	return decision;
}

function versionDaysInsert(name: string, version: string, relation: string, timeColumn: string, where: string): string {
	return `insert into ${META_SCHEMA}.version_days select ${quoteLiteral(name)}, ${quoteLiteral(version)}, ${quoteIdent(timeColumn)}, count(*), sum(hash(r)::hugeint)
		from ${relation} as r where ${quoteIdent(timeColumn)} is not null and ${where} group by all`;
}

/** A parent limited to some days: a source through its files, a model through its time column. */
function windowSql(input: IncrementalInput, parent: string, days: readonly string[], withoutCopies: boolean): string {
	const snapshot = input.snapshots.get(parent);
	if (snapshot) return sourceWindowSql(snapshot, input.fileDays, days, input.now, withoutCopies);
	const target = input.targets.get(parent)!;
	const column = input.plan.nodes.find((n) => n.name === parent)!.model!.spec.timeColumn!;
	const ref = `${quoteIdent(target.schema)}.${quoteIdent(target.table)}`;
	if (days.length === 0) return `select * from ${ref} where false`;
	return `select * from ${ref} where ${quoteIdent(column)} between ${quoteLiteral(days[0]!)}::date and ${quoteLiteral(days[days.length - 1]!)}::date and ${quoteIdent(column)} in (${days.map((d) => `${quoteLiteral(d)}::date`).join(', ')})`;
}

async function readHead(connection: DuckDBConnection, lineage: string): Promise<IncrementalHead | null> {
	const reader = await connection.runAndReadAll(
		`select generation, version, parent_versions::varchar from ${META_SCHEMA}.lineage_generations where lineage = $lineage order by generation desc limit 1`,
		{ lineage }
	);
	const row = reader.getRows()[0];
	if (!row) return null;
	return { generation: Number(row[0]), version: String(row[1]), parentVersions: JSON.parse(String(row[2])) as Record<string, string> };
}

async function readVersionDays(connection: DuckDBConnection, name: string, version: string): Promise<DayFingerprints | null> {
	const reader = await connection.runAndReadAll(
		`select day::varchar, row_count::varchar || ':' || fp::varchar from ${META_SCHEMA}.version_days where name = $name and version = $version`,
		{ name, version }
	);
	const rows = reader.getRows();
	if (rows.length === 0) {
		// A version with no rows at all has no day entries either; tell it apart from an unknown version.
		const known = await connection.runAndReadAll(`select 1 from ${META_SCHEMA}.model_versions where name = $name and version = $version and row_count = 0`, { name, version });
		return known.currentRowCount > 0 ? new Map() : null;
	}
	return new Map(rows.map((r) => [String(r[0]), String(r[1])]));
}

/** The day fingerprints of a parent's current version: recorded already for sources and incremental models, computed once for tables. */
async function ensureVersionDays(input: IncrementalInput, name: string, version: string): Promise<DayFingerprints> {
	const known = await readVersionDays(input.connection, name, version);
	if (known) return known;
	const target = input.targets.get(name)!;
	const source = input.snapshots.get(name);
	const column = source ? SOURCE_TIME_COLUMNS[source.table]! : input.plan.nodes.find((n) => n.name === name)!.model!.spec.timeColumn!;
	if (source) return new Map(); // a source's days are stored before the build; none means it has no rows
	await withTimeout(input.connection, input.timeoutMs, () =>
		input.connection.run(versionDaysInsert(name, version, `${quoteIdent(target.schema)}.${quoteIdent(target.table)}`, column, 'true'))
	);
	return (await readVersionDays(input.connection, name, version)) ?? new Map();
}

async function exists(connection: DuckDBConnection, schema: string, name: string): Promise<boolean> {
	const reader = await connection.runAndReadAll('select 1 from information_schema.tables where table_schema = $s and table_name = $n', { s: schema, n: name });
	return reader.currentRowCount > 0;
}
