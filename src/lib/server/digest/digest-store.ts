/**
 * Where subscriptions, the last period sent, the send log and the alert state live: one JSON file beside the
 * warehouse (`<warehouse>.digest.json`). A file, not the DuckDB catalog, because the CLI must change
 * subscriptions while the server holds the warehouse open. Every change is a read-modify-write under a lock
 * directory and lands by rename, so a reader never sees half a file. Used by DigestService, the API and the CLI.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AlertRecord, Mute } from '../alerts/alert-record.ts';
import type { Subscription } from './subscription.ts';

export interface SendRecord {
	readonly id: string;
	readonly at: string;
	readonly subscriptionId: string | null;
	readonly user: string;
	/** What went out: the digest of a report and week, one alert, or a summary of alerts over the daily limit. */
	readonly what: 'digest' | 'alert' | 'alert-summary';
	readonly report: string | null;
	readonly period: string | null;
	readonly channel: 'email' | 'webhook';
	readonly to: string;
	readonly outcome: 'sent' | 'failed';
	readonly attempts: number;
	readonly error: string | null;
	readonly alertIds: readonly string[];
}

export interface DigestState {
	readonly version: 1;
	readonly subscriptions: readonly Subscription[];
	/** Subscription id -> the first day of the last week whose digest went out. */
	readonly lastSent: Readonly<Record<string, string>>;
	readonly sends: readonly SendRecord[];
	readonly alerts: readonly AlertRecord[];
	readonly mutes: readonly Mute[];
	/** Quality-signal key -> the last day it was seen, so a signal that persists alerts once. */
	readonly seen: Readonly<Record<string, string>>;
	/** The publish the alert rules last ran after. */
	readonly alertsPublishId: number | null;
}

const EMPTY: DigestState = { version: 1, subscriptions: [], lastSent: {}, sends: [], alerts: [], mutes: [], seen: {}, alertsPublishId: null };
/** The logs keep their newest entries only. */
export const KEEP_SENDS = 5000;
export const KEEP_ALERTS = 10000;

export function digestStatePath(warehousePath: string): string {
	return `${warehousePath}.digest.json`;
}

export class DigestStore {
	readonly path: string;

	constructor(warehousePath: string) {
		this.path = digestStatePath(warehousePath);
	}

	read(): DigestState {
		try {
			return { ...EMPTY, ...(JSON.parse(readFileSync(this.path, 'utf8')) as Partial<DigestState>) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
			throw new Error(`${this.path}: cannot read the digest state: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
		}
	}

	/** Applies `change` to the current state under the lock and writes the result; returns it. */
	async update(change: (state: DigestState) => DigestState): Promise<DigestState> {
		const release = await this.#lock();
		try {
			const next = change(this.read());
			const trimmed = { ...next, sends: next.sends.slice(-KEEP_SENDS), alerts: next.alerts.slice(-KEEP_ALERTS) };
			const tmp = `${this.path}.${process.pid}.tmp`;
			writeFileSync(tmp, JSON.stringify(trimmed, null, 1));
			renameSync(tmp, this.path);
			return trimmed;
		} finally {
			release();
		}
	}

	async #lock(): Promise<() => void> {
		const dir = `${this.path}.lock`;
		for (let attempt = 0; ; attempt++) {
			try {
				mkdirSync(dir);
				return () => rmSync(dir, { recursive: true, force: true });
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				// A lock older than 30 s belongs to a process that died mid-write.
				try {
					if (Date.now() - statSync(dir).mtimeMs > 30_000) rmSync(dir, { recursive: true, force: true });
				} catch {
					/* gone meanwhile */
				}
				if (attempt > 500) throw new Error(`${dir}: the digest state stayed locked for 10 s`);
				await new Promise((r) => setTimeout(r, 20));
			}
		}
	}
}
