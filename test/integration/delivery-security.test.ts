/**
 * Digest and alert delivery as an attacker would use it (issue 11). Webhook URLs are typed in by users, so
 * the server must not post into its own network (SSRF): loopback, link-local (the cloud metadata address),
 * private and mapped addresses are refused when a subscription is made and again when it is sent (a stored
 * or re-resolved target), redirects are never followed, and an admin's PARTNERSCOPE_WEBHOOK_ALLOW_PRIVATE
 * opens a listed host. The SMTP password and the webhook HMAC secret never appear in the delivery log lines,
 * health, the send log, subscriptions or the admin's user list, even when every delivery fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { addTestUser, bearer, type TestUser } from '../helpers/test-users.ts';
import { DigestService, type DeliveryConfig } from '../../src/lib/server/digest/digest-service.ts';
import { DigestStore } from '../../src/lib/server/digest/digest-store.ts';
import { smtpMailer } from '../../src/lib/server/digest/mailer.ts';
import { parseSubscription } from '../../src/lib/server/digest/subscription.ts';
import { isPrivateAddress, parseWebhookAllowList } from '../../src/lib/server/digest/webhook-target.ts';
import { postWebhook } from '../../src/lib/server/digest/webhook.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { startWebhookSink, type WebhookSink } from '../helpers/mail-sinks.ts';

const SMTP_PASSWORD = 'Sm7p-pa55word-never-shown';
const WEBHOOK_SECRET = 'whsec-hmac-key-never-shown';

let warehouse: Warehouse;
let hooks: WebhookSink;
let api: TestApi;
let service: DigestService;
let vic: TestUser;
let smtp: SMTPServer;
let smtpUrl: string;
let redirector: Server;
let redirectorUrl: string;
const logLines: string[] = [];

beforeAll(async () => {
	warehouse = await builtWarehouse(await testConfig());
	hooks = await startWebhookSink();
	// An SMTP server that refuses every login: the mailer's error is what the log and health then show.
	smtp = new SMTPServer({
		authOptional: false,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password'))
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpUrl = `smtp://partnerscope:${SMTP_PASSWORD}@127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
	// An allowed receiver that redirects to another one on this machine: the redirect must not be followed.
	redirector = createServer((_req, res) => {
		res.writeHead(307, { location: `${hooks.url}/redirected` });
		res.end();
	});
	await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
	redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
	const config: DeliveryConfig = { smtpUrl, publicUrl: 'https://ps.example', webhookSecret: WEBHOOK_SECRET, alertsPerDay: 10, alertMinRevenue: 1000 };
	service = new DigestService({ warehouse, store: new DigestStore(warehouse.config.warehousePath), config, mailer: smtpMailer(smtpUrl, 'ps@example.test'), retryDelayMs: 5, log: (l) => logLines.push(l) });
	api = await testApi(warehouse, { delivery: service, log: (l) => logLines.push(l) });
	vic = await addTestUser(api.store, 'vic', 'viewer');
});

afterAll(async () => {
	service?.stop();
	await hooks?.close();
	await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
	await new Promise<void>((resolve) => (redirector ? redirector.close(() => resolve()) : resolve()));
	warehouse?.close();
});

describe('which addresses are private (pure)', () => {
	it.each([
		['127.0.0.1', true],
		['127.8.9.10', true],
		['0.0.0.0', true],
		['10.1.2.3', true],
		['172.16.0.1', true],
		['172.31.255.255', true],
		['172.32.0.1', false],
		['192.168.1.1', true],
		['169.254.169.254', true],
		['100.64.0.1', true],
		['224.0.0.1', true],
		['255.255.255.255', true],
		['::1', true],
		['::', true],
		['fe80::1', true],
		['fd00::1', true],
		['::ffff:127.0.0.1', true],
		['::ffff:7f00:1', true],
		['::ffff:169.254.169.254', true],
		['64:ff9b::a9fe:a9fe', true],
		['2002:7f00:1::', true],
		['8.8.8.8', false],
		['93.184.216.34', false],
		['2606:4700:4700::1111', false],
		['not-an-address', true]
	] as const)('%s private: %s', (address, expected) => {
		expect(isPrivateAddress(address)).toBe(expected);
	});

	it('reads the allow list: names, ranges, or *', () => {
		expect(parseWebhookAllowList(undefined)).toEqual([]);
		expect(parseWebhookAllowList(' Hooks.Internal , 10.0.0.0/8 ')).toEqual(['hooks.internal', '10.0.0.0/8']);
		expect(parseWebhookAllowList('*')).toBe('*');
	});
});

describe('webhook targets (SSRF)', () => {
	const subscribe = (webhook: string) =>
		api.app.request('/api/v1/digest/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(vic) }, body: JSON.stringify({ webhook }) });

	it.each([
		['loopback', () => `${hooks.url}/x`],
		['localhost by name', () => `${hooks.url.replace('127.0.0.1', 'localhost')}/x`],
		['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
		['a private range', () => 'http://10.0.0.1/hook'],
		['192.168.x', () => 'https://192.168.1.1/hook'],
		['IPv6 loopback', () => 'http://[::1]:8080/hook'],
		['IPv4 mapped in IPv6', () => 'http://[::ffff:127.0.0.1]/hook'],
		['a decimal address', () => 'http://2130706433/hook'],
		['an octal-looking address', () => 'http://0177.0.0.1/hook'],
		['the unspecified address', () => 'http://0.0.0.0:80/hook']
	])('refuses %s when subscribing (400 naming webhook)', async (_name, url) => {
		const response = await subscribe(url());
		const problem = (await response.json()) as { parameter: string; detail: string };
		expect(response.status, problem.detail).toBe(400);
		expect(problem.parameter).toBe('webhook');
		expect(problem.detail).toMatch(/loopback, link-local or private address/);
		expect(service.store.read().subscriptions.filter((s) => s.user === 'vic')).toEqual([]);
	});

	it('refuses a stored private target at send time and posts nothing there', async () => {
		const before = hooks.posts.length;
		// As if it had been stored before the rule, or its name resolved elsewhere then: the send checks again.
		for (const url of [`${hooks.url}/stored`, `${hooks.url.replace('127.0.0.1', 'localhost')}/stored`]) {
			await expect(postWebhook(url, { title: 't', lines: [], link: null }, { secret: WEBHOOK_SECRET })).rejects.toThrow(/loopback, link-local or private address/);
		}
		const sub = parseSubscription({ user: 'vic', webhook: `${hooks.url}/stored` }, new Date());
		await service.store.update((s) => ({ ...s, subscriptions: [...s.subscriptions, sub] }));
		try {
			const records = await service.sendDigest(sub);
			expect(records.map((r) => [r.channel, r.outcome])).toEqual([['webhook', 'failed']]);
			expect(records[0]!.error).toMatch(/private address/);
			expect(hooks.posts.length).toBe(before);
		} finally {
			await service.store.update((s) => ({ ...s, subscriptions: s.subscriptions.filter((x) => x.id !== sub.id) }));
		}
	});

	it('posts to a private host an admin allowed, and never follows its redirect', async () => {
		const before = hooks.posts.length;
		await postWebhook(`${hooks.url}/allowed`, { title: 't', lines: [], link: null }, { secret: WEBHOOK_SECRET, allowPrivate: ['127.0.0.0/8'] });
		expect(hooks.posts.slice(before).map((p) => p.path)).toEqual(['/allowed']);
		await expect(postWebhook(`${redirectorUrl}/hook`, { title: 't', lines: [], link: null }, { secret: null, allowPrivate: ['127.0.0.1'] })).rejects.toThrow(/answered 307 .*redirects are not followed/);
		expect(hooks.posts.some((p) => p.path === '/redirected')).toBe(false);
		// Allowing one name does not open the rest of the network.
		await expect(postWebhook('http://169.254.169.254/latest/meta-data/', { title: 't', lines: [], link: null }, { secret: null, allowPrivate: ['127.0.0.1'] })).rejects.toThrow(/private address/);
	});
});

describe('delivery secrets', () => {
	it('the SMTP password and webhook secret appear in no log line, health, send log, subscription or admin answer, even when every delivery fails', async () => {
		const sub = parseSubscription({ user: 'vic', email: 'vic@example.test', webhook: `${hooks.url}/fail-here` }, new Date());
		await service.store.update((s) => ({ ...s, subscriptions: [...s.subscriptions, sub] }));
		const records = await service.sendDigest(sub);
		// Both failed: the email at the login, the webhook at its (refused, private) address.
		expect(records.map((r) => r.outcome)).toEqual(['failed', 'failed']);
		expect(records.find((r) => r.channel === 'email')!.error).toMatch(/Invalid (login|username)|auth/i);
		const answers = await Promise.all(
			['/api/v1/health', '/api/v1/digest/health', '/api/v1/digest/sends', '/api/v1/digest/subscriptions', '/api/v1/auth/users', '/api/v1/auth/me'].map(async (route) => {
				const response = await api.request(route);
				expect(response.status, route).toBe(200);
				return `${route}: ${await response.text()}`;
			})
		);
		const everything = [...logLines, ...answers, JSON.stringify(service.health()), JSON.stringify(records)].join('\n');
		// The failure is visible (so the checks below read real text), the secrets are not.
		expect(everything).toMatch(/failed/);
		expect(everything).not.toContain(SMTP_PASSWORD);
		expect(everything).not.toContain(WEBHOOK_SECRET);
		expect(everything).not.toContain(encodeURIComponent(SMTP_PASSWORD));
	});
});
