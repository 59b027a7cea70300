/**
 * A small in-memory cache of forecast answers keyed by the published model versions and the parameters:
 * forecasting every channel with its backtest takes seconds, the data only changes with a publish. Holds
 * the promise, so concurrent requests for the same key share one computation; a failure is not kept.
 * One cache per warehouse (see forecast-routes).
 */

export class ForecastCache {
	readonly #entries = new Map<string, Promise<unknown>>();
	readonly #limit: number;

	constructor(limit = 32) {
		this.#limit = limit;
	}

	/** The cached value for `key`, computing it on a miss; the least recently used entry leaves when full. */
	get<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const hit = this.#entries.get(key);
		if (hit) {
			this.#entries.delete(key);
			this.#entries.set(key, hit);
			return hit as Promise<T>;
		}
		const value = compute();
		this.#entries.set(key, value);
		value.catch(() => {
			if (this.#entries.get(key) === value) this.#entries.delete(key);
		});
		while (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
		return value;
	}

	get size(): number {
		return this.#entries.size;
	}
}
