/**
 * The build's one call into the export contract for a source: check the rules (problems stop it, warnings are
 * recorded for the version), then the SELECT that keeps the contract's rows. Called by run-build.ts.
 */
import path from 'node:path';
import type { Database } from '../db/database.ts';
import type { SourceSnapshot } from '../models/sources.ts';
import { applyExportContract } from './apply-export-contract.ts';
import { checkExportContract } from './check-export-contract.ts';
import { saveExportWarnings } from './export-warnings.ts';

export async function checkSourceContract(
	db: Database,
	snapshot: SourceSnapshot,
	version: string,
	relation: string,
	options: { readonly dataDir: string; readonly now?: () => Date }
): Promise<{ problems: readonly string[]; warnings: readonly string[]; selectSql: string }> {
	const now = (options.now ?? (() => new Date()))();
	const files = snapshot.files.map((f) => ({ path: f.path, label: path.relative(path.dirname(options.dataDir), f.path).split(path.sep).join('/') }));
	const { problems, warnings } = await checkExportContract(db, { table: snapshot.table, relation, files, now });
	if (problems.length === 0) await saveExportWarnings(db, snapshot.name, version, warnings);
	return { problems, warnings, selectSql: applyExportContract(relation, snapshot.table, now) };
}
