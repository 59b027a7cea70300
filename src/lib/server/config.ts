/**
 * Configuration: raw environment and CLI overrides in, one typed Config out, every default in this file.
 * Called by the CLI commands and by the server hooks; nothing else reads process.env.
 */
import path from 'node:path';

export interface Config {
	/** Folder with one sub-folder per export table (clicks/, sales/, ...). */
	readonly dataDir: string;
	/** The DuckDB file holding the built warehouse. */
	readonly warehousePath: string;
	/** Folder with sql/ (models and tests). */
	readonly sqlDir: string;
	/** ISO currency every money figure is reported in; fx_rates convert into it. */
	readonly baseCurrency: string;
	readonly port: number;
	readonly host: string;
	/** Time limit for one API query; the query is interrupted when it passes. */
	readonly queryTimeoutMs: number;
	/** Time limit for one statement of a build. */
	readonly buildStatementTimeoutMs: number;
	/** DuckDB threads; 0 = DuckDB's default (all cores). */
	readonly threads: number;
	/** Share of revenue kept as gross margin, for ROI and net contribution (0..1). */
	readonly grossMargin: number;
	/** First day of a reporting week: 0 = Sunday, 1 = Monday (default), ... 6 = Saturday. */
	readonly weekStart: number;
	/** Retention: the last this many publishes keep their tables (rollback stays instant for them). */
	readonly retainPublishes: number;
	/** Retention: publishes younger than this many days keep their tables too. */
	readonly retainDays: number;
	/** A shared secret that lets non-local callers change models (plan, build, rollback); null = loopback only. */
	readonly adminToken: string | null;
	/** Build side: after each publish, export a snapshot of it here (null = no automatic snapshots). */
	readonly snapshotDir: string | null;
	/** Read side: serve the snapshot in this directory, read-only, instead of a warehouse file (null = the warehouse). */
	readonly serveSnapshot: string | null;
}

export type RawConfig = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** Reads PARTNERSCOPE_* variables (and PORT/HOST); `overrides` (from CLI flags) win over the environment. */
export function normalizeConfig(env: RawConfig, overrides: Partial<Record<keyof Config, string>> = {}, cwd = process.cwd()): Config {
	const pick = (key: keyof Config, envName: string): string | undefined => overrides[key] ?? env[envName];
	const dataDir = path.resolve(cwd, pick('dataDir', 'PARTNERSCOPE_DATA') ?? 'data/exports');
	const warehousePath = path.resolve(cwd, pick('warehousePath', 'PARTNERSCOPE_WAREHOUSE') ?? 'data/warehouse.duckdb');
	const sqlDir = path.resolve(cwd, pick('sqlDir', 'PARTNERSCOPE_SQL') ?? 'sql');
	const baseCurrency = (pick('baseCurrency', 'PARTNERSCOPE_BASE_CURRENCY') ?? 'EUR').toUpperCase();
	if (!/^[A-Z]{3}$/.test(baseCurrency)) throw new ConfigError(`PARTNERSCOPE_BASE_CURRENCY must be a 3-letter ISO code, saw "${baseCurrency}"`);
	return {
		dataDir,
		warehousePath,
		sqlDir,
		baseCurrency,
		port: int(pick('port', 'PORT') ?? '3000', 'PORT', 0, 65535),
		host: pick('host', 'HOST') ?? '0.0.0.0',
		queryTimeoutMs: int(pick('queryTimeoutMs', 'PARTNERSCOPE_QUERY_TIMEOUT_MS') ?? '30000', 'PARTNERSCOPE_QUERY_TIMEOUT_MS', 1, 3_600_000),
		buildStatementTimeoutMs: int(
			pick('buildStatementTimeoutMs', 'PARTNERSCOPE_BUILD_TIMEOUT_MS') ?? '600000',
			'PARTNERSCOPE_BUILD_TIMEOUT_MS',
			1,
			86_400_000
		),
		threads: int(pick('threads', 'PARTNERSCOPE_THREADS') ?? '0', 'PARTNERSCOPE_THREADS', 0, 1024),
		grossMargin: fraction(pick('grossMargin', 'PARTNERSCOPE_GROSS_MARGIN') ?? '0.3', 'PARTNERSCOPE_GROSS_MARGIN'),
		weekStart: weekday(pick('weekStart', 'PARTNERSCOPE_WEEK_START') ?? 'monday'),
		retainPublishes: int(pick('retainPublishes', 'PARTNERSCOPE_RETAIN_PUBLISHES') ?? '10', 'PARTNERSCOPE_RETAIN_PUBLISHES', 1, 1_000_000),
		retainDays: int(pick('retainDays', 'PARTNERSCOPE_RETAIN_DAYS') ?? '7', 'PARTNERSCOPE_RETAIN_DAYS', 0, 36_500),
		adminToken: adminToken(pick('adminToken', 'PARTNERSCOPE_ADMIN_TOKEN')),
		snapshotDir: optionalPath(cwd, pick('snapshotDir', 'PARTNERSCOPE_SNAPSHOT_DIR')),
		serveSnapshot: optionalPath(cwd, pick('serveSnapshot', 'PARTNERSCOPE_SNAPSHOT'))
	};
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function weekday(raw: string): number {
	const index = WEEKDAYS.indexOf(raw.toLowerCase() as (typeof WEEKDAYS)[number]);
	if (index === -1) throw new ConfigError(`PARTNERSCOPE_WEEK_START must be a day name (${WEEKDAYS.join(', ')}), saw "${raw}"`);
	return index;
}

function fraction(raw: string, name: string): number {
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0 || n > 1) throw new ConfigError(`${name} must be a number above 0 and at most 1, saw "${raw}"`);
	return n;
}

function adminToken(raw: string | undefined): string | null {
	if (raw === undefined || raw === '') return null;
	if (raw.length < 16) throw new ConfigError('PARTNERSCOPE_ADMIN_TOKEN must be at least 16 characters long');
	return raw;
}

function optionalPath(cwd: string, raw: string | undefined): string | null {
	return raw === undefined || raw === '' ? null : path.resolve(cwd, raw);
}

function int(raw: string, name: string, min: number, max: number): number {
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, saw "${raw}"`);
	return n;
}
