/**
 * The build's one call into the export contract for a source: check the rules (problems stop it, warnings are
 * recorded for the version), then the SELECT that keeps the contract's rows. Each file's rules are checked once
 * and remembered (ps_meta.file_checks, keyed by path, size and modification time) while their answer cannot
 * change: a file is checked again when it changes or when it holds rows past the future cutoff of its last
 * check (the cutoff moves with the clock). Re-delivered copies are counted in the days the newly checked files
 * touch, so a daily delivery does not read every export again. A version with no copy of any key at all
 * (counted over everything at the first build, then kept while new days add none) is read without the
 * deduplication (ps_meta.source_copies). Called by run-build.ts.
 */
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { META_SCHEMA } from '../models/catalog.ts';
import type { SourceSnapshot } from '../models/sources.ts';
import { fileKey, rawWindowSql, type FileDay } from '../models/source-days.ts';
import { applyExportContract, futureCutoff } from './apply-export-contract.ts';
import { checkExportContract, checkExportFiles, type ContractFile } from './check-export-contract.ts';
import { saveExportWarnings } from './export-warnings.ts';

const CHECKS = `${META_SCHEMA}.file_checks`;
const DDL = `create table if not exists ${CHECKS} (file_key varchar primary key, warnings varchar[] not null, latest timestamptz)`;
const LATEST = `${META_SCHEMA}.source_latest`;
const LATEST_DDL = `create table if not exists ${LATEST} (name varchar, version varchar, latest timestamptz, primary key (name, version))`;

/** A source version's newest event time outside quarantine (health's "latest click"), recorded by the build; undefined when not recorded. */
export async function sourceLatest(db: Database, name: string, version: string): Promise<string | null | undefined> {
	await db.query(LATEST_DDL);
	const rows = await db.query<{ latest: string | null }>(`select latest from ${LATEST} where name = $name and version = $version`, { name, version });
	return rows.length === 0 ? undefined : rows[0]!.latest;
}
const COPIES = `${META_SCHEMA}.source_copies`;
const COPIES_DDL = `create table if not exists ${COPIES} (name varchar, version varchar, copies bigint not null, primary key (name, version))`;

/** Whether a source version was counted free of copies (its view and day windows then skip the deduplication). */
export async function sourceWithoutCopies(db: Database, name: string, version: string): Promise<boolean> {
	await db.query(COPIES_DDL);
	const [row] = await db.query<{ copies: number }>(`select copies from ${COPIES} where name = $name and version = $version`, { name, version });
	return row !== undefined && Number(row.copies) === 0;
}

export async function checkSourceContract(
	db: Database,
	snapshot: SourceSnapshot,
	version: string,
	relation: string,
	options: {
		readonly dataDir: string;
		readonly now?: () => Date;
		readonly fileDays?: ReadonlyMap<string, readonly FileDay[]>;
		/** The source's version before this build (its copy count carries over when only new days were read). */
		readonly previousVersion?: string | null;
		/** The statement limit of the reads over the fresh files (the build's). */
		readonly timeoutMs?: number;
	}
): Promise<{ problems: readonly string[]; warnings: readonly string[]; selectSql: string }> {
	const now = (options.now ?? (() => new Date()))();
	const cutoff = Date.parse(futureCutoff(now));
	const label = (file: string) => path.relative(path.dirname(options.dataDir), file).split(path.sep).join('/');
	await db.query(DDL);
	const keys = snapshot.files.map((f) => fileKey(snapshot.table, f));
	const cached = new Map(
		(
			await db.query<{ file_key: string; warnings: string[]; latest: string | null }>(
				`select file_key, warnings, latest::varchar as latest from ${CHECKS} where file_key in (select unnest($keys::varchar[]))`,
				{ keys: JSON.stringify(keys) }
			)
		).map((r) => [r.file_key, r])
	);
	const reusable = (key: string) => {
		const c = cached.get(key);
		return c !== undefined && (c.latest === null || Date.parse(c.latest) <= cutoff);
	};
	const fresh = snapshot.files.filter((f) => !reusable(fileKey(snapshot.table, f)));
	const problems: string[] = [];
	const warnings: string[] = [];
	const checked: { key: string; warnings: readonly string[]; latest: string | null }[] = [];
	let newest: string | null = null;
	const keep = (t: string | null) => {
		if (t !== null && (newest === null || Date.parse(t) > Date.parse(newest))) newest = t;
	};
	// The fresh files' rules in batches of one schema (file-batches.ts), then each file's answer in file order.
	const freshChecks = await checkExportFiles(db, snapshot.table, fresh.map((f) => ({ path: f.path, label: label(f.path) })), now, options.timeoutMs);
	for (const file of snapshot.files) {
		const key = fileKey(snapshot.table, file);
		if (reusable(key)) {
			warnings.push(...cached.get(key)!.warnings);
			keep(cached.get(key)!.latest); // reusable: nothing in it is past the cutoff
			continue;
		}
		const found = freshChecks.get(file.path)!;
		keep(found.latestKept);
		problems.push(...found.problems);
		warnings.push(...found.warnings);
		if (found.problems.length === 0) checked.push({ key, warnings: found.warnings, latest: found.latest });
	}
	// Copies and (for reference tables) disagreeing copies: over the days the fresh files touch, or everything.
	const effectsRelation = fresh.length === snapshot.files.length ? relation : (freshDaysRelation(snapshot, fresh, options.fileDays) ?? relation);
	const whole = await checkExportContract(db, { table: snapshot.table, relation, files: [] as ContractFile[], now, effectsRelation, timeoutMs: options.timeoutMs });
	problems.push(...whole.problems);
	warnings.push(...whole.warnings);
	// Copies in the whole version: counted over everything, or none before and none in the new days.
	const counted = effectsRelation === relation;
	const before = options.previousVersion ? await sourceWithoutCopies(db, snapshot.name, options.previousVersion) : false;
	const withoutCopies = whole.copies === 0 && (counted || before);
	if (problems.length === 0) {
		await saveExportWarnings(db, snapshot.name, version, warnings);
		await db.query(LATEST_DDL);
		await db.query(`insert or replace into ${LATEST} values ($name, $version, $latest::timestamptz)`, { name: snapshot.name, version, latest: newest });
		await db.query(COPIES_DDL);
		if (counted || withoutCopies)
			await db.query(`insert or replace into ${COPIES} values ($name, $version, $copies)`, { name: snapshot.name, version, copies: whole.copies });
		if (checked.length > 0)
			await db.query(
				`insert or replace into ${CHECKS} select c.key, cast(c.warnings as varchar[]), c.latest::timestamptz
				 from (select unnest(cast($checks::json as struct(key varchar, warnings json, latest varchar)[]), recursive := true)) as c`,
				{ checks: JSON.stringify(checked) }
			);
	}
	return { problems, warnings, selectSql: applyExportContract(relation, snapshot.table, now, { withoutCopies }) };
}

/** The rows of the days the fresh files hold (null: the table is not read by day, or a fresh file's days are unknown: count over all). */
function freshDaysRelation(snapshot: SourceSnapshot, fresh: SourceSnapshot['files'], fileDays: ReadonlyMap<string, readonly FileDay[]> | undefined): string | null {
	if (!fileDays) return null;
	const days = new Set<string>();
	for (const file of fresh) {
		const list = fileDays.get(fileKey(snapshot.table, file));
		if (!list) return null;
		for (const d of list) {
			if (d.day === null) return null;
			days.add(d.day);
		}
	}
	if (days.size === 0) return null;
	return rawWindowSql(snapshot, fileDays, [...days].sort());
}
