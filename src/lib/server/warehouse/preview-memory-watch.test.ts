import { describe, expect, it } from 'vitest';
import { PreviewTooLargeError } from '../errors.ts';
import { PreviewMemoryWatch, previewGrowth } from './preview-memory-watch.ts';

const MB = 1024 * 1024;

describe('previewGrowth', () => {
	it.each([
		[{ rssBytes: 100 * MB, duckdbBytes: 10 * MB }, { rssBytes: 150 * MB, duckdbBytes: 20 * MB }, 50 * MB],
		[{ rssBytes: 100 * MB, duckdbBytes: 10 * MB }, { rssBytes: 110 * MB, duckdbBytes: 90 * MB }, 80 * MB],
		[{ rssBytes: 100 * MB, duckdbBytes: 10 * MB }, { rssBytes: 90 * MB, duckdbBytes: 5 * MB }, 0]
	])('from %o to %o is %d bytes (the larger of the two, never negative)', (start, now, expected) => {
		expect(previewGrowth(start, now)).toBe(expected);
	});
});

describe('PreviewMemoryWatch', () => {
	it('aborts a preview whose memory grows past the cap, with a 422 naming the cap, and lets a small one finish', async () => {
		// The process's memory as the sampler sees it: it grows by 30 MB at every sample while the runaway runs.
		let rss = 200 * MB;
		let growing = false;
		const watch = new PreviewMemoryWatch(64 * MB, async () => ({ rssBytes: growing ? (rss += 30 * MB) : rss, duckdbBytes: 0 }), 5);
		expect(await watch.run(async () => 'small')).toBe('small');
		growing = true;
		const runaway = watch.run(
			(signal) =>
				new Promise((_resolve, reject) => {
					signal.addEventListener('abort', () => reject(signal.reason));
				})
		);
		const error = await runaway.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PreviewTooLargeError);
		expect((error as PreviewTooLargeError).status).toBe(422);
		expect((error as Error).message).toMatch(/used more than 64 MB of memory/);
	});
});
