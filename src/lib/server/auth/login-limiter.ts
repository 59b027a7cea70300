/**
 * Brute-force limit for sign-in (in memory, per server process): after MAX_PER_USER failed attempts for one
 * user name, or MAX_PER_ADDRESS from one address, within WINDOW_MS, further attempts are refused (429) until
 * the oldest failure leaves the window. Counted per name given, whether or not it exists, so the limit
 * leaks nothing. A success clears the name's failures. Called by the login route.
 */
export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_USER = 5;
export const MAX_PER_ADDRESS = 20;
const MAX_KEYS = 50_000;

export class LoginLimiter {
	readonly #failures = new Map<string, number[]>();
	readonly #now: () => number;

	constructor(options: { now?: () => number } = {}) {
		this.#now = options.now ?? Date.now;
	}

	#recent(key: string): number[] {
		const since = this.#now() - WINDOW_MS;
		const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
		if (kept.length) this.#failures.set(key, kept);
		else this.#failures.delete(key);
		return kept;
	}

	/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
	retryAfter(user: string, address: string): number {
		const waits = [
			[this.#recent(`u:${user.toLowerCase()}`), MAX_PER_USER],
			[this.#recent(`a:${address}`), MAX_PER_ADDRESS]
		] as const;
		let wait = 0;
		for (const [times, max] of waits) if (times.length >= max) wait = Math.max(wait, times[times.length - max]! + WINDOW_MS - this.#now());
		return Math.ceil(Math.max(0, wait) / 1000);
	}

	fail(user: string, address: string): void {
		if (this.#failures.size > MAX_KEYS) this.#failures.clear(); // a flood of names must not grow memory without bound
		const now = this.#now();
		for (const key of [`u:${user.toLowerCase()}`, `a:${address}`]) this.#failures.set(key, [...this.#recent(key), now]);
	}

	succeed(user: string): void {
		this.#failures.delete(`u:${user.toLowerCase()}`);
	}
}
