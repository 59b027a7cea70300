import { describe, expect, it } from 'vitest';
import { ForecastCache } from './cache.ts';

describe('ForecastCache', () => {
	it('computes once per key and shares a computation in flight', async () => {
		const cache = new ForecastCache();
		let calls = 0;
		const compute = async () => ++calls;
		const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
		expect([a, b, calls]).toEqual([1, 1, 1]);
		expect(await cache.get('other', compute)).toBe(2);
	});

	it('forgets failures', async () => {
		const cache = new ForecastCache();
		await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await cache.get('k', async () => 'ok')).toBe('ok');
	});

	it('drops the least recently used entry when full', async () => {
		const cache = new ForecastCache(2);
		await cache.get('a', async () => 1);
		await cache.get('b', async () => 2);
		await cache.get('a', async () => 0); // touch a
		await cache.get('c', async () => 3);
		expect(cache.size).toBe(2);
		expect(await cache.get('a', async () => -1)).toBe(1);
		expect(await cache.get('b', async () => -2)).toBe(-2);
	});
});
