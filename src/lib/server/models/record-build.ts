/**
 * Records a finished build (its outcome, the plan's changes, each node and data test) in ps_meta.builds, which
 * health, `models log` and the interrupted-build check read. One row shape for both engines; a ClickHouse
 * build says so in `engine`. Called at the end of run-build.ts and run-clickhouse-build.ts.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA } from './catalog.ts';
import type { BuildResult } from './run-build.ts';

export async function recordBuild(db: Database, result: BuildResult, engine?: 'clickhouse'): Promise<void> {
	const summary = {
		status: result.status,
		...(engine ? { engine } : {}),
		plan: result.plan.nodes.filter((n) => n.change !== 'unchanged').map((n) => ({ name: n.name, change: n.change, version: n.version, previousVersion: n.previousVersion })),
		nodes: result.nodes.map((n) => ({ name: n.name, status: n.status, change: n.change, rows: n.rows, ms: Math.round(n.ms), error: n.error, warnings: n.warnings })),
		dataTests: result.dataTests,
		problems: result.problems
	};
	await db.query(`insert into ${META_SCHEMA}.builds values ($id, $started::timestamptz, $finished::timestamptz, $status, $publishId, $summary::json)`, {
		id: result.buildId,
		started: result.startedAt,
		finished: result.finishedAt,
		status: result.status,
		publishId: result.publishId,
		summary: JSON.stringify(summary)
	});
}
