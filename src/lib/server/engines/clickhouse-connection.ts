/**
 * The only module that talks to ClickHouse: a server over HTTP (@clickhouse/client) or embedded chDB (a
 * devDependency, loaded only for `chdb:` URLs). Every statement runs with the settings that give
 * transpiled DuckDB SQL DuckDB's NULL semantics. Called by the ClickHouse build runner and snapshot export.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ClickHouseTarget } from './engine-config.ts';

/**
 * DuckDB semantics on ClickHouse: outer joins fill NULL (not defaults), aggregates of no rows are NULL, and a
 * column wins over a SELECT alias of the same name (`coalesce(sum(x), 0) as x` next to `sum(x)`).
 */
export const CLICKHOUSE_SETTINGS = { join_use_nulls: 1, aggregate_functions_null_for_empty: 1, prefer_column_name_to_alias: 1 } as const;

export interface ClickHouseConnection {
	/** `chdb` or `http`, for messages. */
	readonly kind: 'chdb' | 'http';
	/** Runs a statement that returns nothing (DDL, INSERT ... SELECT). */
	command(sql: string): Promise<void>;
	/** Runs a SELECT and returns its rows as objects (64-bit integers and decimals as JSON numbers or strings). */
	query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	/** Writes the SELECT's result to a local parquet file. */
	exportParquet(sql: string, file: string): Promise<void>;
	close(): Promise<void>;
}

export async function openClickHouse(target: ClickHouseTarget): Promise<ClickHouseConnection> {
	const connection = target.url.startsWith('chdb:') ? await openChdb(target.url.slice('chdb:'.length)) : await openHttp(target);
	await connection.command(`CREATE DATABASE IF NOT EXISTS \`${target.database}\``);
	return connection;
}

/** chDB allows one session directory per process; it is opened once and shared. */
let chdbSession: { path: string; session: import('chdb').Session } | null = null;

async function openChdb(directory: string): Promise<ClickHouseConnection> {
	const { Session } = await import('chdb');
	if (chdbSession && chdbSession.path !== directory)
		throw new Error(`chDB already runs on ${chdbSession.path} in this process; one embedded ClickHouse directory per process (asked for ${directory})`);
	chdbSession ??= { path: directory, session: new Session(directory) };
	const session = chdbSession.session;
	for (const [k, v] of Object.entries(CLICKHOUSE_SETTINGS)) session.query(`SET ${k} = ${v}`);
	const run = async (sql: string, format: string) => (await session.queryAsync(sql, { format })).bytes();
	return {
		kind: 'chdb',
		async command(sql) {
			await run(sql, 'CSV');
		},
		async query<T>(sql: string) {
			const text = new TextDecoder().decode(await run(sql, 'JSONEachRow'));
			return text
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => JSON.parse(line) as T);
		},
		async exportParquet(sql, file) {
			await writeFile(file, await run(sql, 'Parquet'));
		},
		async close() {
			// The session stays open for the process (chDB cannot reopen another directory anyway).
		}
	};
}

async function openHttp(target: ClickHouseTarget): Promise<ClickHouseConnection> {
	const { createClient } = await import('@clickhouse/client');
	const client = createClient({
		url: target.url,
		username: target.user,
		password: target.password,
		clickhouse_settings: { ...CLICKHOUSE_SETTINGS, output_format_json_quote_64bit_integers: 0 }
	});
	return {
		kind: 'http',
		async command(sql) {
			await client.command({ query: sql });
		},
		async query<T>(sql: string) {
			return (await client.query({ query: sql, format: 'JSONEachRow' })).json<T>();
		},
		async exportParquet(sql, file) {
			const result = await client.exec({ query: `${sql} FORMAT Parquet` });
			await pipeline(result.stream, createWriteStream(file));
		},
		async close() {
			await client.close();
		}
	};
}
