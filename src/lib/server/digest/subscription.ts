/**
 * A digest subscription (pure): which report, when (a cron schedule in a time zone), where (email, webhook) and
 * for whom (the user and their scope). Parsed at the edge: the CLI, the API and the settings page call
 * parseSubscription; the scheduler trusts what it stored.
 */
import { Cron } from 'croner';
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../errors.ts';
import { parseScope, type UserScope } from './user-scope.ts';

export const DIGEST_REPORTS = ['weekly-review', 'roi'] as const;
export type DigestReport = (typeof DIGEST_REPORTS)[number];

/** Monday 08:00 in the subscriber's zone. */
export const DEFAULT_SCHEDULE = '0 8 * * 1';

export interface Subscription {
	readonly id: string;
	readonly user: string;
	readonly report: DigestReport;
	readonly email: string | null;
	readonly webhook: string | null;
	readonly schedule: string;
	readonly tz: string;
	readonly scope: UserScope;
	/** Attach the ROI report as a PDF (the roi report always does). */
	readonly attachPdf: boolean;
	readonly createdAt: string;
}

export interface SubscriptionInput {
	readonly user?: unknown;
	readonly report?: unknown;
	readonly email?: unknown;
	readonly webhook?: unknown;
	readonly schedule?: unknown;
	readonly tz?: unknown;
	readonly scope?: unknown;
	readonly attachPdf?: unknown;
}

const text = (v: unknown, name: string, max = 200): string | null => {
	if (v === undefined || v === null || v === '') return null;
	if (typeof v !== 'string' || v.length > max || /[\u0000-\u001f]/.test(v)) throw new ValidationError(`${name} must be text of at most ${max} printable characters`, { parameter: name });
	return v.trim();
};

export function isTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/** Validates a subscription; `scope` is either a UserScope or a list of `--scope` strings. */
export function parseSubscription(input: SubscriptionInput, now: Date): Subscription {
	const user = text(input.user, 'user', 100);
	if (!user) throw new ValidationError('user is required (the name the digest is for)', { parameter: 'user' });
	const report = (text(input.report, 'report') ?? 'weekly-review') as DigestReport;
	if (!DIGEST_REPORTS.includes(report)) throw new ValidationError(`report must be one of ${DIGEST_REPORTS.join(', ')}, saw "${report}"`, { parameter: 'report' });
	const email = text(input.email, 'email', 254);
	if (email !== null && !/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/.test(email)) throw new ValidationError(`email must be an address like name@example.com, saw "${email}"`, { parameter: 'email' });
	const webhook = text(input.webhook, 'webhook', 2000);
	if (webhook !== null) {
		let url: URL | null = null;
		try {
			url = new URL(webhook);
		} catch {
			url = null;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) throw new ValidationError(`webhook must be an http(s) URL, saw "${webhook}"`, { parameter: 'webhook' });
	}
	if (!email && !webhook) throw new ValidationError('a subscription needs an email address or a webhook URL (or both)', { parameter: 'email' });
	const schedule = text(input.schedule, 'schedule') ?? DEFAULT_SCHEDULE;
	const tz = text(input.tz, 'tz', 64) ?? 'UTC';
	if (!isTimeZone(tz)) throw new ValidationError(`tz must be an IANA time zone such as Europe/Berlin, saw "${tz}"`, { parameter: 'tz' });
	try {
		new Cron(schedule, { timezone: tz, paused: true }).stop();
	} catch (error) {
		throw new ValidationError(`schedule must be a cron pattern such as "0 8 * * 1" (Monday 08:00): ${error instanceof Error ? error.message : String(error)}`, { parameter: 'schedule' });
	}
	const scope = Array.isArray(input.scope) ? parseScope(input.scope.map(String)) : scopeObject(input.scope);
	return { id: randomUUID(), user, report, email, webhook, schedule, tz, scope, attachPdf: input.attachPdf === true || report === 'roi', createdAt: now.toISOString() };
}

function scopeObject(v: unknown): UserScope {
	if (v === undefined || v === null) return { channels: [], partners: [], managers: [] };
	const o = v as Record<string, unknown>;
	const list = (x: unknown, name: string) => {
		if (x === undefined) return [];
		if (!Array.isArray(x) || x.some((i) => typeof i !== 'string' || i.length > 200)) throw new ValidationError(`scope.${name} must be a list of names`, { parameter: 'scope' });
		return x as string[];
	};
	return { channels: list(o.channels, 'channels'), partners: list(o.partners, 'partners'), managers: list(o.managers, 'managers') };
}
