/**
 * DuckDB value -> JSON-safe JS value, used for every row the API returns.
 * Integers stay numbers while they are exact (beyond 2^53 they become strings rather than lose digits);
 * DECIMAL becomes the nearest double (exact to the cent below 9e13); dates are `YYYY-MM-DD`;
 * timestamps are ISO 8601 in UTC.
 */
import {
	DuckDBTypeId,
	JsonDuckDBValueConverter,
	type DuckDBValueConverter,
	type DuckDBValue,
	DuckDBDecimalValue,
	DuckDBTimestampTZValue,
	DuckDBTimestampValue
} from '@duckdb/node-api';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function exactInteger(value: DuckDBValue): number | string {
	const big = value as bigint;
	return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

function decimalToNumber(value: DuckDBValue): number {
	return (value as DuckDBDecimalValue).toDouble();
}

function isoFromMicros(micros: bigint): string {
	const millis = micros / 1000n;
	const date = new Date(Number(millis));
	if (Number.isNaN(date.getTime())) return micros.toString();
	return date.toISOString();
}

const overrides: Partial<Record<DuckDBTypeId, (value: DuckDBValue) => JsonValue>> = {
	[DuckDBTypeId.BIGINT]: exactInteger,
	[DuckDBTypeId.UBIGINT]: exactInteger,
	[DuckDBTypeId.HUGEINT]: exactInteger,
	[DuckDBTypeId.UHUGEINT]: exactInteger,
	[DuckDBTypeId.DECIMAL]: decimalToNumber,
	[DuckDBTypeId.TIMESTAMP]: (v) => isoFromMicros((v as DuckDBTimestampValue).micros),
	[DuckDBTypeId.TIMESTAMP_TZ]: (v) => isoFromMicros((v as DuckDBTimestampTZValue).micros)
};

export const jsonValueConverter: DuckDBValueConverter<JsonValue> = (value, type, converter) => {
	if (value === null) return null;
	const override = overrides[type.typeId];
	if (override) return override(value);
	return JsonDuckDBValueConverter(value, type, converter) as JsonValue;
};
