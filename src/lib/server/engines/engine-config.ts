/**
 * Which engine builds the models: `duckdb` (default, embedded, the warehouse file) or `clickhouse` (a server
 * over HTTP, or embedded chDB with `chdb:<directory>`). Pure: raw environment and CLI overrides in, one typed
 * value out. Called by the CLI commands that build.
 */
import type { RawConfig } from '../config.ts';
import { ConfigError } from '../config.ts';

export const ENGINES = ['duckdb', 'clickhouse'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface ClickHouseTarget {
	/** `http(s)://host:port` of a server, or `chdb:<directory>` for embedded chDB (tests, small set-ups). */
	readonly url: string;
	readonly user: string;
	readonly password: string;
	/** The database that holds the versioned tables and the publish pointer. */
	readonly database: string;
}

export type EngineConfig = { readonly engine: 'duckdb' } | { readonly engine: 'clickhouse'; readonly clickhouse: ClickHouseTarget };

export function normalizeEngineConfig(env: RawConfig, overrides: { engine?: string; clickhouseUrl?: string } = {}): EngineConfig {
	const engine = (overrides.engine ?? env.PARTNERSCOPE_ENGINE ?? 'duckdb').toLowerCase();
	if (!(ENGINES as readonly string[]).includes(engine)) throw new ConfigError(`PARTNERSCOPE_ENGINE must be one of ${ENGINES.join(', ')}, saw "${engine}"`);
	if (engine === 'duckdb') return { engine: 'duckdb' };
	const url = overrides.clickhouseUrl ?? env.PARTNERSCOPE_CLICKHOUSE_URL;
	if (!url) throw new ConfigError('PARTNERSCOPE_ENGINE=clickhouse needs PARTNERSCOPE_CLICKHOUSE_URL (http://host:8123, or chdb:<directory> for embedded chDB)');
	if (!/^(https?:\/\/|chdb:.)/.test(url)) throw new ConfigError(`PARTNERSCOPE_CLICKHOUSE_URL must start with http://, https:// or chdb:, saw "${url}"`);
	const database = env.PARTNERSCOPE_CLICKHOUSE_DATABASE ?? 'partnerscope';
	if (!/^[a-z_][a-z0-9_]*$/i.test(database)) throw new ConfigError(`PARTNERSCOPE_CLICKHOUSE_DATABASE must be a plain identifier, saw "${database}"`);
	return {
		engine: 'clickhouse',
		clickhouse: { url, user: env.PARTNERSCOPE_CLICKHOUSE_USER ?? 'default', password: env.PARTNERSCOPE_CLICKHOUSE_PASSWORD ?? '', database }
	};
}
