/**
 * A ClickHouse publish as a snapshot: the catalog (the warehouse file) names the versions, ClickHouse
 * writes each version's rows as parquet. Called by the CLI after a ClickHouse publish and by `snapshot export`.
 */
import type { Database } from '../db/database.ts';
import { exportSnapshot, type SnapshotExport } from '../snapshots/export-snapshot.ts';
import type { ClickHouseConnection } from './clickhouse-connection.ts';
import { physicalTable } from './run-clickhouse-build.ts';

export function exportClickHouseSnapshot(db: Database, ch: ClickHouseConnection, database: string, outDir: string): Promise<SnapshotExport> {
	return exportSnapshot(
		{
			engine: 'clickhouse',
			db,
			// Settings make DuckDB read the parquet back with DuckDB's types (dates as DATE, instants in UTC).
			writeParquet: (name, version, file) =>
				ch.exportParquet(`SELECT * FROM \`${database}\`.\`${physicalTable(name, version)}\` SETTINGS output_format_parquet_string_as_string = 1`, file)
		},
		outDir
	);
}
