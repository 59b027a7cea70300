/**
 * Hono middleware giving every API request an overall deadline: when the handler has not answered in time the
 * caller gets a 503 problem at once (queries keep their own, shorter, interrupting limit). Installed first by
 * createApi.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

export class RequestDeadlineError extends AppError {
	override name = 'RequestDeadlineError';
	constructor(deadlineMs: number) {
		super(503, 'Request took too long', { detail: `the answer was not ready within ${deadlineMs} ms; try a shorter range or again later` });
	}
}

export function requestDeadline(deadlineMs: number): MiddlewareHandler {
	return async (_c, next) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const expired = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new RequestDeadlineError(deadlineMs)), deadlineMs);
		});
		try {
			await Promise.race([next(), expired]);
		} finally {
			clearTimeout(timer);
		}
	};
}
