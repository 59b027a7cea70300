/**
 * The digest end to end over a real warehouse: a real SMTP server on 127.0.0.1 receives the weekly review of a
 * manager's partners; its figures equal the API's weekly review for the same week and scope (partner ids read
 * from the parquet, not from our SQL), links carry the week, the bridge chart arrives as an inline PNG, the
 * HTML has no script and escapes a hostile partner name; a local HTTP receiver checks the webhook body and its
 * HMAC; the ROI report arrives as a PDF; a dead SMTP server fails without blocking and shows in health.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';
import { DigestService, type DeliveryConfig } from '../../src/lib/server/digest/digest-service.ts';
import { DigestStore } from '../../src/lib/server/digest/digest-store.ts';
import { smtpMailer } from '../../src/lib/server/digest/mailer.ts';
import { DIGEST_TILES } from '../../src/lib/server/digest/render-digest-html.ts';
import { metric } from '../../src/lib/metrics/metric-dictionary.ts';
import { formatValue, type Unit } from '../../src/lib/format.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { startSmtpSink, startWebhookSink, type SmtpSink, type WebhookSink } from '../helpers/mail-sinks.ts';
import { rewriteExportTable } from '../helpers/rewrite-exports.ts';
import { readExportTable } from '../helpers/read-exports.ts';

const HOSTILE = `<script>alert("x")</script> Cash & 'Back'`;
const MANAGER = 'Anna Schmidt';
const SECRET = 'test-webhook-secret-123';
const PUBLIC = 'https://partnerscope.example';

let warehouse: Warehouse;
let smtp: SmtpSink;
let hooks: WebhookSink;
let service: DigestService;
let api: TestApi;
/** The manager the digest is for: a viewer whose scope is MANAGER's book, in the users file sign-in reads. */
let anna: TestUser;
let annaPartners: string[];
let hostileId: string;

function deliveryConfig(smtpUrl: string): DeliveryConfig {
	return { smtpUrl, publicUrl: PUBLIC, webhookSecret: SECRET, alertsPerDay: 10, alertMinRevenue: 1000 };
}

beforeAll(async () => {
	const config = await testConfig({ copyData: true });
	const partners = await readExportTable<{ partner_id: string; manager: string | null }>(config.dataDir, 'partners');
	annaPartners = partners.filter((p) => p.manager === MANAGER).map((p) => p.partner_id).sort();
	hostileId = annaPartners[0]!;
	await rewriteExportTable(config.dataDir, 'partners', `select * replace (case when partner_id = '${hostileId}' then '${HOSTILE.replace(/'/g, "''")}' else partner_name end as partner_name) from src`);
	warehouse = await builtWarehouse(config);
	smtp = await startSmtpSink();
	hooks = await startWebhookSink();
	service = new DigestService({ warehouse, store: new DigestStore(config.warehousePath), config: deliveryConfig(smtp.url), mailer: smtpMailer(smtp.url, 'Partnerscope <ps@example.test>'), retryDelayMs: 10 });
	api = await testApi(warehouse, { delivery: service });
	anna = await addTestUser(api.store, 'anna', 'viewer', { channels: [], partners: [], managers: [MANAGER] });
	await addTestUser(api.store, 'cfo', 'executive');
});

afterAll(async () => {
	service?.stop();
	await smtp?.close();
	await hooks?.close();
	warehouse?.close();
});

/** POSTs as the admin (who may manage anyone's digests and send on demand). */
const post = (path: string, body: unknown) => api.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the weekly digest by email and webhook', () => {
	it('delivers the review of a manager’s partners with the API’s figures, week links, an inline chart and no script', async () => {
		const created = await post('/api/v1/digest/subscriptions', { user: 'anna', report: 'weekly-review', email: 'anna@example.test', webhook: `${hooks.url}/team`, scope: [`manager=${MANAGER}`] });
		expect(created.status).toBe(201);
		const sent = await post('/api/v1/digest/send', { user: 'anna' });
		expect(sent.status).toBe(200);
		const { sends } = (await sent.json()) as { sends: { outcome: string; channel: string }[] };
		expect(sends.map((s) => [s.channel, s.outcome])).toEqual([
			['email', 'sent'],
			['webhook', 'sent']
		]);
		const [mail] = await smtp.waitFor(1);
		const html = String(mail!.html);

		const review = (await (await api.request('/api/v1/reports/weekly-review', { headers: bearer(anna) })).json()) as { lastWeek: { from: string; to: string; metrics: Record<string, number | null> } };
		const week = review.lastWeek.from;
		expect(mail!.subject).toContain(week);
		for (const key of DIGEST_TILES) {
			const value = review.lastWeek.metrics[key] ?? null;
			const m = new RegExp(`data-metric="${key}" data-raw="([^"]*)">([^<]*)<`).exec(html);
			expect(m, key).not.toBeNull();
			expect(m![1] === '' ? null : Number(m![1]), key).toBe(value);
			expect(m![2], key).toBe(formatValue(value, metric(key).unit as Unit, 'EUR').replace(/&/g, '&amp;'));
		}

		// No script anywhere, no event-handler attributes; the hostile name arrives as text.
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/\son[a-z]+\s*=/i);
		expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Cash &amp; &#39;Back&#39;');

		const links = [...html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'));
		const dashboard = links.filter((l) => l.startsWith(PUBLIC) && !l.endsWith('/settings'));
		expect(dashboard.length).toBeGreaterThan(3);
		for (const l of dashboard) expect(new URL(l).searchParams.get('week'), l).toBe(week);

		const cid = /src="cid:([^"]+)"/.exec(html)?.[1];
		expect(cid).toBeTruthy();
		const chart = mail!.attachments.find((a) => a.cid === cid);
		expect(chart?.contentType).toBe('image/png');
		expect(chart!.content.subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(chart!.content.length).toBeGreaterThan(5000);
		expect(String(mail!.text)).toContain('Partners to act on');
	});

	it('posts a Slack/Teams body signed with HMAC-SHA256 over timestamp and body', () => {
		const hook = hooks.posts.find((p) => p.path === '/team');
		expect(hook).toBeDefined();
		const ts = String(hook!.headers['x-partnerscope-timestamp']);
		const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${hook!.body}`).digest('hex')}`;
		expect(hook!.headers['x-partnerscope-signature']).toBe(expected);
		expect(hook!.headers['content-type']).toBe('application/json');
		const body = JSON.parse(hook!.body) as { text: string; blocks: { type: string; text?: { text: string } }[] };
		expect(body.text).toMatch(/^Partnerscope weekly review: week of \d{4}-\d{2}-\d{2}/);
		expect(body.blocks[0]!.type).toBe('header');
		expect(body.blocks.some((b) => b.type === 'section' && /week=\d{4}-\d{2}-\d{2}/.test(b.text!.text))).toBe(true);
		// Slack's control characters in data text are escaped in mrkdwn.
		expect(hook!.body).not.toContain('<script>');
	});

	it('records each send for admins and refuses the log to everyone else', async () => {
		const local = (await (await api.request('/api/v1/digest/sends')).json()) as { rows: { user: string; what: string; outcome: string; to: string }[]; total: number };
		expect(local.rows.filter((r) => r.user === 'anna' && r.what === 'digest').map((r) => r.outcome)).toEqual(['sent', 'sent']);
		// Webhook URLs hold secrets: the log keeps the host.
		expect(local.rows.some((r) => r.to.endsWith('/…'))).toBe(true);
		expect((await api.request('/api/v1/digest/sends', { headers: bearer(anna) })).status).toBe(403);
		expect((await api.app.request('/api/v1/digest/sends')).status).toBe(401);
	});

	it('attaches the ROI report as a PDF', async () => {
		expect((await post('/api/v1/digest/subscriptions', { user: 'cfo', report: 'roi', email: 'cfo@example.test' })).status).toBe(201);
		expect((await post('/api/v1/digest/send', { user: 'cfo' })).status).toBe(200);
		const mails = await smtp.waitFor(2);
		const pdf = mails[1]!.attachments.find((a) => a.contentType === 'application/pdf');
		expect(pdf?.filename).toMatch(/^roi-report-\d{4}-\d{2}-\d{2}\.pdf$/);
		const text = pdf!.content.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text).toContain('(Partnerscope ROI report)');
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(String(mails[1]!.html)).toContain('ROI, ');
	});

	it('an empty scope gets an empty digest, not the whole program', async () => {
		const composed = await service.compose({ user: 'nobody', report: 'weekly-review', scope: { channels: [], partners: [], managers: ['No Such Manager'] } });
		expect(composed.content.review.lastWeek?.metrics.revenue ?? 0).toBe(0);
		expect(composed.content.review.movers.up).toEqual([]);
	});

	it('a failing SMTP server is retried, recorded and reported in health without blocking the API', async () => {
		const dead = new DigestService({ warehouse, store: service.store, config: deliveryConfig('smtp://127.0.0.1:9'), mailer: smtpMailer('smtp://127.0.0.1:9', 'ps@example.test'), retryDelayMs: 5 });
		const deadApi = await testApi(warehouse, { delivery: dead });
		const [sub] = dead.subscriptionsOf('cfo');
		const [record] = await dead.sendDigest(sub!);
		expect(record).toMatchObject({ outcome: 'failed', attempts: 3, channel: 'email' });
		expect(record!.error).toMatch(/ECONNREFUSED|connect/i);
		const health = await deadApi.request('/api/v1/health');
		expect(health.status).toBe(200);
		const body = (await health.json()) as { status: string; delivery: { status: string; lastFailure: { error: string } } };
		expect(body.status).toBe('ok');
		expect(body.delivery.status).toBe('failing');
		expect(JSON.stringify(body.delivery)).toContain(record!.to);
		// A viewer (with or without subscriptions of their own) learns that delivery fails, never whose address failed or why.
		const bystander = await addTestUser(deadApi.store, 'bystander', 'viewer');
		for (const [path, who] of [['/api/v1/health', anna], ['/api/v1/digest/health', anna], ['/api/v1/health', bystander], ['/api/v1/digest/health', bystander]] as const) {
			const seen = await deadApi.request(path, { headers: bearer(who) });
			expect(seen.status).toBe(200);
			const text = await seen.text();
			expect(text).toMatch(/failing/);
			expect(text).not.toContain(record!.to);
			expect(text).not.toMatch(/ECONNREFUSED/);
		}
		dead.stop();
	});
});
