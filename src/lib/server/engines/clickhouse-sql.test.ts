import { describe, expect, it } from 'vitest';
import { TranspileError, clickHouseTableNames, redirectClickHouseTables, transpileToClickHouse, transpilerVersion } from './clickhouse-sql.ts';

const targets = new Map([
	['stg_sales', 'stg_sales__aa'],
	['stg_partners', 'stg_partners__bb']
]);

describe('redirectClickHouseTables', () => {
	it('points bare model names at their versioned tables and keeps the name as alias', () => {
		const sql = 'SELECT stg_sales.a, p.b FROM stg_sales JOIN stg_partners AS p ON p.id = stg_sales.id';
		expect(redirectClickHouseTables(sql, 'ps', targets)).toBe(
			'SELECT stg_sales.a, p.b FROM `ps`.`stg_sales__aa` AS stg_sales JOIN `ps`.`stg_partners__bb` AS p ON p.id = stg_sales.id'
		);
	});

	it('leaves CTEs, qualified names and text in strings and comments alone', () => {
		const sql = "-- reads stg_sales\nWITH x AS (SELECT * FROM stg_sales) SELECT 'stg_sales' AS t FROM x JOIN other.stg_partners AS o ON 1 = 1";
		expect(redirectClickHouseTables(sql, 'ps', targets)).toBe(
			"-- reads stg_sales\nWITH x AS (SELECT * FROM `ps`.`stg_sales__aa` AS stg_sales) SELECT 'stg_sales' AS t FROM x JOIN other.stg_partners AS o ON 1 = 1"
		);
	});

	it('counts offsets in characters, so non-ASCII comments before a name do not shift it', () => {
		const sql = '-- café — naïve\nSELECT 1 FROM stg_sales';
		expect(redirectClickHouseTables(sql, 'ps', targets)).toBe('-- café — naïve\nSELECT 1 FROM `ps`.`stg_sales__aa` AS stg_sales');
		expect(clickHouseTableNames(sql)).toEqual([{ name: 'stg_sales', start: sql.indexOf('stg_sales', 20), end: sql.length, aliased: false }]);
	});
});

describe('transpileToClickHouse', () => {
	it('transpiles DuckDB constructs ClickHouse spells differently', () => {
		expect(transpileToClickHouse("select date_trunc('month', d) as m from t")).toBe("SELECT dateTrunc('month', d) AS m FROM t");
	});

	it('accepts the notes about settings every connection sets, and names the transpiler version', () => {
		expect(transpileToClickHouse('select a, sum(b) as s from t left join u using (a) group by a')).toMatch(/LEFT JOIN/i);
		expect(transpilerVersion()).toMatch(/^@polyglot-sql\/sdk \d+\.\d+\.\d+/);
	});

	it('says to write a .clickhouse.sql when the SQL cannot be transpiled', () => {
		expect(() => transpileToClickHouse('select a // 7 from t')).toThrow(TranspileError);
		expect(() => transpileToClickHouse('select a // 7 from t')).toThrow(/\.clickhouse\.sql/);
	});
});
