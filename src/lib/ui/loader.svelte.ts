/**
 * Reactive state of one API call behind a panel: loading, error, empty or ready. A newer load wins over an
 * older one still in flight (filters changed meanwhile): the older one is aborted and, should its answer
 * still arrive, ignored. A 503 (nothing published yet) counts as empty.
 */
import { ApiError } from './api-client';

export type LoadStatus = 'loading' | 'error' | 'empty' | 'ready';

/** Fetches one answer; `signal` aborts when a newer load starts. */
export type Fetcher<T> = (signal: AbortSignal) => Promise<T>;

export class Loader<T> {
	status = $state<LoadStatus>('loading');
	data = $state<T | null>(null);
	message = $state('');
	#seq = 0;
	#controller: AbortController | null = null;
	#last: Fetcher<T> | null = null;
	#isEmpty: ((data: T) => boolean) | undefined;

	async load(fetcher: Fetcher<T>, isEmpty?: (data: T) => boolean): Promise<void> {
		const seq = ++this.#seq;
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.#last = fetcher;
		this.#isEmpty = isEmpty;
		this.status = 'loading';
		try {
			const data = await fetcher(controller.signal);
			if (seq !== this.#seq) return;
			this.data = data;
			this.status = isEmpty?.(data) ? 'empty' : 'ready';
			this.message = '';
		} catch (error) {
			if (seq !== this.#seq) return;
			this.data = null;
			this.status = error instanceof ApiError && error.status === 503 ? 'empty' : 'error';
			this.message = error instanceof Error ? error.message : String(error);
		}
	}

	retry = () => {
		if (this.#last) void this.load(this.#last, this.#isEmpty);
	};
}
