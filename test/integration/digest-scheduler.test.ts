/**
 * The digest schedule with an injected clock over a real warehouse and a real SMTP server: nothing before the
 * first scheduled time, nothing while the published data does not cover the week (it waits for a publish that
 * does), then exactly one send per period, also after a restart (a new service over the same state file).
 */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestService } from '../../src/lib/server/digest/digest-service.ts';
import { DigestStore } from '../../src/lib/server/digest/digest-store.ts';
import { smtpMailer } from '../../src/lib/server/digest/mailer.ts';
import { parseSubscription } from '../../src/lib/server/digest/subscription.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { fixture, testConfig } from '../helpers/fixture.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/mail-sinks.ts';
import { rewriteExportTable } from '../helpers/rewrite-exports.ts';

// The fixture's data ends Tuesday 2026-06-30; the week under test is Monday 22 to Sunday 28 June.
const WEEK = '2026-06-22';
let warehouse: Warehouse;
let smtp: SmtpSink;
let store: DigestStore;
let dataDir: string;

const service = () =>
	new DigestService({
		warehouse,
		store,
		config: { smtpUrl: smtp.url, publicUrl: 'https://ps.example', webhookSecret: null, alertsPerDay: 10, alertMinRevenue: 1e12 },
		mailer: smtpMailer(smtp.url, 'ps@example.test'),
		retryDelayMs: 5
	});
const digests = () => smtp.messages.filter((m) => m.subject?.startsWith('Partnerscope weekly review'));

beforeAll(async () => {
	const config = await testConfig({ copyData: true });
	dataDir = config.dataDir;
	// The first publish stops on Saturday 27 June: the week is not complete yet.
	await rewriteExportTable(dataDir, 'sales', "select * from src where converted_at < timestamptz '2026-06-28 00:00:00+00'");
	await rewriteExportTable(dataDir, 'clicks', "select * from src where clicked_at < timestamptz '2026-06-28 00:00:00+00'");
	warehouse = await Warehouse.open(config);
	expect((await warehouse.build({ author: 'test' })).status).toBe('published');
	smtp = await startSmtpSink();
	store = new DigestStore(config.warehousePath);
	// Monday 08:00 in Berlin (06:00 UTC in summer), subscribed on Friday 26 June.
	const sub = parseSubscription({ user: 'tom', email: 'tom@example.test', schedule: '0 8 * * 1', tz: 'Europe/Berlin', scope: ['manager=Tom Becker'] }, new Date('2026-06-26T12:00:00Z'));
	await store.update((s) => ({ ...s, subscriptions: [sub] }));
});

afterAll(async () => {
	await smtp?.close();
	warehouse?.close();
});

describe('the digest scheduler', () => {
	it('sends nothing before the first scheduled time after subscribing', async () => {
		const s = service();
		await s.tick(new Date('2026-06-29T05:59:00Z'));
		expect(digests()).toHaveLength(0);
		s.stop();
	});

	it('waits while the published data does not cover the week', async () => {
		const s = service();
		await s.tick(new Date('2026-06-29T06:01:00Z'));
		await s.tick(new Date('2026-06-29T06:30:00Z'));
		expect(digests()).toHaveLength(0);
		expect(s.health().waitingForData).toEqual([expect.objectContaining({ user: 'tom', week: WEEK })]);
		expect(store.read().lastSent).toEqual({});
		s.stop();
	});

	it('sends once a publish covers the week, once per period, also after a restart', async () => {
		// Late data arrives: the full exports are published.
		await rm(path.join(dataDir, 'sales'), { recursive: true });
		await rm(path.join(dataDir, 'clicks'), { recursive: true });
		await cp(path.join(fixture().dataDir, 'sales'), path.join(dataDir, 'sales'), { recursive: true });
		await cp(path.join(fixture().dataDir, 'clicks'), path.join(dataDir, 'clicks'), { recursive: true });
		expect((await warehouse.build({ author: 'test' })).status).toBe('published');

		const first = service();
		await first.tick(new Date('2026-06-29T07:00:00Z'));
		await smtp.waitFor(1);
		expect(digests()).toHaveLength(1);
		expect(digests()[0]!.subject).toBe(`Partnerscope weekly review: week of ${WEEK}`);
		await first.tick(new Date('2026-06-29T07:01:00Z'));
		await first.tick(new Date('2026-06-30T10:00:00Z'));
		first.stop();

		// A restart: a new service over the same state file.
		const second = service();
		await second.tick(new Date('2026-06-29T09:00:00Z'));
		await second.tick(new Date('2026-07-03T09:00:00Z'));
		expect(store.read().lastSent).toEqual({ [store.read().subscriptions[0]!.id]: WEEK });

		// The next Monday's week (29 June to 5 July) is not in the data: it waits.
		await second.tick(new Date('2026-07-06T06:30:00Z'));
		await new Promise((r) => setTimeout(r, 200));
		expect(digests()).toHaveLength(1);
		expect(second.health().waitingForData).toEqual([expect.objectContaining({ week: '2026-06-29' })]);
		expect(store.read().sends.filter((x) => x.what === 'digest').map((x) => [x.period, x.outcome])).toEqual([[WEEK, 'sent']]);
		second.stop();
	});
});
