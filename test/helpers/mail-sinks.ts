/**
 * Real receivers for delivery tests: an SMTP server (smtp-server) on 127.0.0.1 that parses every message it
 * takes (mailparser), and an HTTP server that records webhook posts with their raw body.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
	readonly url: string;
	readonly messages: ParsedMail[];
	/** Resolves once `count` messages have arrived (or rejects after timeoutMs). */
	waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
	close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const messages: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream, { keepCidLinks: true })
				.then((mail) => {
					messages.push(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		async waitFor(count, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			while (messages.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} messages, received ${messages.length}`);
				await new Promise((r) => setTimeout(r, 25));
			}
			return messages;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

export interface WebhookPost {
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	readonly body: string;
}

export interface WebhookSink {
	readonly url: string;
	readonly posts: WebhookPost[];
	close(): Promise<void>;
}

/** Answers 200 unless the path starts with /fail (500). */
export async function startWebhookSink(): Promise<WebhookSink> {
	const posts: WebhookPost[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			posts.push({ path: req.url ?? '', headers: req.headers, body });
			res.statusCode = req.url?.startsWith('/fail') ? 500 : 200;
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, posts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
