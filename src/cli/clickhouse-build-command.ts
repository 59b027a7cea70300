/**
 * `plan` and `build` with PARTNERSCOPE_ENGINE=clickhouse (or --engine clickhouse): the warehouse file keeps
 * the catalog and history, ClickHouse holds the versioned tables and the publish pointer. A plan prints the
 * ClickHouse SQL of every changed model (transpiled, or its hand-written .clickhouse.sql).
 * Called by the plan and build commands.
 */
import type { Config } from '../lib/server/config.ts';
import { CLICKHOUSE_SETTINGS, openClickHouse } from '../lib/server/engines/clickhouse-connection.ts';
import { transpilerVersion } from '../lib/server/engines/clickhouse-sql.ts';
import type { ClickHouseTarget } from '../lib/server/engines/engine-config.ts';
import { planClickHouse, rollbackClickHouse, runClickHouseBuild } from '../lib/server/engines/run-clickhouse-build.ts';
import { formatRollback } from '../lib/server/models/format-history.ts';
import { formatBuildResult } from '../lib/server/models/format-build.ts';
import { exportClickHouseSnapshot } from '../lib/server/engines/clickhouse-snapshot-source.ts';
import { applyClickHouseRetention } from '../lib/server/engines/clickhouse-retention.ts';
import { Warehouse } from '../lib/server/warehouse/warehouse.ts';

export async function runClickHouseCommand(config: Config, target: ClickHouseTarget, mode: 'plan' | 'build', record: { author?: string; message?: string } = {}): Promise<number> {
	const warehouse = await Warehouse.open(config);
	const ch = await openClickHouse(target);
	try {
		if (mode === 'plan') {
			const { plan, texts } = await planClickHouse(warehouse.db, config.sqlDir, config.dataDir);
			const moved = plan.nodes.filter((n) => n.change !== 'unchanged' && n.kind !== 'source');
			const settings = Object.entries(CLICKHOUSE_SETTINGS).map(([k, v]) => `${k} = ${v}`).join(', ');
			console.log(`ClickHouse SQL of the changed models (${transpilerVersion()}; settings ${settings}):`);
			for (const node of moved) {
				const text = texts.get(node.name);
				if (!text) continue;
				console.log(`\n-- ${node.name} (${node.change}; ${text.origin === 'hand-written' ? `hand-written ${text.file}` : 'transpiled'})\n${text.sql}`);
			}
			console.log('');
		}
		const result = await runClickHouseBuild(warehouse.db, ch, { sqlDir: config.sqlDir, dataDir: config.dataDir, database: target.database, mode, retention: warehouse.retention, ...record });
		console.log(formatBuildResult(result));
		if (result.status === 'published' && config.snapshotDir) {
			const exported = await exportClickHouseSnapshot(warehouse.db, ch, target.database, config.snapshotDir);
			console.log(`snapshot of publish #${exported.manifest.publishId} in ${config.snapshotDir}: ${exported.manifestFile} (${exported.written.length} new parquet files)`);
		}
		return result.status === 'failed' ? 1 : 0;
	} finally {
		await ch.close();
		warehouse.close();
	}
}

/** `models rollback <id>` with PARTNERSCOPE_ENGINE=clickhouse: one new pointer row, then the snapshot when configured. */
export async function rollbackOnClickHouse(config: Config, target: ClickHouseTarget, publishId: number, record: { author: string; message?: string }): Promise<number> {
	const warehouse = await Warehouse.open(config);
	const ch = await openClickHouse(target);
	try {
		const result = await rollbackClickHouse(warehouse.db, ch, target.database, publishId, record);
		const retention = await applyClickHouseRetention(warehouse.db, ch, target.database, warehouse.retention, new Date());
		console.log(formatRollback({ ...result, retention }));
		if (config.snapshotDir) await exportClickHouseSnapshot(warehouse.db, ch, target.database, config.snapshotDir);
		return 0;
	} finally {
		await ch.close();
		warehouse.close();
	}
}
