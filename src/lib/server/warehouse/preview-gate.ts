/**
 * Admission for ad-hoc previews: at most `perCaller` running per caller and `total` at once, so a few runaway
 * previews cannot take every DuckDB thread from the readers. Over the cap is a 429 problem at once, never a
 * queue. Used by Warehouse.preview.
 */
import { AppError } from '../errors.ts';

export class TooManyPreviewsError extends AppError {
	override name = 'TooManyPreviewsError';
	constructor(detail: string) {
		super(429, 'Too many previews', { detail });
	}
}

export class PreviewGate {
	readonly #running = new Map<string, number>();
	#total = 0;
	constructor(
		readonly total: number,
		readonly perCaller: number
	) {}

	async run<T>(caller: string, work: () => Promise<T>): Promise<T> {
		const mine = this.#running.get(caller) ?? 0;
		if (mine >= this.perCaller) throw new TooManyPreviewsError(`you already have ${mine} preview(s) running (at most ${this.perCaller} per caller); wait for it to finish`);
		if (this.#total >= this.total) throw new TooManyPreviewsError(`${this.#total} previews are running (at most ${this.total} at once); try again in a few seconds`);
		this.#running.set(caller, mine + 1);
		this.#total++;
		try {
			return await work();
		} finally {
			this.#total--;
			const left = (this.#running.get(caller) ?? 1) - 1;
			if (left > 0) this.#running.set(caller, left);
			else this.#running.delete(caller);
		}
	}
}
