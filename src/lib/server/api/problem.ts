/**
 * Every error -> RFC 9457 application/problem+json. AppErrors say what the caller can fix; anything else is
 * logged with a request id and answered as "Internal Error" without internals. Query failures (500) keep
 * their driver text in the log, not in the response.
 */
import type { Context } from 'hono';
import { AppError, TooManyRequestsError } from '../errors.ts';

export interface Problem {
	readonly type: string;
	readonly title: string;
	readonly status: number;
	readonly detail?: string;
	readonly instance?: string;
	readonly [extension: string]: unknown;
}

export function problemResponse(problem: Problem): Response {
	return new Response(JSON.stringify(problem), { status: problem.status, headers: { 'content-type': 'application/problem+json' } });
}

export function toProblem(error: unknown, requestId: string, path: string, log: (line: string) => void): Problem {
	if (error instanceof AppError && error.status < 500) {
		return { type: 'about:blank', title: error.title, status: error.status, detail: error.detail, instance: path, ...error.extensions };
	}
	if (error instanceof AppError && (error.status === 503 || error.status === 504)) {
		return { type: 'about:blank', title: error.title, status: error.status, detail: error.detail, instance: path };
	}
	log(`[${requestId}] ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	return { type: 'about:blank', title: 'Internal Error', status: 500, detail: `Something went wrong on the server (request ${requestId}).`, instance: path, requestId };
}

export function onError(log: (line: string) => void) {
	return (error: Error, c: Context) => {
		const requestId = c.req.header('x-request-id') ?? crypto.randomUUID();
		const response = problemResponse(toProblem(error, requestId, new URL(c.req.url).pathname, log));
		if (error instanceof TooManyRequestsError) response.headers.set('retry-after', String(error.retryAfterSeconds));
		return response;
	};
}
