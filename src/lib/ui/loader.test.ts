import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { Loader } from './loader.svelte';

/** A promise settled by hand, so a test decides the order in which answers arrive. */
function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('Loader', () => {
	it('keeps the newest request when an older answer arrives after it', async () => {
		const loader = new Loader<string>();
		const older = deferred<string>();
		const newer = deferred<string>();
		const a = loader.load(() => older.promise);
		const b = loader.load(() => newer.promise);
		newer.resolve('week 2026-06-22');
		await b;
		expect([loader.status, loader.data]).toEqual(['ready', 'week 2026-06-22']);
		older.resolve('week 2026-06-15');
		await a;
		expect([loader.status, loader.data]).toEqual(['ready', 'week 2026-06-22']);
	});

	it('ignores an older request failing after the newer one succeeded', async () => {
		const loader = new Loader<string>();
		const older = deferred<string>();
		const a = loader.load(() => older.promise);
		await loader.load(async () => 'new');
		older.reject(new Error('network down'));
		await a;
		expect([loader.status, loader.data, loader.message]).toEqual(['ready', 'new', '']);
	});

	it('stays loading while only an outdated answer has arrived', async () => {
		const loader = new Loader<string>();
		const older = deferred<string>();
		const newer = deferred<string>();
		const a = loader.load(() => older.promise);
		void loader.load(() => newer.promise);
		older.resolve('old');
		await a;
		expect([loader.status, loader.data]).toEqual(['loading', null]);
	});

	it('aborts the older request when a newer one starts', async () => {
		const loader = new Loader<string>();
		const signals: AbortSignal[] = [];
		const first = loader.load((signal) => (signals.push(signal), new Promise<string>(() => {})));
		void first;
		await loader.load(async (signal) => (signals.push(signal), 'b'));
		expect(signals.map((s) => s.aborted)).toEqual([true, false]);
	});

	it.each([
		['empty', async () => [] as string[], (d: string[]) => d.length === 0, ''],
		['error', async () => Promise.reject(new ApiError(400, 'week must be a Monday')), undefined, 'week must be a Monday'],
		['empty', async () => Promise.reject(new ApiError(503, 'nothing published')), undefined, 'nothing published']
	] as const)('reports %s with the message', async (status, fetcher, isEmpty, message) => {
		const loader = new Loader<string[]>();
		await loader.load(fetcher as () => Promise<string[]>, isEmpty);
		expect([loader.status, loader.message]).toEqual([status, message]);
	});

	it('retries the last request', async () => {
		const loader = new Loader<number>();
		let calls = 0;
		await loader.load(async () => {
			calls += 1;
			if (calls === 1) throw new Error('timeout');
			return calls;
		});
		expect(loader.status).toBe('error');
		loader.retry();
		await new Promise((r) => setTimeout(r, 0));
		expect([loader.status, loader.data]).toEqual(['ready', 2]);
	});
});
