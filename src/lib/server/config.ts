/**
 * Configuration: raw environment and CLI overrides in, one typed Config out, every default in this file.
 * Called by the CLI commands and by the server hooks; nothing else reads process.env.
 */
import os from 'node:os';
import path from 'node:path';
import { parseAllowedHosts, type AllowedHosts } from './auth/allowed-hosts.ts';
import { authFilePath } from './auth/auth-store.ts';
import { parseWebhookAllowList, type WebhookAllowList } from './digest/webhook-target.ts';

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
	/** Overall time limit of one API request (plan, build and rollback excepted): the caller gets a 503 problem then. */
	readonly requestDeadlineMs: number;
	/** Time limit for one statement of a build. */
	readonly buildStatementTimeoutMs: number;
	/** DuckDB threads; 0 = DuckDB's default (all cores). */
	readonly threads: number;
	/** Worker threads that compute forecasts off the event loop; 0 = on the server's own thread. */
	readonly forecastWorkers: number;
	/** Share of revenue kept as gross margin, for ROI and net contribution (0..1). */
	readonly grossMargin: number;
	/** First day of a reporting week: 0 = Sunday, 1 = Monday (default), ... 6 = Saturday. */
	readonly weekStart: number;
	/** Retention: the last this many publishes keep their tables (rollback stays instant for them). */
	readonly retainPublishes: number;
	/** Retention: publishes younger than this many days keep their tables too. */
	readonly retainDays: number;
	/** PARTNERSCOPE_AUTH: `on` (sign-in required) or `off` (one local admin; only when bound to 127.0.0.1). */
	readonly auth: 'on' | 'off';
	/** Host names the server answers for (DNS rebinding); '*' = any. */
	readonly allowedHosts: AllowedHosts;
	/**
	 * Whether the request URL's scheme can be believed: adapter-node reports https unless ORIGIN or
	 * PROTOCOL_HEADER says otherwise, while Node itself serves plain http. Decides the cookies' Secure flag.
	 */
	readonly schemeKnown: boolean;
	/** Where the digest and alert emails go out: smtp://user:pass@host:587 or smtps://...; null = email off. */
	readonly smtpUrl: string | null;
	/** The From address of digest and alert emails. */
	readonly mailFrom: string;
	/** The dashboard's address as readers reach it, for links in emails and webhooks. */
	readonly publicUrl: string;
	/** Key of the HMAC-SHA256 signature on webhook bodies (x-partnerscope-signature); null = unsigned. */
	readonly webhookSecret: string | null;
	/** Hosts and CIDR ranges webhooks may reach although private (loopback, 10/8, ...); '*' = all. Default: none. */
	readonly webhookAllowPrivate: WebhookAllowList;
	/** Alerts per subscriber per UTC day before the rest go out as one summary. */
	readonly alertsPerDay: number;
	/** Smallest revenue deviation from the forecast (base currency) that makes an anomaly alert. */
	readonly alertMinRevenue: number;
	/** Time limit of one ad-hoc preview (shorter than report queries: previews are exploratory). */
	readonly previewTimeoutMs: number;
	/** Previews running at once, in total and per caller (beyond: 429). */
	readonly previewConcurrency: number;
	readonly previewConcurrencyPerCaller: number;
	/** How much memory (resident, or DuckDB memory + temp files) one preview may add before it is stopped (422). */
	readonly previewMemoryMb: number;
	/** DuckDB memory_limit (e.g. "2GB"); default a quarter of RAM, at most 3 GiB. Past it, builds spill to `<warehouse>.tmp/`. */
	readonly memoryLimit: string | null;
	/** DuckDB max_temp_directory_size: spill to disk stops here and the statement fails cleanly; null = DuckDB's default. */
	readonly tempLimit: string | null;
	/** Retention: beyond the last retainPublishes, younger publishes are kept only while the warehouse stays under this many MB. */
	readonly retainMaxMb: number;
	/** Build side: after each publish and rollback, export a snapshot of it here; null = no automatic snapshots. */
	readonly snapshotDir: string | null;
	/** Read side: serve the snapshot in this directory, read-only, instead of a warehouse file; null = the warehouse. */
	readonly serveSnapshot: string | null;
	/** The users file (users, API tokens, sessions); default `<warehouse>.auth.json`. A snapshot reader only reads it. */
	readonly authFile: string;
	/**
	 * Key of the HMAC that signs a snapshot reader's sign-in sessions, so a session started at one reader is
	 * valid at every reader with the same key (readers write no session anywhere); null = not set.
	 */
	readonly sessionSecret: string | null;
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
		requestDeadlineMs: int(pick('requestDeadlineMs', 'PARTNERSCOPE_REQUEST_DEADLINE_MS') ?? '45000', 'PARTNERSCOPE_REQUEST_DEADLINE_MS', 1, 3_600_000),
		buildStatementTimeoutMs: int(
			pick('buildStatementTimeoutMs', 'PARTNERSCOPE_BUILD_TIMEOUT_MS') ?? '600000',
			'PARTNERSCOPE_BUILD_TIMEOUT_MS',
			1,
			86_400_000
		),
		threads: int(pick('threads', 'PARTNERSCOPE_THREADS') ?? '0', 'PARTNERSCOPE_THREADS', 0, 1024),
		forecastWorkers: int(pick('forecastWorkers', 'PARTNERSCOPE_FORECAST_WORKERS') ?? '1', 'PARTNERSCOPE_FORECAST_WORKERS', 0, 64),
		grossMargin: fraction(pick('grossMargin', 'PARTNERSCOPE_GROSS_MARGIN') ?? '0.3', 'PARTNERSCOPE_GROSS_MARGIN'),
		weekStart: weekday(pick('weekStart', 'PARTNERSCOPE_WEEK_START') ?? 'monday'),
		retainPublishes: int(pick('retainPublishes', 'PARTNERSCOPE_RETAIN_PUBLISHES') ?? '10', 'PARTNERSCOPE_RETAIN_PUBLISHES', 1, 1_000_000),
		retainDays: int(pick('retainDays', 'PARTNERSCOPE_RETAIN_DAYS') ?? '7', 'PARTNERSCOPE_RETAIN_DAYS', 0, 36_500),
		auth: authMode(pick('auth', 'PARTNERSCOPE_AUTH'), pick('host', 'HOST') ?? '0.0.0.0'),
		allowedHosts: parseAllowedHosts(pick('allowedHosts', 'PARTNERSCOPE_ALLOWED_HOSTS'), pick('host', 'HOST') ?? '0.0.0.0'),
		schemeKnown: Boolean(env.ORIGIN || env.PROTOCOL_HEADER),
		previewTimeoutMs: int(pick('previewTimeoutMs', 'PARTNERSCOPE_PREVIEW_TIMEOUT_MS') ?? '5000', 'PARTNERSCOPE_PREVIEW_TIMEOUT_MS', 1, 3_600_000),
		previewConcurrency: int(pick('previewConcurrency', 'PARTNERSCOPE_PREVIEW_CONCURRENCY') ?? '2', 'PARTNERSCOPE_PREVIEW_CONCURRENCY', 1, 64),
		previewConcurrencyPerCaller: int(pick('previewConcurrencyPerCaller', 'PARTNERSCOPE_PREVIEW_CONCURRENCY_PER_CALLER') ?? '1', 'PARTNERSCOPE_PREVIEW_CONCURRENCY_PER_CALLER', 1, 64),
		previewMemoryMb: int(pick('previewMemoryMb', 'PARTNERSCOPE_PREVIEW_MEMORY_MB') ?? '512', 'PARTNERSCOPE_PREVIEW_MEMORY_MB', 16, 1_000_000),
		memoryLimit: size(pick('memoryLimit', 'PARTNERSCOPE_MEMORY_LIMIT'), 'PARTNERSCOPE_MEMORY_LIMIT') ?? defaultMemoryLimit(),
		tempLimit: size(pick('tempLimit', 'PARTNERSCOPE_TEMP_LIMIT'), 'PARTNERSCOPE_TEMP_LIMIT'),
		retainMaxMb: int(pick('retainMaxMb', 'PARTNERSCOPE_RETAIN_MAX_MB') ?? '4096', 'PARTNERSCOPE_RETAIN_MAX_MB', 1, 100_000_000),
		...deliveryConfig(pick, int),
		...scaleOutConfig(pick, cwd, warehousePath)
	};
}

/** Snapshots for read-only readers, and what a reader needs to check sign-in without writing (docs/scale-out.md). */
function scaleOutConfig(pick: (key: keyof Config, envName: string) => string | undefined, cwd: string, warehousePath: string) {
	const serveSnapshot = optionalPath(cwd, pick('serveSnapshot', 'PARTNERSCOPE_SNAPSHOT'));
	const sessionSecret = pick('sessionSecret', 'PARTNERSCOPE_SESSION_SECRET') || null;
	if (sessionSecret !== null && sessionSecret.length < 32) throw new ConfigError('PARTNERSCOPE_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)');
	if (serveSnapshot && sessionSecret === null && (pick('auth', 'PARTNERSCOPE_AUTH') ?? 'on').toLowerCase() === 'on')
		throw new ConfigError('a snapshot reader needs PARTNERSCOPE_SESSION_SECRET (32+ characters, the same on every reader): readers write no sessions, they sign them');
	return {
		snapshotDir: optionalPath(cwd, pick('snapshotDir', 'PARTNERSCOPE_SNAPSHOT_DIR')),
		serveSnapshot,
		authFile: optionalPath(cwd, pick('authFile', 'PARTNERSCOPE_AUTH_FILE')) ?? authFilePath(warehousePath),
		sessionSecret
	};
}

/** The digest and alert delivery settings (issue 13). */
function deliveryConfig(pick: (key: keyof Config, envName: string) => string | undefined, integer: typeof int) {
	const smtpUrl = pick('smtpUrl', 'PARTNERSCOPE_SMTP_URL') || null;
	if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('PARTNERSCOPE_SMTP_URL must start with smtp:// or smtps://');
	const port = pick('port', 'PORT') ?? '3000';
	const minRevenue = Number(pick('alertMinRevenue', 'PARTNERSCOPE_ALERT_MIN_REVENUE') ?? '1000');
	if (!Number.isFinite(minRevenue) || minRevenue < 0) throw new ConfigError(`PARTNERSCOPE_ALERT_MIN_REVENUE must be an amount of 0 or more, saw "${pick('alertMinRevenue', 'PARTNERSCOPE_ALERT_MIN_REVENUE')}"`);
	return {
		smtpUrl,
		mailFrom: pick('mailFrom', 'PARTNERSCOPE_MAIL_FROM') ?? 'Partnerscope <partnerscope@localhost>',
		publicUrl: (pick('publicUrl', 'PARTNERSCOPE_PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, ''),
		webhookSecret: pick('webhookSecret', 'PARTNERSCOPE_WEBHOOK_SECRET') || null,
		webhookAllowPrivate: parseWebhookAllowList(pick('webhookAllowPrivate', 'PARTNERSCOPE_WEBHOOK_ALLOW_PRIVATE')),
		alertsPerDay: integer(pick('alertsPerDay', 'PARTNERSCOPE_ALERTS_PER_DAY') ?? '10', 'PARTNERSCOPE_ALERTS_PER_DAY', 1, 1000),
		alertMinRevenue: minRevenue
	};
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function weekday(raw: string): number {
	const index = WEEKDAYS.indexOf(raw.toLowerCase() as (typeof WEEKDAYS)[number]);
	if (index === -1) throw new ConfigError(`PARTNERSCOPE_WEEK_START must be a day name (${WEEKDAYS.join(', ')}), saw "${raw}"`);
	return index;
}

/** A quarter of the machine's memory, at most 3 GiB: DuckDB's own default (80%) starves everything else on a shared machine. */
export function defaultMemoryLimit(totalBytes = os.totalmem()): string {
	return `${Math.max(256, Math.min(3072, Math.floor(totalBytes / 4 / 1024 / 1024)))}MiB`;
}


function fraction(raw: string, name: string): number {
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0 || n > 1) throw new ConfigError(`${name} must be a number above 0 and at most 1, saw "${raw}"`);
	return n;
}

/** Sign-in may be turned off only for a single-user run that nobody else can reach (bound to 127.0.0.1). */
function authMode(raw: string | undefined, host: string): 'on' | 'off' {
	const mode = (raw ?? 'on').toLowerCase();
	if (mode !== 'on' && mode !== 'off') throw new ConfigError(`PARTNERSCOPE_AUTH must be on or off, saw "${raw}"`);
	if (mode === 'off' && host !== '127.0.0.1') throw new ConfigError(`PARTNERSCOPE_AUTH=off is allowed only with HOST=127.0.0.1 (this machine alone), saw HOST=${host}`);
	return mode;
}

/** A DuckDB size such as 512MB or 2GB; undefined or '' = not set. */
function size(raw: string | undefined, name: string): string | null {
	if (raw === undefined || raw === '') return null;
	if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(raw)) throw new ConfigError(`${name} must be a size such as 512MB or 2GB, saw "${raw}"`);
	return raw.replace(/\s+/g, '');
}

function optionalPath(cwd: string, raw: string | undefined): string | null {
	return raw === undefined || raw === '' ? null : path.resolve(cwd, raw);
}

function int(raw: string, name: string, min: number, max: number): number {
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, saw "${raw}"`);
	return n;
}
