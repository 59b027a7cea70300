/**
 * The memory cap of ad-hoc previews. DuckDB's memory_limit is one setting for the whole instance (and locked
 * once the instance is confined), so a preview cannot get its own; instead, while previews run, this watch
 * samples what they can grow (the process's resident memory, and DuckDB's own memory and temp-file use) every
 * `intervalMs` and aborts a preview whose growth since it started passes the cap. The preview's query is
 * interrupted through the abort signal and fails with a 422 naming the cap; readers are never touched.
 * Used by Warehouse.preview; the sampler is passed in so the rule is testable without DuckDB.
 */
import { PreviewTooLargeError } from '../errors.ts';

export interface MemorySample {
	/** Resident memory of this process (includes DuckDB's buffers and everything else). */
	readonly rssBytes: number;
	/** DuckDB's tracked memory plus its temporary files (spill to disk). */
	readonly duckdbBytes: number;
}

interface Watched {
	readonly controller: AbortController;
	readonly start: MemorySample;
	peak: number;
}

export class PreviewMemoryWatch {
	readonly #watched = new Set<Watched>();
	#timer: ReturnType<typeof setInterval> | null = null;
	#sampling = false;

	constructor(
		readonly capBytes: number,
		readonly sample: () => Promise<MemorySample>,
		readonly intervalMs = 50
	) {}

	/** Runs `work` with a signal that aborts when the preview's memory growth passes the cap. */
	async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
		const watched: Watched = { controller: new AbortController(), start: await this.sample(), peak: 0 };
		this.#watched.add(watched);
		this.#timer ??= setInterval(() => void this.#check(), this.intervalMs);
		try {
			return await work(watched.controller.signal);
		} finally {
			this.#watched.delete(watched);
			if (this.#watched.size === 0 && this.#timer) {
				clearInterval(this.#timer);
				this.#timer = null;
			}
		}
	}

	async #check(): Promise<void> {
		if (this.#sampling || this.#watched.size === 0) return;
		this.#sampling = true;
		try {
			const now = await this.sample();
			for (const w of this.#watched) {
				const growth = previewGrowth(w.start, now);
				w.peak = Math.max(w.peak, growth);
				if (growth > this.capBytes && !w.controller.signal.aborted)
					w.controller.abort(
						new PreviewTooLargeError(
							`the preview used more than ${mb(this.capBytes)} of memory (${mb(growth)} when it was stopped; PARTNERSCOPE_PREVIEW_MEMORY_MB); filter or aggregate before joining, or preview fewer rows`
						)
					);
			}
		} catch {
			// a failed sample (the database reopening) skips one tick; the time limit still holds
		} finally {
			this.#sampling = false;
		}
	}
}

/** How much a preview has grown since it started: the larger of resident memory and DuckDB memory + temp files. */
export function previewGrowth(start: MemorySample, now: MemorySample): number {
	return Math.max(now.rssBytes - start.rssBytes, now.duckdbBytes - start.duckdbBytes, 0);
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
