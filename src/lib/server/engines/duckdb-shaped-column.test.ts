import { describe, expect, it } from 'vitest';
import { duckdbShapedColumn } from './run-clickhouse-build.ts';

describe('duckdbShapedColumn', () => {
	it.each([
		['revenue', 'Nullable(Float64)', '`revenue` AS `revenue`'],
		['s.partner_id', 'Nullable(String)', '`s.partner_id` AS `partner_id`'],
		['orders', 'UInt64', "CAST(`orders`, 'Int64') AS `orders`"],
		['conversions', 'Nullable(UInt64)', "CAST(`conversions`, 'Nullable(Int64)') AS `conversions`"],
		['is_counted', 'Nullable(UInt8)', "CAST(`is_counted`, 'Nullable(Bool)') AS `is_counted`"],
		['week_start', 'Nullable(Int32)', '`week_start` AS `week_start`']
	])('%s %s -> %s', (name, type, expected) => {
		expect(duckdbShapedColumn(name, type)).toBe(expected);
	});
});
