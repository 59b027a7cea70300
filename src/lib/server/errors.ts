/**
 * The one error type the server raises on purpose. The API's onError turns each into an RFC 9457
 * problem+json response; anything that is not an AppError is logged and shown as "Internal Error".
 */

export interface AppErrorOptions {
	readonly detail?: string;
	readonly cause?: unknown;
	/** Extra members for the problem+json body, e.g. the offending parameter. */
	readonly extensions?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
	override name = 'AppError';
	readonly status: number;
	readonly title: string;
	readonly detail: string | undefined;
	readonly extensions: Readonly<Record<string, unknown>>;

	constructor(status: number, title: string, options: AppErrorOptions = {}) {
		super(options.detail ? `${title}: ${options.detail}` : title, { cause: options.cause });
		this.status = status;
		this.title = title;
		this.detail = options.detail;
		this.extensions = options.extensions ?? {};
	}
}

/** A request the caller can fix: a bad parameter, date or body. */
export class ValidationError extends AppError {
	override name = 'ValidationError';
	constructor(detail: string, extensions: Readonly<Record<string, unknown>> = {}) {
		super(400, 'Invalid request', { detail, extensions });
	}
}

/** The caller is signed in but their role may not do this, or a state-changing request failed the CSRF check. */
export class ForbiddenError extends AppError {
	override name = 'ForbiddenError';
	constructor(detail: string) {
		super(403, 'Forbidden', { detail });
	}
}

export class NotFoundError extends AppError {
	override name = 'NotFoundError';
	constructor(detail: string) {
		super(404, 'Not found', { detail });
	}
}

/** The resource changed since the caller read it (a model file edited by someone else); says what changed. */
export class ConflictError extends AppError {
	override name = 'ConflictError';
	constructor(detail: string, extensions: Readonly<Record<string, unknown>> = {}) {
		super(409, 'Conflict', { detail, extensions });
	}
}

/** The warehouse cannot answer yet or any more: no successful build, or the exports are unusable. */
export class NotReadyError extends AppError {
	override name = 'NotReadyError';
	constructor(detail: string) {
		super(503, 'Warehouse not ready', { detail });
	}
}

export class QueryTimeoutError extends AppError {
	override name = 'QueryTimeoutError';
	constructor(timeoutMs: number, cause?: unknown) {
		super(504, 'Query timed out', { detail: `the query was interrupted after ${timeoutMs} ms`, cause });
	}
}

export class QueryError extends AppError {
	override name = 'QueryError';
	constructor(detail: string, cause?: unknown) {
		super(500, 'Query failed', { detail, cause });
	}
}

/**
 * Model SQL or a model operation the engine refuses: a statement the gate does not admit, an unknown
 * table, a publish that can no longer be restored. Says where (file:line:column) when it knows.
 */
export class ModelError extends AppError {
	override name = 'ModelError';
	constructor(detail: string, extensions: Readonly<Record<string, unknown>> = {}) {
		super(422, 'Model error', { detail, extensions });
	}
}

/** Another process holds the warehouse file (DuckDB lets one process write it). */
export class WarehouseLockedError extends AppError {
	override name = 'WarehouseLockedError';
	readonly pid: number | null;
	constructor(path: string, pid: number | null, cause?: unknown) {
		super(503, 'Warehouse in use', { detail: `${path} is open in another process${pid === null ? '' : ` (PID ${pid})`}; DuckDB lets one process use a database file at a time`, cause });
		this.pid = pid;
	}
}

/** Exports that break the contract: names the file, the column and what was expected. */
export class ExportError extends AppError {
	override name = 'ExportError';
	readonly problems: readonly string[];
	constructor(problems: readonly string[]) {
		super(422, 'Exports do not match the expected format', { detail: problems.join('; ') });
		this.problems = problems;
	}
}

/** No credentials, or credentials that are not valid (unknown, expired or revoked session or token). */
export class UnauthorizedError extends AppError {
	override name = 'UnauthorizedError';
	constructor(detail: string) {
		super(401, 'Sign-in required', { detail });
	}
}

/** Too many failed sign-ins for a user name or from an address; says when to try again. */
export class TooManyRequestsError extends AppError {
	override name = 'TooManyRequestsError';
	readonly retryAfterSeconds: number;
	constructor(detail: string, retryAfterSeconds: number) {
		super(429, 'Too many attempts', { detail, extensions: { retryAfter: retryAfterSeconds } });
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

/** A request for a host name this server does not answer for (DNS rebinding, misrouted proxies). */
export class MisdirectedRequestError extends AppError {
	override name = 'MisdirectedRequestError';
	constructor(detail: string) {
		super(421, 'Unknown host', { detail });
	}
}

/** A state-changing request whose body is not JSON (cross-site forms and no-cors fetches cannot send JSON). */
export class UnsupportedMediaTypeError extends AppError {
	override name = 'UnsupportedMediaTypeError';
	constructor(detail: string) {
		super(415, 'Unsupported media type', { detail });
	}
}

/** An ad-hoc preview stopped because it grew past its memory or result cap (the server keeps serving). */
export class PreviewTooLargeError extends AppError {
	override name = 'PreviewTooLargeError';
	constructor(detail: string) {
		super(422, 'Preview too large', { detail });
	}
}
