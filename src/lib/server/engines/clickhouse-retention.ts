/**
 * Retention on ClickHouse, by the DuckDB warehouse's policy and plan (plan-retention.ts: the last
 * PARTNERSCOPE_RETAIN_PUBLISHES publishes and those younger than PARTNERSCOPE_RETAIN_DAYS are kept; the size
 * rule measures the DuckDB file and does not apply): after a publish or a rollback, every versioned table or
 * view in the ClickHouse database that no kept publish names is dropped, views first. Tables being built
 * (`__building_` names) and the publish pointer rows (history) are never touched. Called by the ClickHouse
 * build and rollback commands.
 */
import type { Database } from '../db/database.ts';
import { readPublishRelations, type RetentionOutcome } from '../models/apply-retention.ts';
import { planRetention, type RetentionPolicy } from '../models/plan-retention.ts';
import { quoteLiteral } from '../models/sql-text.ts';
import type { ClickHouseConnection } from './clickhouse-connection.ts';

/** A versioned relation's name, `<model>__<16 hex>`, as physicalTable writes it. */
const VERSIONED = /^[a-z_][a-z0-9_]*__[0-9a-f]{16}$/;

export async function applyClickHouseRetention(db: Database, ch: ClickHouseConnection, database: string, policy: RetentionPolicy, now: Date): Promise<RetentionOutcome> {
	const publishes = await readPublishRelations(db);
	const tables = await ch.query<{ name: string; engine: string }>(`SELECT name, engine FROM system.tables WHERE database = ${quoteLiteral(database)}`);
	const versioned = tables.filter((t) => VERSIONED.test(t.name));
	const plan = planRetention({ publishes, existing: versioned.map((t) => t.name), policy: { keepPublishes: policy.keepPublishes, keepDays: policy.keepDays }, now });
	const isView = new Map(versioned.map((t) => [t.name, t.engine === 'View']));
	const drops = [...plan.drop].sort((a, b) => Number(!isView.get(a)) - Number(!isView.get(b)));
	const dropped: string[] = [];
	const errors: string[] = [];
	for (const name of drops) {
		const relation = `\`${database.replace(/`/g, '``')}\`.\`${name}\``;
		try {
			await ch.command(`DROP ${isView.get(name) ? 'VIEW' : 'TABLE'} IF EXISTS ${relation}`);
			dropped.push(name);
		} catch (error) {
			errors.push(`${database}.${name}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return { retained: plan.retained, expired: plan.expired, dropped, errors };
}
