/**
 * The forecast worker thread's entry: receives a task (the forecast inputs read from DuckDB and the options, as
 * structured clones), runs the pure revenue forecast with its backtests and answers with the result or the
 * error's name and message. Started by ForecastPool (forecast-pool.ts); never imported by the server itself.
 */
import { parentPort } from 'node:worker_threads';
import { revenueForecast } from './revenue.ts';
import type { WorkerReply, WorkerTask } from './forecast-pool.ts';

if (!parentPort) throw new Error('forecast-worker.ts runs as a worker thread (ForecastPool starts it), not as a program');
const port = parentPort;

port.on('message', async (task: WorkerTask) => {
	let reply: WorkerReply;
	try {
		reply = { id: task.id, ok: true, value: await revenueForecast(task.inputs, task.options) };
	} catch (error) {
		const e = error instanceof Error ? error : new Error(String(error));
		// Only plain fields cross the thread: the pool rebuilds the error on the other side.
		const fields = Object.fromEntries(Object.entries(e).filter(([, v]) => v === undefined || ['string', 'number', 'boolean'].includes(typeof v)));
		reply = { id: task.id, ok: false, error: { ...fields, name: e.name, message: e.message, stack: e.stack ?? '' } };
	}
	port.postMessage(reply);
});
