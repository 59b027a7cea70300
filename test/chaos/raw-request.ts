/**
 * One HTTP request with full control of its headers (Host, Origin, Sec-Fetch-Site and Cookie, which fetch()
 * sets or forbids itself), through node:http, answered or failed within `timeoutMs`. Used by the chaos script.
 */
import { request } from 'node:http';

export interface RawAnswer {
	readonly status: number;
	readonly headers: Readonly<Record<string, string | string[] | undefined>>;
	readonly body: string;
}

export function rawRequest(url: string, o: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const headers = { ...(o.headers ?? {}), ...(o.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(o.body)) }) };
		const req = request(url, { method: o.method ?? 'GET', headers, timeout: o.timeoutMs ?? 15_000 }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 15_000} ms`)));
		req.on('error', reject);
		req.end(o.body);
	});
}
