/**
 * Plants changes in a private copy of the exports (a drop in revenue, a hostile partner name): each parquet file
 * of a table is rewritten through DuckDB with a SELECT over it, keeping its columns and types.
 */
import { rename } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { listFiles } from '../../src/lib/server/files/list-files.ts';

/** `select` reads the file as `src`, e.g. "select * from src where not (partner_id = 'P0019')". */
export async function rewriteExportTable(dataDir: string, table: string, select: string): Promise<void> {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		const files = (await listFiles(`${dataDir}/${table}`, '.parquet'));
		if (!files.length) throw new Error(`${dataDir}/${table}: no parquet files to rewrite`);
		for (const file of files) {
			const quoted = `'${file.replace(/'/g, "''")}'`;
			await connection.run(`create or replace temp view src as select * from read_parquet(${quoted}, hive_partitioning = false)`);
			await connection.run(`copy (${select}) to '${file.replace(/'/g, "''")}.tmp' (format parquet)`);
			await rename(`${file}.tmp`, file);
		}
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}
