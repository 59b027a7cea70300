/**
 * The request's JSON body as an object, for every route that takes one (models, workspace, digest, alerts).
 * A body that is not JSON, or is JSON but not an object, is a ValidationError on the parameter `body`.
 */
import type { Context } from 'hono';
import { ValidationError } from '../errors.ts';

export interface JsonBodyRules {
	/** The fields the endpoint takes; any other is refused, naming it. Absent: any field. */
	readonly fields?: readonly string[];
	/** An empty body reads as {} (endpoints whose every field is optional); otherwise it is refused. */
	readonly emptyIsObject?: boolean;
}

export async function jsonBody(c: Context, rules: JsonBodyRules = {}): Promise<Record<string, unknown>> {
	const text = await c.req.text();
	if (rules.emptyIsObject && text.trim() === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('the request body must be a JSON object', { parameter: 'body' });
	const { fields } = rules;
	if (fields) {
		for (const key of Object.keys(body)) {
			if (!fields.includes(key)) throw new ValidationError(`unknown field "${key}"; this endpoint takes ${fields.join(', ')}`, { parameter: key });
		}
	}
	return body as Record<string, unknown>;
}
