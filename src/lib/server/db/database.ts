/**
 * The only module that opens DuckDB. One Database per process, file-backed, opened once; every query gets
 * its own short-lived connection so it can be interrupted alone when its time limit passes.
 * Called by the warehouse build, the API routes and the CLI.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBResult, type DuckDBValue } from '@duckdb/node-api';
import { AppError, QueryError, QueryTimeoutError, WarehouseLockedError } from '../errors.ts';
import { jsonValueConverter, type JsonValue } from './json-value-converter.ts';
import { arrowStreamFromResult } from './arrow-stream.ts';

export type QueryParam = string | number | boolean | bigint | null;
export type QueryParams = Readonly<Record<string, QueryParam>> | readonly QueryParam[];
export type Row = Record<string, JsonValue>;

export interface QueryOptions {
	/** Interrupt the query after this many milliseconds (default: the database's queryTimeoutMs). */
	readonly timeoutMs?: number;
	/** Interrupt the query when this aborts; the query then fails with the signal's reason. */
	readonly signal?: AbortSignal;
}

export interface OpenOptions {
	readonly path: string;
	/** DuckDB worker threads; 0 or undefined = all cores. */
	readonly threads?: number;
	/** DuckDB memory_limit (e.g. `3GB`); beyond it operators spill to `tempDirectory`. */
	readonly memoryLimit?: string;
	readonly tempDirectory?: string;
	readonly queryTimeoutMs?: number;
	/** Extra DuckDB settings applied when the instance is created. */
	readonly settings?: Readonly<Record<string, string>>;
}

/** A fatal fault DuckDB reported (disk full, out of memory while writing): the instance was reopened after it. */
export interface DatabaseFault {
	readonly at: string;
	readonly message: string;
	/** Whether a fresh instance now serves (false: reopening failed too; queries keep failing until it succeeds). */
	readonly reopened: boolean;
}

export class Database {
	readonly path: string;
	readonly queryTimeoutMs: number;
	#instance: DuckDBInstance | null;
	readonly #options: OpenOptions;
	#confinedTo: readonly string[] | null = null;
	#recovering: Promise<void> | null = null;
	#fault: DatabaseFault | null = null;
	/** Open connections, so shutdown can interrupt what runs. */
	readonly #connections = new Set<DuckDBConnection>();

	private constructor(instance: DuckDBInstance, options: OpenOptions) {
		this.#instance = instance;
		this.#options = options;
		this.path = options.path;
		this.queryTimeoutMs = options.queryTimeoutMs ?? 30_000;
	}

	static async open(options: OpenOptions): Promise<Database> {
		return new Database(await createInstance(options), options);
	}

	/** The last fatal fault and whether the database was reopened after it; null when none happened. */
	get fault(): DatabaseFault | null {
		return this.#fault;
	}

	/** Interrupts every running statement (graceful shutdown: a build stops at its next check). */
	interruptAll(): void {
		for (const connection of this.#connections) connection.interrupt();
	}

	/** Runs one statement with bound parameters and returns JSON-safe rows. */
	async query<T extends Row = Row>(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<T[]> {
		return this.#readOnce(() => this.#query<T>(sql, params, options));
	}

	async #query<T extends Row = Row>(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<T[]> {
		return this.withConnection((connection) =>
			withTimeout(connection, options.timeoutMs ?? this.queryTimeoutMs, async () => {
				const reader = await connection.runAndReadAll(sql, usedParams(sql, params));
				return reader.convertRowObjects(jsonValueConverter) as T[];
			}, options.signal)
		);
	}

	/**
	 * Streams a result chunk by chunk and stops reading at `maxRows` rows or `maxBytes` of JSON, so an answer
	 * never holds more than that in this process (ad-hoc previews). `truncated`: rows were left unread.
	 */
	async queryBounded(sql: string, options: QueryOptions & { readonly maxRows: number; readonly maxBytes: number; readonly tooLarge: (bytes: number) => Error }): Promise<{ columns: { name: string; type: string }[]; rows: Row[]; truncated: boolean }> {
		return this.withConnection((connection) =>
			withTimeout(connection, options.timeoutMs ?? this.queryTimeoutMs, async () => {
				const result = await connection.stream(sql);
				const names = result.columnNames();
				const columns = result.columnTypes().map((type, i) => ({ name: names[i]!, type: type.toString() }));
				const rows: Row[] = [];
				let bytes = 0;
				for (;;) {
					const chunk = await result.fetchChunk();
					if (!chunk || chunk.rowCount === 0) return { columns, rows, truncated: false };
					for (const values of chunk.convertRows(jsonValueConverter)) {
						if (rows.length === options.maxRows) return { columns, rows, truncated: true };
						bytes += JSON.stringify(values).length;
						if (bytes > options.maxBytes) throw options.tooLarge(bytes);
						rows.push(Object.fromEntries(names.map((name, i) => [name, values[i] ?? null])));
					}
				}
			}, options.signal)
		);
	}

	/**
	 * Confines the whole instance (every connection, now and later): files may be read only under
	 * `allowedDirectories` (DuckDB adds its own database and temp files), no other file may be opened or
	 * written, no extension installed or loaded, no database attached outside them, and no setting changed
	 * afterwards. The order matters: allowed_directories can only be set while external access is on, and
	 * the lock comes last. It cannot be undone for this instance.
	 */
	async confine(allowedDirectories: readonly string[]): Promise<void> {
		if (!this.#instance) throw new QueryError(`the database ${this.path} is closed`);
		await confineInstance(this.#instance, allowedDirectories);
		this.#confinedTo = allowedDirectories;
	}

	/** Like `query`, with the result's column names and DuckDB types (for answers that show a result's shape). */
	async queryTable(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<{ columns: { name: string; type: string }[]; rows: Row[] }> {
		return this.#readOnce(() => this.#queryTable(sql, params, options));
	}

	async #queryTable(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<{ columns: { name: string; type: string }[]; rows: Row[] }> {
		return this.withConnection((connection) =>
			withTimeout(connection, options.timeoutMs ?? this.queryTimeoutMs, async () => {
				const reader = await connection.runAndReadAll(sql, usedParams(sql, params));
				const names = reader.columnNames();
				const types = reader.columnTypes();
				return { columns: names.map((name, i) => ({ name, type: types[i]!.toString() })), rows: reader.convertRowObjects(jsonValueConverter) as Row[] };
			}, options.signal)
		);
	}

	/**
	 * Streams a result as Arrow IPC (stream format), one record batch per DuckDB chunk, so large tables never
	 * sit whole in memory. The time limit covers the whole stream.
	 */
	async *streamArrow(sql: string, params?: QueryParams, options: QueryOptions = {}): AsyncGenerator<Uint8Array> {
		const connection = await this.#connect();
		const timeoutMs = options.timeoutMs ?? this.queryTimeoutMs;
		const timer = startTimer(connection, timeoutMs);
		try {
			let result: DuckDBResult;
			try {
				result = await connection.stream(sql, usedParams(sql, params));
			} catch (error) {
				throw translate(error, timer.fired, timeoutMs);
			}
			try {
				yield* arrowStreamFromResult(result);
			} catch (error) {
				throw translate(error, timer.fired, timeoutMs);
			}
		} finally {
			timer.clear();
			connection.closeSync();
		}
	}

	/**
	 * Lends a connection for work that spans statements (a build's transaction). Raw SQL only: callers bind
	 * values themselves. The connection is closed afterwards.
	 */
	async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
		const connection = await this.#connect();
		this.#connections.add(connection);
		try {
			return await work(connection);
		} catch (error) {
			if (isFatal(error)) await this.#recover(error);
			throw error;
		} finally {
			this.#connections.delete(connection);
			connection.closeSync();
		}
	}

	close(): void {
		this.#instance?.closeSync();
		this.#instance = null;
	}

	/** A read that met a fatal fault runs once more on the reopened instance, so readers see the last publish. */
	async #readOnce<T>(read: () => Promise<T>): Promise<T> {
		try {
			return await read();
		} catch (error) {
			if (!isFatal(error) || !this.#fault?.reopened) throw error;
			return read();
		}
	}

	/**
	 * DuckDB invalidates an instance after a fatal error (e.g. no space left while writing); every later query
	 * fails. Reopen the file in a fresh instance (DuckDB replays its WAL: the last committed publish), re-apply
	 * the confinement, and record the fault for health. One recovery at a time.
	 */
	async #recover(error: unknown): Promise<void> {
		this.#recovering ??= (async () => {
			const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^Query failed: /, '');
			const old = this.#instance;
			this.#instance = null;
			try {
				old?.closeSync();
			} catch {
				// the invalidated instance may refuse to close cleanly; it is dropped either way
			}
			try {
				this.#instance = await createInstance(this.#options);
				if (this.#confinedTo) await confineInstance(this.#instance, this.#confinedTo);
				this.#fault = { at: new Date().toISOString(), message, reopened: true };
			} catch (reopenError) {
				this.#fault = { at: new Date().toISOString(), message: `${message}; reopening failed: ${reopenError instanceof Error ? reopenError.message : String(reopenError)}`, reopened: false };
			}
		})().finally(() => {
			this.#recovering = null;
		});
		return this.#recovering;
	}

	async #connect(): Promise<DuckDBConnection> {
		if (this.#recovering) await this.#recovering;
		if (!this.#instance && this.#fault && !this.#fault.reopened) await this.#recover(new Error(this.#fault.message));
		if (!this.#instance) throw new QueryError(`the database ${this.path} is closed`);
		return this.#instance.connect();
	}
}

/** DuckDB's messages for an instance it has invalidated, or a fault that invalidates it. */
export function isFatal(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return /database has been invalidated|FATAL Error|No space left on device/i.test(message);
}

async function createInstance(options: OpenOptions): Promise<DuckDBInstance> {
	const settings: Record<string, string> = { ...options.settings };
	if (options.threads) settings.threads = String(options.threads);
	if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
	if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(options.path, settings);
	} catch (error) {
		// DuckDB: 'Could not set lock on file "…": Conflicting lock is held in /usr/bin/node (PID 123)'
		const message = error instanceof Error ? error.message : String(error);
		if (/Could not set lock on file/i.test(message)) throw new WarehouseLockedError(options.path, pidOf(message), error);
		throw error;
	}
	// Every TIMESTAMPTZ cast, day boundary and TIMESTAMP-without-zone export is read in UTC, never the host's zone
	// (the same exports gave different totals under TZ=Asia/Tokyo). ICU refuses TimeZone as a create option.
	const setup = await instance.connect();
	try {
		await setup.run("set global TimeZone = 'UTC'");
	} finally {
		setup.closeSync();
	}
	return instance;
}

async function confineInstance(instance: DuckDBInstance, allowedDirectories: readonly string[]): Promise<void> {
	const list = `[${allowedDirectories.map((d) => `'${d.replace(/'/g, "''")}'`).join(', ')}]`;
	const connection = await instance.connect();
	try {
		await connection.run(`set allowed_directories = ${list}`);
		await connection.run('set enable_external_access = false');
		await connection.run('set lock_configuration = true');
	} finally {
		connection.closeSync();
	}
}

/**
 * DuckDB refuses to bind a named parameter the statement does not use; query builders share one parameter
 * object across variants, so keep only the names that occur as `$name` in the SQL.
 */
function usedParams(sql: string, params: QueryParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
	if (params === undefined || Array.isArray(params)) return params as DuckDBValue[] | undefined;
	const used: Record<string, DuckDBValue> = {};
	for (const [name, value] of Object.entries(params)) if (new RegExp(`\\$${name}\\b`).test(sql)) used[name] = value as DuckDBValue;
	return used;
}

function pidOf(message: string): number | null {
	const m = /\(PID (\d+)\)/.exec(message);
	return m ? Number(m[1]) : null;
}

/**
 * Runs `work` on `connection`, interrupting it when `timeoutMs` passes or `signal` aborts (a real stop, not a
 * lost race); an abort fails with the signal's reason.
 */
export async function withTimeout<T>(connection: DuckDBConnection, timeoutMs: number, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
	const timer = startTimer(connection, timeoutMs);
	const abort = () => connection.interrupt();
	signal?.addEventListener('abort', abort, { once: true });
	try {
		if (signal?.aborted) throw signal.reason;
		return await work();
	} catch (error) {
		if (signal?.aborted && !timer.fired) throw signal.reason;
		throw translate(error, timer.fired, timeoutMs);
	} finally {
		timer.clear();
		signal?.removeEventListener('abort', abort);
	}
}

function startTimer(connection: DuckDBConnection, timeoutMs: number) {
	const state = { fired: false };
	const handle = setTimeout(() => {
		state.fired = true;
		connection.interrupt();
	}, timeoutMs);
	return {
		get fired() {
			return state.fired;
		},
		clear: () => clearTimeout(handle)
	};
}

function translate(error: unknown, timedOut: boolean, timeoutMs: number): Error {
	if (timedOut) return new QueryTimeoutError(timeoutMs, error);
	if (error instanceof AppError) return error; // ours already (a timeout, a result over its cap): keep its status
	const message = error instanceof Error ? error.message : String(error);
	return new QueryError(message, error);
}
