/**
 * Team-channel delivery: a JSON body Slack and Teams incoming webhooks accept (`text`, plus Slack `blocks`),
 * signed with HMAC-SHA256 over `<timestamp>.<body>` in x-partnerscope-signature (sha256=<hex>) with the
 * timestamp in x-partnerscope-timestamp, so a receiver can check origin and freshness. The post goes only to
 * a public address (webhook-target.ts, checked at connection time) and never follows a redirect.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, refusalFor, type WebhookAllowList } from './webhook-target.ts';

export interface WebhookMessage {
	readonly title: string;
	readonly lines: readonly string[];
	readonly link: { readonly url: string; readonly label: string } | null;
}

/** Slack mrkdwn treats &, < and > as control characters. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function webhookBody(m: WebhookMessage): { text: string; blocks: unknown[] } {
	const text = [m.title, ...m.lines, ...(m.link ? [`${m.link.label}: ${m.link.url}`] : [])].join('\n');
	const blocks: unknown[] = [
		{ type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
		...(m.lines.length ? [{ type: 'section', text: { type: 'mrkdwn', text: m.lines.map(slackEscape).join('\n').slice(0, 3000) } }] : []),
		...(m.link ? [{ type: 'section', text: { type: 'mrkdwn', text: `<${m.link.url.replace(/[<>|]/g, encodeURIComponent)}|${slackEscape(m.link.label)}>` } }] : [])
	];
	return { text, blocks };
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Posts one message; throws on a non-2xx answer (a redirect included: it is not followed), a refused
 * address (loopback, link-local, private unless allowed) or after `timeoutMs`.
 */
export async function postWebhook(url: string, m: WebhookMessage, o: { secret: string | null; allowPrivate?: WebhookAllowList; timeoutMs?: number; now?: Date }): Promise<void> {
	const body = JSON.stringify(webhookBody(m));
	const timestamp = String(Math.floor((o.now ?? new Date()).getTime() / 1000));
	const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-partnerscope-timestamp': timestamp };
	if (o.secret) headers['x-partnerscope-signature'] = signWebhook(o.secret, timestamp, body);
	const target = new URL(url);
	const allow = o.allowPrivate ?? [];
	const host = target.hostname.replace(/^\[|\]$/g, '');
	// An address literal never reaches the lookup below, so it is checked here.
	const literal = isIP(host) ? refusalFor(host, host, allow) : null;
	if (literal) throw new Error(literal);
	const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
	const status = await new Promise<{ code: number; text: string }>((resolve, reject) => {
		const req = send(target, { method: 'POST', headers, lookup: guardedLookup(allow), timeout: o.timeoutMs ?? 10_000 }, (res) => {
			res.resume();
			res.on('end', () => resolve({ code: res.statusCode ?? 0, text: res.statusMessage ?? '' }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`webhook ${target.host} did not answer within ${o.timeoutMs ?? 10_000} ms`)));
		req.on('error', reject);
		req.end(body);
	});
	if (status.code < 200 || status.code >= 300) throw new Error(`webhook ${target.host} answered ${status.code} ${status.text}${status.code >= 300 && status.code < 400 ? ' (redirects are not followed)' : ''}`);
}
