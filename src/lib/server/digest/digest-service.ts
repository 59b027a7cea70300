/**
 * The server's delivery engine: composes and sends digests (email via nodemailer, team-channel webhooks),
 * runs the alert rules after each publish and delivers new alerts, records every send, and keeps the state the
 * health check reports. Scheduling: a croner job every minute calls tick(); tests call tick(now) with their own
 * clock. Nothing here throws into a request or the process: failures are logged, recorded and retried later.
 */
import { Cron } from 'croner';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { AlertRecord, Mute } from '../alerts/alert-record.ts';
import { evaluateAlerts, partnerDirectory } from '../alerts/evaluate-alerts.ts';
import { planAlertDelivery, alertCovered, type AlertDelivery } from '../alerts/plan-alert-delivery.ts';
import { dataThrough } from '../reports/shared/data-through.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { NotFoundError } from '../errors.ts';
import { bridgeChart } from './bridge-chart.ts';
import { digestContent, type DigestContent } from './digest-data.ts';
import { dueState } from './digest-period.ts';
import type { DigestState, DigestStore, SendRecord } from './digest-store.ts';
import { digestSummary } from './digest-summary.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { renderDigestHtml, type RenderedDigest } from './render-digest-html.ts';
import { withRetry } from './retry.ts';
import { roiReportPdf } from './roi-pdf.ts';
import type { Subscription } from './subscription.ts';
import type { UserScope } from './user-scope.ts';
import { postWebhook, type WebhookMessage } from './webhook.ts';
import { escapeHtml } from '../../charts/escape-html.ts';

export type DeliveryConfig = Pick<Config, 'smtpUrl' | 'publicUrl' | 'webhookSecret' | 'alertsPerDay' | 'alertMinRevenue'>;

export interface DeliveryHealth {
	readonly status: 'ok' | 'failing';
	readonly email: 'configured' | 'not configured';
	readonly scheduler: 'running' | 'stopped';
	readonly subscriptions: number;
	readonly lastSuccessAt: string | null;
	readonly lastFailure: { readonly at: string; readonly to: string; readonly error: string } | null;
	/** Subscriptions whose week is due but not yet covered by the published data. */
	readonly waitingForData: readonly { readonly subscriptionId: string; readonly user: string; readonly week: string }[];
	readonly message: string;
}

export interface ComposedDigest {
	readonly content: DigestContent;
	readonly rendered: RenderedDigest;
	readonly chartPng: Buffer | null;
	readonly pdf: Buffer | null;
}

export interface DigestServiceOptions {
	readonly warehouse: Warehouse;
	readonly store: DigestStore;
	readonly config: DeliveryConfig;
	readonly mailer: Mailer | null;
	readonly now?: () => Date;
	/** Back-off between attempts (3 attempts); tests pass a short one. */
	readonly retryDelayMs?: number;
	readonly log?: (line: string) => void;
	/**
	 * The user's scope as sign-in knows it now (users file), so a scope change or a removed user takes effect on
	 * the next send; null = no such user (nothing is sent). Absent: the scope stored with the subscription.
	 */
	readonly scopeOf?: (user: string) => UserScope | null;
}

const CHART_CID = 'revenue-bridge@partnerscope';
/** A digest that failed on every destination is tried again after this long, not on every minute's tick. */
export const RETRY_AFTER_MS = 15 * 60_000;

export class DigestService {
	readonly #o: DigestServiceOptions;
	#job: Cron | null = null;
	#ticking: Promise<void> | null = null;
	#lastSuccessAt: string | null = null;
	#lastFailure: DeliveryHealth['lastFailure'] = null;
	#waiting: DeliveryHealth['waitingForData'] = [];
	/** Subscription id -> when a digest that failed everywhere may be tried again (RETRY_AFTER_MS later). */
	readonly #retryAt = new Map<string, number>();

	constructor(options: DigestServiceOptions) {
		this.#o = options;
	}

	get store(): DigestStore {
		return this.#o.store;
	}

	#now(): Date {
		return (this.#o.now ?? (() => new Date()))();
	}

	#log(line: string): void {
		(this.#o.log ?? ((l: string) => console.error(l)))(`partnerscope delivery: ${line}`);
	}

	/** Starts the minute tick in this process (croner; overlapping runs are skipped). */
	start(): void {
		this.#job ??= new Cron('* * * * *', { protect: true, name: 'partnerscope-digest' }, () => this.tick());
		void this.tick();
	}

	stop(): void {
		this.#job?.stop();
		this.#job = null;
		this.#o.mailer?.close();
	}

	health(): DeliveryHealth {
		const failing = this.#lastFailure !== null && (this.#lastSuccessAt === null || this.#lastSuccessAt < this.#lastFailure.at);
		const subscriptions = this.#o.store.read().subscriptions.length;
		return {
			status: failing ? 'failing' : 'ok',
			email: this.#o.mailer ? 'configured' : 'not configured',
			scheduler: this.#job ? 'running' : 'stopped',
			subscriptions,
			lastSuccessAt: this.#lastSuccessAt,
			lastFailure: this.#lastFailure,
			waitingForData: this.#waiting,
			message: failing ? `The last delivery failed (${this.#lastFailure!.to}: ${this.#lastFailure!.error}); it is retried on the next schedule.` : subscriptions === 0 ? 'No digest subscriptions.' : `${subscriptions.toLocaleString('en-US')} digest subscription${subscriptions === 1 ? '' : 's'}.`
		};
	}

	/** One scheduler step at `now`: alert rules after a new publish, then every digest that is due. Never throws. */
	tick(now: Date = this.#now()): Promise<void> {
		if (this.#ticking) return this.#ticking;
		this.#ticking = this.#tick(now)
			.catch((error) => this.#log(`tick failed: ${error instanceof Error ? error.message : String(error)}`))
			.finally(() => {
				this.#ticking = null;
			});
		return this.#ticking;
	}

	async #tick(now: Date): Promise<void> {
		const state = await this.#o.warehouse.publishedState();
		if (state.publishId === null) return;
		if (this.#o.store.read().alertsPublishId !== state.publishId) await this.runAlerts(now, state.publishId);
		const through = await dataThrough(this.#o.warehouse.db);
		const waiting: { subscriptionId: string; user: string; week: string }[] = [];
		const st = this.#o.store.read();
		for (const sub of st.subscriptions) {
			const due = dueState({ schedule: sub.schedule, tz: sub.tz, createdAt: sub.createdAt, lastSent: st.lastSent[sub.id], dataThrough: through, weekStart: this.#o.warehouse.config.weekStart, now });
			if (!due.due) {
				if (due.reason === 'waiting-for-data') waiting.push({ subscriptionId: sub.id, user: sub.user, week: due.week.from });
				continue;
			}
			if ((this.#retryAt.get(sub.id) ?? 0) > now.getTime()) continue;
			const records = await this.sendDigest(sub, { week: due.week.from, now });
			// The period counts as sent once any destination took it; a failure everywhere is retried later.
			if (records.some((r) => r.outcome === 'sent')) {
				this.#retryAt.delete(sub.id);
				await this.#o.store.update((s) => ({ ...s, lastSent: { ...s.lastSent, [sub.id]: due.week.from } }));
			} else this.#retryAt.set(sub.id, now.getTime() + RETRY_AFTER_MS);
		}
		this.#waiting = waiting;
	}

	/** Builds a digest for a subscription (or a user's scope) and week without sending it. */
	async compose(o: { user: string; report: Subscription['report']; scope: UserScope; week?: string; attachPdf?: boolean }): Promise<ComposedDigest> {
		const alerts = this.#o.store.read().alerts;
		const content = await digestContent(this.#o.warehouse, { user: o.user, report: o.report, scope: o.scope, ...(o.week ? { week: o.week } : {}), withRoi: o.attachPdf ?? false });
		const partners = await partnerDirectory(this.#o.warehouse);
		const weekAlerts = alerts.filter((a) => a.kind === 'revenue_anomaly' && a.from === content.week.from && alertCovered(a, o.scope, partners));
		const withAlerts = { ...content, alerts: weekAlerts };
		const d = withAlerts.review.decomposition;
		const chartPng = d ? bridgeChart({ before: d.before, after: d.after, effects: d.effects, currency: content.currency }).png : null;
		const rendered = renderDigestHtml(withAlerts, { publicUrl: this.#o.config.publicUrl, chartCid: chartPng ? CHART_CID : null });
		const pdf = withAlerts.roi ? roiReportPdf(withAlerts.roi, { currency: content.currency, user: o.user }) : null;
		return { content: withAlerts, rendered, chartPng, pdf };
	}

	/** Subscriptions of a user (404 when none). */
	subscriptionsOf(user: string): Subscription[] {
		const subs = this.#o.store.read().subscriptions.filter((s) => s.user === user);
		if (!subs.length) throw new NotFoundError(`no digest subscription for user "${user}"; add one with \`partnerscope digest subscribe --user ${user} ...\``);
		return subs;
	}

	/** Sends one subscription's digest for `week` (default: the last complete week) to its email and webhook; records each send. */
	async sendDigest(stored: Subscription, o: { week?: string; now?: Date } = {}): Promise<SendRecord[]> {
		const now = o.now ?? this.#now();
		const sub = this.#withCurrentScope(stored);
		if (!sub) return [await this.#record({ sub: stored, what: 'digest', period: o.week ?? null, channel: stored.email ? 'email' : 'webhook', to: stored.email ?? stored.webhook ?? '', outcome: 'failed', attempts: 0, error: `no user "${stored.user}" any more; nothing sent`, alertIds: [], now })];
		let composed: ComposedDigest;
		try {
			composed = await this.compose({ user: sub.user, report: sub.report, scope: sub.scope, ...(o.week ? { week: o.week } : {}), attachPdf: sub.attachPdf });
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			this.#log(`digest for ${sub.user} could not be built: ${message}`);
			return [await this.#record({ sub, what: 'digest', period: o.week ?? null, channel: sub.email ? 'email' : 'webhook', to: sub.email ?? sub.webhook ?? '', outcome: 'failed', attempts: 0, error: message, alertIds: [], now })];
		}
		const { rendered, chartPng, pdf, content } = composed;
		const records: SendRecord[] = [];
		if (sub.email) {
			const attachments: NonNullable<MailMessage['attachments']>[number][] = [];
			if (chartPng) attachments.push({ filename: 'revenue-bridge.png', content: chartPng, contentType: 'image/png', cid: CHART_CID });
			if (pdf) attachments.push({ filename: `roi-report-${content.week.from}.pdf`, content: pdf, contentType: 'application/pdf' });
			records.push(await this.#deliverEmail(sub, { to: sub.email, subject: rendered.subject, html: rendered.html, text: rendered.text, attachments }, { what: 'digest', period: content.week.from, alertIds: [], now }));
		}
		if (sub.webhook) {
			const r = content.review;
			const lines = [
				digestSummary(r.decomposition, content.currency),
				...r.actions.slice(0, 5).map((a) => `• ${a.partner_name}: ${a.detail}`),
				...content.alerts.slice(0, 5).map((a) => `• ${a.detail}`)
			];
			records.push(await this.#deliverWebhook(sub, { title: rendered.subject, lines, link: { url: rendered.links.review, label: 'Open this week in Partnerscope' } }, { what: 'digest', period: content.week.from, alertIds: [], now }));
		}
		return records;
	}

	/** The subscription with its user's current scope (see scopeOf), or null when the user no longer exists. */
	#withCurrentScope(sub: Subscription): Subscription | null {
		if (!this.#o.scopeOf) return sub;
		const scope = this.#o.scopeOf(sub.user);
		return scope ? { ...sub, scope } : null;
	}

	/** Runs the alert rules, logs new alerts (de-duplicated by id), and delivers them to the subscribers in scope. */
	async runAlerts(now: Date = this.#now(), publishId: number | null = null): Promise<{ added: AlertRecord[]; deliveries: AlertDelivery[] }> {
		const before = this.#o.store.read();
		const evaluation = await evaluateAlerts(this.#o.warehouse, { now, seen: before.seen, rules: { minDeviation: this.#o.config.alertMinRevenue, minRelative: 0.25, minHistory: 8 }, publishId });
		const known = new Set(before.alerts.map((a) => a.id));
		const fresh = evaluation.alerts.filter((a) => !known.has(a.id));
		const partners = await partnerDirectory(this.#o.warehouse);
		const today = now.toISOString().slice(0, 10);
		const sentToday = new Map<string, { alerts: number; summary: boolean }>();
		for (const s of before.sends) {
			if (!s.at.startsWith(today) || !s.subscriptionId || s.what === 'digest' || s.outcome !== 'sent') continue;
			const e = sentToday.get(s.subscriptionId) ?? { alerts: 0, summary: false };
			sentToday.set(s.subscriptionId, s.what === 'alert' ? { ...e, alerts: e.alerts + 1 } : { ...e, summary: true });
		}
		const subscriptions = before.subscriptions.map((sub) => this.#withCurrentScope(sub)).filter((sub): sub is Subscription => sub !== null);
		const plan = planAlertDelivery({ alerts: fresh, subscriptions, partners, mutes: before.mutes, now, sentToday, perDay: this.#o.config.alertsPerDay });
		const added = fresh.map((a) => ({ ...a, muted: plan.muted.has(a.id) }));
		await this.#o.store.update((s) => ({ ...s, alerts: [...s.alerts, ...added], seen: evaluation.seen, alertsPublishId: publishId ?? s.alertsPublishId }));
		for (const d of plan.deliveries) await this.#deliverAlerts(d, now);
		return { added, deliveries: plan.deliveries };
	}

	async #deliverAlerts(d: AlertDelivery, now: Date): Promise<void> {
		const base = this.#o.config.publicUrl;
		const title = d.what === 'alert' ? `Partnerscope alert: ${d.alerts[0]!.detail.slice(0, 120)}` : `Partnerscope: ${d.alerts.length} more alerts today`;
		const lines = d.alerts.map((a) => `${a.severity === 'high' ? 'High' : 'Medium'}: ${a.detail}`);
		const alertIds = d.alerts.map((a) => a.id);
		const link = d.what === 'alert' ? { url: `${base}${d.alerts[0]!.page}`, label: 'See the rows' } : { url: `${base}/alerts`, label: 'Open the alert log' };
		if (d.subscription.email) {
			const html = `<!DOCTYPE html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#1d2330"><h1 style="font-size:18px">${escapeHtml(title)}</h1>${d.alerts
				.map((a) => `<p style="font-size:14px"><strong>${escapeHtml(a.severity)}</strong> ${escapeHtml(a.detail)} <a href="${escapeHtml(base + a.page)}" style="color:#2457c5">rows</a></p>`)
				.join('')}<p style="font-size:12px;color:#5f6b7a"><a href="${escapeHtml(`${base}/alerts`)}">Acknowledge or mute in the alert log</a>.</p></body></html>`;
			await this.#deliverEmail(d.subscription, { to: d.subscription.email, subject: title, html, text: [title, ...lines, link.url].join('\n') }, { what: d.what, period: null, alertIds, now });
		}
		if (d.subscription.webhook) await this.#deliverWebhook(d.subscription, { title, lines, link }, { what: d.what, period: null, alertIds, now });
		await this.#o.store.update((s) => ({ ...s, alerts: s.alerts.map((a) => (alertIds.includes(a.id) ? { ...a, deliveredTo: [...a.deliveredTo, d.subscription.user] } : a)) }));
	}

	async #deliverEmail(sub: Subscription, message: MailMessage, o: { what: SendRecord['what']; period: string | null; alertIds: string[]; now: Date }): Promise<SendRecord> {
		const mailer = this.#o.mailer;
		if (!mailer) return this.#record({ sub, ...o, channel: 'email', to: message.to, outcome: 'failed', attempts: 0, error: 'email is not configured (set PARTNERSCOPE_SMTP_URL)' });
		const result = await withRetry(() => mailer.send(message), { attempts: 3, firstDelayMs: this.#o.retryDelayMs ?? 5000 });
		return this.#record({ sub, ...o, channel: 'email', to: message.to, outcome: result.ok ? 'sent' : 'failed', attempts: result.attempts, error: result.ok ? null : result.error });
	}

	async #deliverWebhook(sub: Subscription, message: WebhookMessage, o: { what: SendRecord['what']; period: string | null; alertIds: string[]; now: Date }): Promise<SendRecord> {
		const url = sub.webhook!;
		const result = await withRetry(() => postWebhook(url, message, { secret: this.#o.config.webhookSecret, now: this.#now() }), { attempts: 3, firstDelayMs: this.#o.retryDelayMs ?? 5000 });
		return this.#record({ sub, ...o, channel: 'webhook', to: url, outcome: result.ok ? 'sent' : 'failed', attempts: result.attempts, error: result.ok ? null : result.error });
	}

	async #record(r: { sub: Subscription; what: SendRecord['what']; period: string | null; channel: SendRecord['channel']; to: string; outcome: SendRecord['outcome']; attempts: number; error: string | null; alertIds: string[]; now: Date }): Promise<SendRecord> {
		const record: SendRecord = {
			id: randomUUID(),
			at: r.now.toISOString(),
			subscriptionId: r.sub.id,
			user: r.sub.user,
			what: r.what,
			report: r.what === 'digest' ? r.sub.report : null,
			period: r.period,
			channel: r.channel,
			to: r.channel === 'webhook' ? redactUrl(r.to) : r.to,
			outcome: r.outcome,
			attempts: r.attempts,
			error: r.error,
			alertIds: r.alertIds
		};
		if (r.outcome === 'sent') this.#lastSuccessAt = record.at;
		else {
			this.#lastFailure = { at: record.at, to: record.to, error: r.error ?? 'unknown' };
			this.#log(`${r.what} to ${record.to} failed after ${r.attempts} attempt(s): ${r.error}`);
		}
		await this.#o.store.update((s: DigestState) => ({ ...s, sends: [...s.sends, record] }));
		return record;
	}

	/** Acknowledges an alert (404 when unknown); an acknowledged alert stays acknowledged. */
	async acknowledge(id: string, by: string): Promise<AlertRecord> {
		let found: AlertRecord | null = null;
		await this.#o.store.update((s) => ({
			...s,
			alerts: s.alerts.map((a) => {
				if (a.id !== id) return a;
				found = a.acknowledged ? a : { ...a, acknowledged: { by, at: this.#now().toISOString() } };
				return found;
			})
		}));
		if (!found) throw new NotFoundError(`no alert with id "${id}"`);
		return found;
	}

	async mute(m: Omit<Mute, 'id' | 'createdAt'>): Promise<Mute> {
		const mute: Mute = { ...m, id: randomUUID(), createdAt: this.#now().toISOString() };
		await this.#o.store.update((s) => ({ ...s, mutes: [...s.mutes, mute] }));
		return mute;
	}

	async unmute(id: string): Promise<void> {
		let found = false;
		await this.#o.store.update((s) => ({ ...s, mutes: s.mutes.filter((m) => (m.id === id ? ((found = true), false) : true)) }));
		if (!found) throw new NotFoundError(`no mute with id "${id}"`);
	}
}

/** Webhook URLs carry their secret in the path (Slack, Teams): the log keeps the host only. */
export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		return `${u.protocol}//${u.host}/…`;
	} catch {
		return '(invalid URL)';
	}
}
