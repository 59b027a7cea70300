/**
 * The model operations over HTTP, for when a running server holds the warehouse file: each call goes to
 * the server's /api/v1/models routes and comes back as the same JSON the in-process Warehouse returns.
 * Uses node:http without a response deadline, because a build may take longer than fetch's default limits.
 */
import { request } from 'node:http';
import type { ChangeRecord, ModelOperations } from '../lib/server/models/model-operations.ts';

export class RemoteError extends Error {
	override name = 'RemoteError';
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

function call<T>(baseUrl: string, method: 'GET' | 'POST', path: string, body: unknown, token: string | null, why: string | null): Promise<T> {
	const url = new URL(`/api/v1/models${path}`, baseUrl);
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return new Promise<T>((resolve, reject) => {
		const req = request(
			url,
			{
				method,
				headers: {
					accept: 'application/json',
					...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
					...(token ? { authorization: `Bearer ${token}` } : {})
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('error', reject);
				res.on('end', () => {
					const status = res.statusCode ?? 0;
					let parsed: unknown;
					try {
						parsed = JSON.parse(text);
					} catch {
						return reject(new RemoteError(`the server at ${baseUrl} answered ${status} without JSON`, status));
					}
					if (status >= 400) {
						const p = parsed as { title?: string; detail?: string };
						const hint =
							status === 401 && why
								? ` (${why})`
								: status === 401 || status === 403
								? ' (the CLI signs in as PARTNERSCOPE_USER, default your author name, when that user exists in the users file; or set PARTNERSCOPE_TOKEN to a token from `partnerscope tokens create <user>`; changing models needs the analyst role)'
								: '';
						return reject(new RemoteError(`${p.detail ? `${p.title ?? 'Error'}: ${p.detail}` : (p.title ?? `HTTP ${status}`)}${hint}`, status));
					}
					resolve(parsed as T);
				});
			}
		);
		req.on('error', (error) => reject(new RemoteError(`the server at ${baseUrl} did not answer: ${error.message}`, 0)));
		req.end(payload);
	});
}

export function remoteModelOperations(baseUrl: string, token: string | null = null, why: string | null = null): ModelOperations {
	const get = <T>(path: string) => call<T>(baseUrl, 'GET', path, undefined, token, why);
	const post = <T>(path: string, body: unknown) => call<T>(baseUrl, 'POST', path, body, token, why);
	const query = (params: Record<string, number | undefined>) => {
		const entries = Object.entries(params).filter(([, v]) => v !== undefined);
		return entries.length ? `?${entries.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
	};
	return {
		listModels: () => get(''),
		describeModel: (name) => get(`/${encodeURIComponent(name)}`),
		plan: (record: ChangeRecord = {}) => post('/plan', record),
		build: (record: ChangeRecord = {}) => post('/build', record),
		log: async (options = {}) => (await get<{ publishes: Awaited<ReturnType<ModelOperations['log']>> }>(`/log${query({ limit: options.limit })}`)).publishes,
		diff: (name, from, to) => get(`/${encodeURIComponent(name)}/diff${query({ from, to })}`),
		rollback: (publishId, record: ChangeRecord = {}) => post('/rollback', { publishId, ...record }),
		preview: (sql, limit) => post('/preview', { sql, limit })
	};
}
