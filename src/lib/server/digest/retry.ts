/** Runs an async step again after failures with exponential back-off (pure apart from the injected sleep). */

export interface RetryOptions {
	readonly attempts: number;
	/** Wait before the 2nd attempt; each later wait doubles. */
	readonly firstDelayMs: number;
	readonly sleep?: (ms: number) => Promise<void>;
}

export type RetryOutcome<T> = { readonly ok: true; readonly value: T; readonly attempts: number } | { readonly ok: false; readonly error: string; readonly attempts: number };

/**
 * @example
 * await withRetry(() => send(), { attempts: 3, firstDelayMs: 1000 }); // waits 1 s, then 2 s between tries
 */
export async function withRetry<T>(step: () => Promise<T>, o: RetryOptions): Promise<RetryOutcome<T>> {
	const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	let error = '';
	for (let attempt = 1; attempt <= o.attempts; attempt++) {
		try {
			return { ok: true, value: await step(), attempts: attempt };
		} catch (e) {
			error = e instanceof Error ? e.message : String(e);
			if (attempt < o.attempts) await sleep(o.firstDelayMs * 2 ** (attempt - 1));
		}
	}
	return { ok: false, error, attempts: o.attempts };
}
