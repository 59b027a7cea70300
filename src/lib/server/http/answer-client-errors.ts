/**
 * Node's HTTP parser refuses some requests before SvelteKit or Hono see them (headers or URL over 16 KB: 431,
 * a NUL byte or a malformed request line: 400) and by default answers with an empty body. adapter-node creates
 * its server with `http.createServer()` after our `init` hook ran, so the hook installs this once: every server
 * created afterwards answers those refusals as problem+json too. Called by src/hooks.server.ts.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';

type ParserError = Error & { code?: string; bytesParsed?: number };

/** The raw HTTP/1.1 answer for a request the parser refused (pure). */
export function clientErrorAnswer(error: ParserError): string {
	const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
	const status = tooLarge ? 431 : 400;
	const title = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
	const detail = tooLarge
		? 'the URL or the headers exceed 16 KB; shorten the query string (lists take at most 200 values)'
		: `the request could not be parsed as HTTP (${(error.code ?? 'malformed request').replace(/[^A-Z_]/g, '')}); a URL must not contain control characters such as NUL`;
	const body = JSON.stringify({ type: 'about:blank', title, status, detail });
	return [
		`HTTP/1.1 ${status} ${title}`,
		'Content-Type: application/problem+json',
		`Content-Length: ${Buffer.byteLength(body)}`,
		'X-Content-Type-Options: nosniff',
		'Cache-Control: no-store',
		'Connection: close',
		'',
		body
	].join('\r\n');
}

function onClientError(error: ParserError, socket: Duplex): void {
	if (error.code === 'ECONNRESET' || !socket.writable) {
		socket.destroy();
		return;
	}
	socket.end(clientErrorAnswer(error));
}

let installed = false;

/** Makes every http.Server created from now on answer parser refusals as problem+json. Idempotent. */
export function answerClientErrorsAsProblems(): void {
	if (installed) return;
	installed = true;
	const create = http.createServer;
	http.createServer = ((...args: Parameters<typeof http.createServer>) => {
		const server = create(...args);
		server.on('clientError', onClientError);
		return server;
	}) as typeof http.createServer;
}
