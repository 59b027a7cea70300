import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { normalizeEngineConfig } from './engine-config.ts';

describe('normalizeEngineConfig', () => {
	it('defaults to embedded DuckDB', () => {
		expect(normalizeEngineConfig({})).toEqual({ engine: 'duckdb' });
	});

	it('reads the ClickHouse target with its defaults, and the CLI flag wins over the environment', () => {
		expect(normalizeEngineConfig({ PARTNERSCOPE_ENGINE: 'duckdb', PARTNERSCOPE_CLICKHOUSE_URL: 'http://ch:8123', PARTNERSCOPE_CLICKHOUSE_PASSWORD: 's' }, { engine: 'clickhouse' })).toEqual({
			engine: 'clickhouse',
			clickhouse: { url: 'http://ch:8123', user: 'default', password: 's', database: 'partnerscope' }
		});
		expect(normalizeEngineConfig({ PARTNERSCOPE_ENGINE: 'ClickHouse', PARTNERSCOPE_CLICKHOUSE_URL: 'chdb:/tmp/x', PARTNERSCOPE_CLICKHOUSE_DATABASE: 'ps2' })).toMatchObject({
			clickhouse: { url: 'chdb:/tmp/x', database: 'ps2' }
		});
	});

	it.each([
		[{ PARTNERSCOPE_ENGINE: 'postgres' }, /must be one of duckdb, clickhouse, saw "postgres"/],
		[{ PARTNERSCOPE_ENGINE: 'clickhouse' }, /needs PARTNERSCOPE_CLICKHOUSE_URL/],
		[{ PARTNERSCOPE_ENGINE: 'clickhouse', PARTNERSCOPE_CLICKHOUSE_URL: 'ch:9000' }, /must start with http:\/\/, https:\/\/ or chdb:/],
		[{ PARTNERSCOPE_ENGINE: 'clickhouse', PARTNERSCOPE_CLICKHOUSE_URL: 'http://x', PARTNERSCOPE_CLICKHOUSE_DATABASE: 'a;drop' }, /plain identifier/]
	])('refuses %j', (env, message) => {
		expect(() => normalizeEngineConfig(env)).toThrow(ConfigError);
		expect(() => normalizeEngineConfig(env)).toThrow(message);
	});
});
