/**
 * "Done when": the real built server, started with PARTNERSCOPE_SMTP_URL and nothing else, delivers a manager's
 * weekly review by email. The subscription is made with the CLI while the server runs (it changes the state
 * file beside the warehouse), and `digest send --now` hands the send to the server, which holds the warehouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../helpers/app-under-test.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/mail-sinks.ts';
import { runCli } from '../helpers/run-cli.ts';
import { addTestUser } from '../helpers/test-users.ts';
import { normalizeConfig } from '../../src/lib/server/config.ts';
import { REPO_ROOT } from '../helpers/fixture.ts';
import path from 'node:path';

let smtp: SmtpSink;
beforeAll(async () => {
	smtp = await startSmtpSink();
	process.env.PARTNERSCOPE_SMTP_URL = smtp.url;
	process.env.PARTNERSCOPE_MAIL_FROM = 'Partnerscope <ps@example.test>';
});
const app = useAppUnderTest();
afterAll(async () => {
	delete process.env.PARTNERSCOPE_SMTP_URL;
	delete process.env.PARTNERSCOPE_MAIL_FROM;
	await smtp?.close();
});

describe('the running server delivers digests', () => {
	it('subscribes with the CLI and sends through the server to a real SMTP server', async () => {
		const config = normalizeConfig({}, { warehousePath: path.join(app.dir, 'warehouse.duckdb'), sqlDir: path.join(REPO_ROOT, 'sql') }, REPO_ROOT);
		await addTestUser(app.store, 'tom', 'viewer', { channels: [], partners: [], managers: ['Tom Becker'] });
		// An unknown user is refused: digests are for users of sign-in, with their scope.
		const unknown = await runCli(['digest', 'subscribe', '--user', 'nobody', '--report', 'weekly-review', '--email', 'x@example.test'], config);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('no user "nobody"');
		const sub = await runCli(['digest', 'subscribe', '--user', 'tom', '--report', 'weekly-review', '--email', 'tom@example.test', '--tz', 'Europe/Berlin'], config);
		expect(sub.stderr).toBe('');
		expect(sub.code).toBe(0);
		const list = await runCli(['digest', 'list'], config);
		expect(list.stdout).toContain('scope: manager=Tom Becker; last week sent: none');
		// Sending on demand through the server is for admins: the CLI signs in with the admin's token.
		const send = await runCli(['digest', 'send', '--user', 'tom', '--now'], config, { env: { PARTNERSCOPE_TOKEN: app.admin.token } });
		expect(send.stderr + send.stdout).toContain('email to tom@example.test: sent');
		expect(send.code).toBe(0);
		const [mail] = await smtp.waitFor(1);
		expect(mail!.subject).toMatch(/^Partnerscope weekly review: week of \d{4}-\d{2}-\d{2}$/);
		expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe('tom@example.test');
		expect(String(mail!.html)).toContain('Weekly review for tom');
		const health = (await (await app.fetch(`${app.server.url}/api/v1/health`)).json()) as { delivery: { status: string; email: string; scheduler: string; subscriptions: number } };
		expect(health.delivery).toMatchObject({ status: 'ok', email: 'configured', scheduler: 'running', subscriptions: 1 });
	}, 240_000);
});
