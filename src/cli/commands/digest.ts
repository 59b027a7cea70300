/**
 * `partnerscope digest <subscribe|list|unsubscribe|preview|send>`: digest subscriptions and trying a digest out.
 * Subscriptions live in `<warehouse>.digest.json`, which the CLI changes directly even while a server runs (the
 * server re-reads it every minute). preview and send need the warehouse: with a server running they go through
 * its API (it holds the file), otherwise the CLI opens the warehouse itself.
 */
import { handoffToken } from '../open-model-service.ts';
import { AuthStore } from '../../lib/server/auth/auth-store.ts';
import { writeFile } from 'node:fs/promises';
import type { DigestService } from '../../lib/server/digest/digest-service.ts';
import { DigestStore } from '../../lib/server/digest/digest-store.ts';
import { parseSubscription, type Subscription } from '../../lib/server/digest/subscription.ts';
import { formatScope, parseScope } from '../../lib/server/digest/user-scope.ts';
import { INSTANCE_HEADER, readServerState } from '../../lib/server/warehouse/server-state-file.ts';
import type { Config } from '../../lib/server/config.ts';
import { parseArgs, UsageError } from '../args.ts';
import { LOCATION_OPTIONS, LOCATION_USAGE, locationConfig } from '../model-command-options.ts';

const USAGE = `usage: partnerscope digest <command> ${LOCATION_USAGE}
  subscribe --user NAME --report weekly-review|roi [--email ADDR] [--webhook URL] [--schedule CRON] [--tz ZONE]
            [--scope channel=a,b] [--scope manager=NAME] [--scope partner=ID,..] [--pdf]
                                     add a subscription (default schedule "0 8 * * 1": Monday 08:00 in --tz, default UTC)
  list                               every subscription with its schedule, scope and last week sent
  unsubscribe --user NAME [--report weekly-review|roi] | --id ID
                                     remove subscriptions
  preview --user NAME [--week YYYY-MM-DD] [--out file.html]
                                     the digest's HTML for that week (default the last complete week), chart inline
  send --user NAME --now [--week YYYY-MM-DD]
                                     send the user's digests now (does not count as the scheduled send)`;

/** Pulls out every `--scope VALUE` (repeatable), leaving the rest for parseArgs. */
function takeScopes(argv: readonly string[]): { scopes: string[]; rest: string[] } {
	const scopes: string[] = [];
	const rest: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		if (a === '--scope') {
			const v = argv[++i];
			if (v === undefined) throw new UsageError('--scope needs a value such as channel=coupon or manager=NAME');
			scopes.push(v);
		} else if (a.startsWith('--scope=')) scopes.push(a.slice(8));
		else rest.push(a);
	}
	return { scopes, rest };
}

async function runningServer(config: Config): Promise<string | null> {
	const state = readServerState(config.warehousePath);
	if (!state) return null;
	try {
		const response = await fetch(new URL('/api/v1/health', state.url), { signal: AbortSignal.timeout(3000) });
		await response.body?.cancel();
		return response.headers.get(INSTANCE_HEADER) === state.instanceId ? state.url : null;
	} catch {
		return null;
	}
}

async function serverCall(url: string, path: string, init: RequestInit = {}, why: string | null = null): Promise<Response> {
	const response = await fetch(new URL(path, url), init);
	if (!response.ok) {
		const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
		const message = problem.detail ?? problem.title ?? `the server answered ${response.status}`;
		throw new Error(response.status === 401 && why ? `${message} (${why})` : message);
	}
	return response;
}

async function withLocalService<T>(config: Config, work: (s: DigestService) => Promise<T>): Promise<T> {
	// Loaded only here: DuckDB, ECharts and resvg are not needed to change a subscription.
	const [{ Warehouse }, { DigestService }, { smtpMailer }] = await Promise.all([
		import('../../lib/server/warehouse/warehouse.ts'),
		import('../../lib/server/digest/digest-service.ts'),
		import('../../lib/server/digest/mailer.ts')
	]);
	const warehouse = await Warehouse.open(config);
	const service = new DigestService({ warehouse, store: new DigestStore(config.warehousePath), config, mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null });
	try {
		return await work(service);
	} finally {
		service.stop();
		warehouse.close();
	}
}

function describeSub(s: Subscription, lastSent: string | undefined): string {
	const where = [s.email, s.webhook ? `webhook ${new URL(s.webhook).host}` : null].filter(Boolean).join(', ');
	return `${s.id.slice(0, 8)}  ${s.user.padEnd(14)} ${s.report.padEnd(13)} "${s.schedule}" ${s.tz.padEnd(14)} ${where.padEnd(36)} scope: ${formatScope(s.scope)}; last week sent: ${lastSent ?? 'none'}`;
}

export async function run(argv: string[]): Promise<number> {
	const { scopes, rest } = takeScopes(argv);
	const args = parseArgs(rest, { ...LOCATION_OPTIONS, user: 'string', report: 'string', email: 'string', webhook: 'string', schedule: 'string', tz: 'string', week: 'string', out: 'string', id: 'string', now: 'boolean', pdf: 'boolean', help: 'boolean' });
	const [sub] = args._;
	if (args.help || !sub) {
		console.log(USAGE);
		return args.help ? 0 : 2;
	}
	const config = locationConfig(args);
	const store = new DigestStore(config.warehousePath);
	switch (sub) {
		case 'subscribe': {
			if (!args.user) throw new UsageError('subscribe needs --user NAME');
			if (!args.report) throw new UsageError('subscribe needs --report weekly-review or --report roi');
			// A digest is for a user of sign-in: their scope applies (the users file is the truth, --scope only
			// matters while there are no users, i.e. with sign-in off).
			const users = AuthStore.forWarehouse(config.warehousePath);
			const known = users.findUser(args.user);
			if (!known && users.listUsers().length > 0) throw new UsageError(`no user "${args.user}" in the users file; add one with \`partnerscope users add ${args.user} --role viewer\``);
			if (known && scopes.length) console.error(`(note: ${known.name}'s digest uses their own scope from the users file; --scope is ignored)`);
			let s: Subscription;
			try {
				s = parseSubscription({ user: args.user, report: args.report, email: args.email, webhook: args.webhook, schedule: args.schedule, tz: args.tz, scope: known ? known.scope : scopes, attachPdf: args.pdf === true }, new Date());
			} catch (error) {
				throw new UsageError(error instanceof Error ? error.message : String(error));
			}
			await store.update((st) => ({ ...st, subscriptions: [...st.subscriptions, s] }));
			console.log(`Subscribed: ${describeSub(s, undefined)}`);
			return 0;
		}
		case 'list': {
			const st = store.read();
			if (!st.subscriptions.length) console.log('No digest subscriptions.');
			for (const s of st.subscriptions) console.log(describeSub(s, st.lastSent[s.id]));
			return 0;
		}
		case 'unsubscribe': {
			if (!args.user && !args.id) throw new UsageError('unsubscribe needs --user NAME (optionally --report) or --id ID');
			const matches = (s: Subscription) => (args.id ? s.id === args.id || s.id.startsWith(args.id) : s.user === args.user && (!args.report || s.report === args.report));
			const removed = store.read().subscriptions.filter(matches);
			if (!removed.length) {
				console.error('No subscription matched.');
				return 1;
			}
			await store.update((st) => ({ ...st, subscriptions: st.subscriptions.filter((s) => !matches(s)) }));
			console.log(`Removed ${removed.length} subscription${removed.length === 1 ? '' : 's'}.`);
			return 0;
		}
		case 'preview': {
			if (!args.user) throw new UsageError('preview needs --user NAME');
			const server = await runningServer(config);
			let html: string;
			if (server) {
				const q = new URLSearchParams({ user: args.user, ...(args.week ? { week: args.week } : {}) });
				for (const s of scopes) q.append('scope', s);
				const handoff = handoffToken(config);
				html = await (await serverCall(server, `/api/v1/digest/preview?${q}`, handoff.token ? { headers: { authorization: `Bearer ${handoff.token}` } } : {}, handoff.why).finally(() => handoff.release())).text();
			} else {
				html = await withLocalService(config, async (service) => {
					const subs = service.store.read().subscriptions.filter((s) => s.user === args.user);
					const scope = scopes.length ? parseScope(scopes) : (subs[0]?.scope ?? { channels: [], partners: [], managers: [] });
					const c = await service.compose({ user: args.user!, report: subs[0]?.report ?? 'weekly-review', scope, ...(args.week ? { week: args.week } : {}), attachPdf: subs[0]?.attachPdf ?? false });
					return c.chartPng ? c.rendered.html.replace(/cid:[^"]+/, `data:image/png;base64,${c.chartPng.toString('base64')}`) : c.rendered.html;
				});
			}
			if (args.out) {
				await writeFile(args.out, html);
				console.log(`Wrote ${args.out} (${html.length.toLocaleString('en-US')} characters)`);
			} else process.stdout.write(html);
			return 0;
		}
		case 'send': {
			if (!args.user) throw new UsageError('send needs --user NAME');
			if (!args.now) throw new UsageError('send needs --now (scheduled sends happen in the server)');
			const server = await runningServer(config);
			// The hand-off signs in like any caller (PARTNERSCOPE_TOKEN or a short-lived token of PARTNERSCOPE_USER): sending on demand is for admins.
			const handoff = server ? handoffToken(config) : null;
			const sends = server
				? ((await (await serverCall(server, '/api/v1/digest/send', { method: 'POST', headers: { 'content-type': 'application/json', ...(handoff?.token ? { authorization: `Bearer ${handoff.token}` } : {}) }, body: JSON.stringify({ user: args.user, ...(args.week ? { week: args.week } : {}) }) }, handoff?.why ?? null).finally(() => handoff?.release())).json()) as { sends: { channel: string; to: string; outcome: string; error: string | null }[] }).sends
				: await withLocalService(config, async (service) => {
						const out = [];
						for (const s of service.subscriptionsOf(args.user!)) out.push(...(await service.sendDigest(s, args.week ? { week: args.week } : {})));
						return out;
					});
			for (const s of sends) console.log(`${s.channel} to ${s.to}: ${s.outcome}${s.error ? ` (${s.error})` : ''}`);
			return sends.every((s) => s.outcome === 'sent') ? 0 : 1;
		}
		default:
			throw new UsageError(`unknown digest command "${sub}"; expected subscribe, list, unsubscribe, preview or send\n${USAGE}`);
	}
}
