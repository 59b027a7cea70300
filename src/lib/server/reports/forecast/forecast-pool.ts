/**
 * A small pool of worker threads that compute revenue forecasts (forecast-worker.ts), so model fitting and
 * backtests never run on the server's event loop. Tasks queue in order; each worker runs one at a time. A
 * worker that throws or exits fails only its own task and is replaced at the next one. Idle workers do not
 * keep the process alive. Created by the server (app-context.ts, size PARTNERSCOPE_FORECAST_WORKERS) and by
 * createApi when it is given none.
 */
import { Worker } from 'node:worker_threads';
import { ForecastInputError } from '../../../forecast/forecast-input-error.ts';
import type { RevenueForecastAnswer } from '../../../planning/forecast-types.ts';
import type { Forecaster } from './forecaster.ts';
import { forecastWorkerUrl } from './forecast-worker-url.ts';
import type { ForecastInputs } from './inputs.ts';
import type { RevenueForecastOptions } from './revenue.ts';

/** What crosses to a worker: plain data only (structured clone). */
export interface WorkerTask {
	readonly id: number;
	readonly inputs: ForecastInputs;
	readonly options: RevenueForecastOptions;
}

/** An error as a worker reports it: its name, message, stack and any plain fields (ForecastInputError's line, field, date). */
export interface RemoteError {
	readonly name: string;
	readonly message: string;
	readonly stack: string;
	readonly [field: string]: unknown;
}

export type WorkerReply = { readonly id: number; readonly ok: true; readonly value: RevenueForecastAnswer } | { readonly id: number; readonly ok: false; readonly error: RemoteError };

export interface ForecastPoolOptions {
	/** Worker threads at most (started on demand); at least 1. */
	readonly size: number;
	/** The module the workers run; default the forecast worker. */
	readonly script?: URL;
}

interface Job {
	readonly task: WorkerTask;
	readonly resolve: (value: RevenueForecastAnswer) => void;
	readonly reject: (error: Error) => void;
}

interface Slot {
	readonly worker: Worker;
	job: Job | null;
}

export class ForecastPool implements Forecaster {
	readonly size: number;
	#script: URL | null;
	readonly #slots: Slot[] = [];
	readonly #queue: Job[] = [];
	#nextId = 1;
	#closed = false;

	constructor(options: ForecastPoolOptions) {
		if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`a forecast pool needs at least 1 worker, saw ${options.size}`);
		this.size = options.size;
		this.#script = options.script ?? null;
	}

	/** Workers running now (started on demand, replaced after a failure). */
	get workers(): number {
		return this.#slots.length;
	}

	revenue(inputs: ForecastInputs, options: RevenueForecastOptions): Promise<RevenueForecastAnswer> {
		if (this.#closed) return Promise.reject(new Error('the forecast pool is closed'));
		return new Promise((resolve, reject) => {
			this.#queue.push({ task: { id: this.#nextId++, inputs, options }, resolve, reject });
			this.#dispatch();
		});
	}

	/** Fails the queued and running tasks and stops every worker (server shutdown, end of a test). */
	async close(): Promise<void> {
		this.#closed = true;
		const closed = () => new Error('the forecast pool is closed');
		for (const job of this.#queue.splice(0)) job.reject(closed());
		const slots = this.#slots.splice(0);
		for (const slot of slots) slot.job?.reject(closed());
		await Promise.all(slots.map((slot) => slot.worker.terminate()));
	}

	#dispatch(): void {
		while (this.#queue.length > 0 && !this.#closed) {
			let slot = this.#slots.find((s) => s.job === null);
			if (!slot) {
				if (this.#slots.length >= this.size) return;
				try {
					slot = this.#spawn();
				} catch (error) {
					this.#queue.shift()!.reject(new Error(`could not start a forecast worker: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
					continue;
				}
			}
			const job = this.#queue.shift()!;
			try {
				slot.worker.postMessage(job.task);
			} catch (error) {
				job.reject(error instanceof Error ? error : new Error(String(error))); // inputs that cannot be cloned
				continue;
			}
			slot.job = job;
			slot.worker.ref(); // a running task keeps the process alive until it answers
		}
	}

	#spawn(): Slot {
		const worker = new Worker((this.#script ??= forecastWorkerUrl()), { name: 'partnerscope-forecast' });
		const slot: Slot = { worker, job: null };
		worker.unref();
		const finish = (settle: (job: Job) => void) => {
			const job = slot.job;
			slot.job = null;
			worker.unref();
			if (job) settle(job);
		};
		const retire = (error: Error) => {
			const index = this.#slots.indexOf(slot);
			if (index < 0) return;
			this.#slots.splice(index, 1);
			finish((job) => job.reject(error));
			void worker.terminate();
			this.#dispatch();
		};
		worker.on('message', (reply: WorkerReply) => {
			if (slot.job?.task.id !== reply.id) return;
			finish((job) => (reply.ok ? job.resolve(reply.value) : job.reject(rebuildError(reply.error))));
			this.#dispatch();
		});
		worker.on('messageerror', (error) => retire(new Error(`a forecast worker's answer could not be read: ${error.message}`, { cause: error })));
		worker.on('error', (error) => retire(new Error(`the forecast worker failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })));
		worker.on('exit', (code) => retire(new Error(`the forecast worker exited (code ${code}) before it answered`)));
		this.#slots.push(slot);
		return slot;
	}
}

/** The worker's error on this side: a ForecastInputError stays one (callers tell it apart), anything else is an Error. */
function rebuildError(remote: RemoteError): Error {
	const { name, message, stack, ...fields } = remote;
	const error = name === 'ForecastInputError' ? new ForecastInputError(message, fields as { line?: number; field?: string; date?: string }) : new Error(message);
	if (name !== 'ForecastInputError') error.name = name;
	error.stack = `${stack}\n    (in a forecast worker thread)`;
	return error;
}
