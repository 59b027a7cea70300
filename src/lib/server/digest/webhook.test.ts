import { describe, expect, it } from 'vitest';
import { signWebhook, webhookBody } from './webhook.ts';

describe('signWebhook', () => {
	it('matches openssl dgst -sha256 -hmac over "<timestamp>.<body>"', () => {
		// printf '%s' '1700000000.{"text":"hi"}' | openssl dgst -sha256 -hmac secret
		expect(signWebhook('secret', '1700000000', '{"text":"hi"}')).toBe('sha256=3ad1ab8e3e2036926574b48bb349a6926291abb28309d44d18066d4f51de2112');
	});
});

describe('webhookBody', () => {
	it('gives text for Teams and blocks for Slack, escaping mrkdwn control characters', () => {
		const body = webhookBody({ title: 'Week of 2026-06-22', lines: ['<b>Shop & Co</b> fell'], link: { url: 'https://ps.example/?week=2026-06-22', label: 'Open' } });
		expect(body.text).toBe('Week of 2026-06-22\n<b>Shop & Co</b> fell\nOpen: https://ps.example/?week=2026-06-22');
		expect(JSON.stringify(body.blocks)).toContain('&lt;b&gt;Shop &amp; Co&lt;/b&gt; fell');
		expect(body.blocks.at(-1)).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<https://ps.example/?week=2026-06-22|Open>' } });
	});
});
