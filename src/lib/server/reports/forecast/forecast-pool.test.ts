import { afterEach, describe, expect, it } from 'vitest';
import { ForecastInputError } from '../../../forecast/forecast-input-error.ts';
import type { ForecastInputs } from './inputs.ts';
import { ForecastPool } from './forecast-pool.ts';

const moduleUrl = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);
/** A stand-in worker: answers each task with its horizon and the worker's thread id, after `ms`. */
const echo = (ms: number) =>
	moduleUrl(`import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (t) => setTimeout(() => parentPort.postMessage({ id: t.id, ok: true, value: { horizon: t.options.horizon, thread: threadId } }), ${ms}));`);
const inputs = {} as ForecastInputs;
const pools: ForecastPool[] = [];
const poolOf = (size: number, script: URL) => {
	const pool = new ForecastPool({ size, script });
	pools.push(pool);
	return pool;
};
afterEach(async () => {
	await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('ForecastPool', () => {
	it('answers every task, each with its own result, on at most `size` workers', async () => {
		const pool = poolOf(2, echo(20));
		const answers = await Promise.all([1, 2, 3, 4, 5].map((horizon) => pool.revenue(inputs, { horizon, channels: [] })));
		expect(answers.map((a) => a.horizon)).toEqual([1, 2, 3, 4, 5]);
		expect(new Set(answers.map((a) => (a as unknown as { thread: number }).thread)).size).toBe(2);
		expect(pool.workers).toBe(2);
	});

	it('rebuilds a ForecastInputError with its fields, so callers can tell it apart', async () => {
		const pool = poolOf(1, moduleUrl(`import { parentPort } from 'node:worker_threads';
parentPort.on('message', (t) => parentPort.postMessage({ id: t.id, ok: false, error: { name: 'ForecastInputError', message: 'too few points', stack: '', field: 'value' } }));`));
		const error = await pool.revenue(inputs, { horizon: 1, channels: [] }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ForecastInputError);
		expect(error).toMatchObject({ message: 'too few points', field: 'value' });
	});

	it('replaces a worker that crashed, failing only the task it held', async () => {
		const pool = poolOf(1, moduleUrl(`import { parentPort } from 'node:worker_threads';
parentPort.on('message', (t) => { if (t.options.horizon === 1) process.exit(7); parentPort.postMessage({ id: t.id, ok: true, value: { horizon: t.options.horizon } }); });`));
		const [crashed, after] = await Promise.allSettled([pool.revenue(inputs, { horizon: 1, channels: [] }), pool.revenue(inputs, { horizon: 2, channels: [] })]);
		expect(crashed).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/exited \(code 7\)/) } });
		expect(after).toMatchObject({ status: 'fulfilled', value: { horizon: 2 } });
	});

	it('refuses inputs that cannot cross to a thread, and goes on', async () => {
		const pool = poolOf(1, echo(0));
		await expect(pool.revenue({ dataThrough: () => 'x' } as unknown as ForecastInputs, { horizon: 1, channels: [] })).rejects.toThrow(/could not be cloned/);
		await expect(pool.revenue(inputs, { horizon: 3, channels: [] })).resolves.toMatchObject({ horizon: 3 });
	});

	it('fails running and queued tasks when closed, and every task after', async () => {
		const pool = poolOf(1, echo(200));
		const tasks = Promise.allSettled([pool.revenue(inputs, { horizon: 1, channels: [] }), pool.revenue(inputs, { horizon: 2, channels: [] })]);
		await pool.close();
		const [running, queued] = await tasks;
		expect(running).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/closed/) } });
		expect(queued).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/closed/) } });
		await expect(pool.revenue(inputs, { horizon: 3, channels: [] })).rejects.toThrow(/closed/);
	});

	it('needs at least one worker', () => {
		expect(() => new ForecastPool({ size: 0 })).toThrow(/at least 1 worker/);
	});
});
