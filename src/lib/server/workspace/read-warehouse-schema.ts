/**
 * The tables a model may read and their columns, as the current publish serves them (the views in main):
 * what the editor completes. Called by GET /api/v1/models/workspace/schema.
 */
import type { Database } from '../db/database.ts';
import { PUBLIC_SCHEMA } from '../models/catalog.ts';

export interface WarehouseTable {
	readonly name: string;
	readonly columns: readonly { readonly name: string; readonly type: string }[];
}

export async function readWarehouseSchema(db: Database): Promise<WarehouseTable[]> {
	const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
		`select table_name, column_name, data_type from information_schema.columns where table_schema = $schema order by table_name, ordinal_position`,
		{ schema: PUBLIC_SCHEMA }
	);
	const tables = new Map<string, { name: string; type: string }[]>();
	for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
	return [...tables].map(([name, columns]) => ({ name, columns }));
}
