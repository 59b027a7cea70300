/**
 * Team-channel delivery: a JSON body Slack and Teams incoming webhooks accept (`text`, plus Slack `blocks`),
 * signed with HMAC-SHA256 over `<timestamp>.<body>` in x-partnerscope-signature (sha256=<hex>) with the
 * timestamp in x-partnerscope-timestamp, so a receiver can check origin and freshness.
 */
import { createHmac } from 'node:crypto';

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

/** Posts one message; throws on a non-2xx answer or after `timeoutMs`. */
export async function postWebhook(url: string, m: WebhookMessage, o: { secret: string | null; timeoutMs?: number; now?: Date }): Promise<void> {
	const body = JSON.stringify(webhookBody(m));
	const timestamp = String(Math.floor((o.now ?? new Date()).getTime() / 1000));
	const headers: Record<string, string> = { 'content-type': 'application/json', 'x-partnerscope-timestamp': timestamp };
	if (o.secret) headers['x-partnerscope-signature'] = signWebhook(o.secret, timestamp, body);
	const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
	await response.body?.cancel();
	if (!response.ok) throw new Error(`webhook ${new URL(url).host} answered ${response.status} ${response.statusText}`);
}
