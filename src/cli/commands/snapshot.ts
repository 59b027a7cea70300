/**
 * `partnerscope snapshot export --out DIR`: writes the current publish as a snapshot (parquet per model
 * version, a content-addressed manifest, the CURRENT pointer) for `partnerscope serve --snapshot DIR`
 * readers. With PARTNERSCOPE_ENGINE=clickhouse the rows come from ClickHouse. Exit 0 when written.
 */
import { normalizeConfig } from '../../lib/server/config.ts';
import { normalizeEngineConfig } from '../../lib/server/engines/engine-config.ts';
import type { SnapshotExport } from '../../lib/server/snapshots/export-snapshot.ts';
import { Warehouse } from '../../lib/server/warehouse/warehouse.ts';
import { parseArgs, UsageError } from '../args.ts';

const USAGE = 'usage: partnerscope snapshot export --out DIR [--warehouse FILE] [--engine duckdb|clickhouse]';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { out: 'string', warehouse: 'string', engine: 'string', help: 'boolean' });
	if (args.help) {
		console.log(USAGE);
		return 0;
	}
	if (args._[0] !== 'export') throw new UsageError(`expected the subcommand export\n${USAGE}`);
	if (!args.out) throw new UsageError(`--out DIR is required\n${USAGE}`);
	const config = normalizeConfig(process.env, { warehousePath: args.warehouse, snapshotDir: args.out });
	const engine = normalizeEngineConfig(process.env, { engine: args.engine });
	const warehouse = await Warehouse.open(config);
	try {
		let exported: SnapshotExport;
		if (engine.engine === 'clickhouse') {
			const { openClickHouse } = await import('../../lib/server/engines/clickhouse-connection.ts');
			const { exportClickHouseSnapshot } = await import('../../lib/server/engines/clickhouse-snapshot-source.ts');
			const ch = await openClickHouse(engine.clickhouse);
			try {
				exported = await exportClickHouseSnapshot(warehouse.db, ch, engine.clickhouse.database, config.snapshotDir!);
			} finally {
				await ch.close();
			}
		} else {
			exported = await warehouse.exportSnapshot(config.snapshotDir!);
		}
		const bytes = exported.manifest.models.reduce((s, m) => s + m.bytes, 0);
		console.log(
			`snapshot of publish #${exported.manifest.publishId} in ${config.snapshotDir}: ${exported.manifestFile}, ${exported.manifest.models.length} models, ` +
				`${(bytes / 1e6).toFixed(1)} MB (${exported.written.length} parquet files written, ${exported.pruned.length} old files pruned)`
		);
		return 0;
	} finally {
		warehouse.close();
	}
}
