/**
 * DuckDB result chunks -> Arrow IPC stream bytes. Types map to their Arrow twins; DECIMAL becomes Float64
 * (the same value the JSON API gives), nested and rare types travel as JSON text.
 */
import { DuckDBTypeId, type DuckDBResult, type DuckDBType } from '@duckdb/node-api';
import {
	Bool,
	DateDay,
	Float64,
	Int32,
	Int64,
	RecordBatch,
	RecordBatchStreamWriter,
	Schema,
	Field,
	Struct,
	TimestampMicrosecond,
	Utf8,
	makeData,
	vectorFromArray,
	type DataType
} from 'apache-arrow';
import { jsonValueConverter } from './json-value-converter.ts';

function arrowType(type: DuckDBType): DataType {
	switch (type.typeId) {
		case DuckDBTypeId.BOOLEAN:
			return new Bool();
		case DuckDBTypeId.TINYINT:
		case DuckDBTypeId.SMALLINT:
		case DuckDBTypeId.INTEGER:
		case DuckDBTypeId.UTINYINT:
		case DuckDBTypeId.USMALLINT:
			return new Int32();
		case DuckDBTypeId.UINTEGER:
		case DuckDBTypeId.BIGINT:
			return new Int64();
		case DuckDBTypeId.FLOAT:
		case DuckDBTypeId.DOUBLE:
		case DuckDBTypeId.DECIMAL:
			return new Float64();
		case DuckDBTypeId.DATE:
			return new DateDay();
		case DuckDBTypeId.TIMESTAMP:
			return new TimestampMicrosecond();
		case DuckDBTypeId.TIMESTAMP_TZ:
			return new TimestampMicrosecond('UTC');
		default:
			return new Utf8();
	}
}

function arrowValues(type: DuckDBType, arrow: DataType, values: readonly unknown[]): unknown[] {
	if (arrow instanceof Int64) return values.map((v) => (v === null ? null : BigInt(v as number | bigint)));
	if (arrow instanceof DateDay) return values.map((v) => (v === null ? null : new Date(`${v as string}T00:00:00Z`)));
	if (arrow instanceof TimestampMicrosecond) return values.map((v) => (v === null ? null : new Date(v as string)));
	if (arrow instanceof Utf8 && type.typeId !== DuckDBTypeId.VARCHAR)
		return values.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)));
	return values as unknown[];
}

export async function* arrowStreamFromResult(result: DuckDBResult): AsyncGenerator<Uint8Array> {
	const names = result.columnNames();
	const types = result.columnTypes();
	const arrowTypes = types.map(arrowType);
	const schema = new Schema(names.map((name, i) => new Field(name, arrowTypes[i]!, true)));
	const batchOf = (columns: readonly (readonly unknown[])[], length: number) =>
		new RecordBatch(
			schema,
			makeData({
				type: new Struct(schema.fields),
				length,
				nullCount: 0,
				children: columns.map((values, i) => vectorFromArray(arrowValues(types[i]!, arrowTypes[i]!, values), arrowTypes[i]!).data[0]!)
			})
		);
	const writer = new RecordBatchStreamWriter();
	writer.reset(undefined, schema);
	// The writer's byte queue is read while DuckDB produces chunks, so only one chunk is in memory at a time.
	const produce = (async () => {
		try {
			let wrote = false;
			for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
				writer.write(batchOf(chunk.convertColumns(jsonValueConverter), chunk.rowCount));
				wrote = true;
			}
			if (!wrote) writer.write(batchOf(types.map(() => []), 0));
			writer.finish();
			return undefined;
		} catch (error) {
			writer.abort(error);
			return error;
		}
	})();
	for await (const bytes of writer) yield bytes;
	const failure = await produce;
	if (failure) throw failure;
}
