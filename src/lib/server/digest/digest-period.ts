/**
 * When a subscription is due and which week it reports (pure apart from croner's calendar arithmetic): the
 * latest scheduled time at or before `now` in the subscriber's zone, and the last complete reporting week
 * before that day. Called by DigestService.tick with its (injectable) clock.
 */
import { Cron } from 'croner';
import { addDays, type DateRange } from '../reports/params/date-range.ts';
import { lastCompleteWeekOf } from '../reports/weekly/overview.ts';

/** The latest time the cron `schedule` fires in `tz` at or before `now`, looking back at most `lookbackDays`. */
export function lastScheduledAt(schedule: string, tz: string, now: Date, lookbackDays = 8): Date | null {
	const cron = new Cron(schedule, { timezone: tz, paused: true });
	try {
		let at = cron.nextRun(new Date(now.getTime() - lookbackDays * 86_400_000));
		let last: Date | null = null;
		for (let i = 0; at && at.getTime() <= now.getTime() && i < 50_000; i++) {
			last = at;
			at = cron.nextRun(at);
		}
		return last;
	} finally {
		cron.stop();
	}
}

/** The week a digest sent at `at` reports: the last complete reporting week that ended before that (UTC) day. */
export function reportedWeek(at: Date, weekStart: number): DateRange {
	return lastCompleteWeekOf(addDays(at.toISOString().slice(0, 10), -1), weekStart);
}

export type DueState =
	| { readonly due: false; readonly reason: 'not-scheduled-yet' | 'already-sent' }
	| { readonly due: false; readonly reason: 'waiting-for-data'; readonly week: DateRange; readonly scheduledAt: Date }
	| { readonly due: true; readonly week: DateRange; readonly scheduledAt: Date };

/**
 * Whether a subscription should send now: its last scheduled time has passed since it was created, the week
 * that time reports was not sent yet, and the published data covers the whole week (`dataThrough` >= its last
 * day); otherwise it waits for a publish that does.
 */
export function dueState(o: { schedule: string; tz: string; createdAt: string; lastSent: string | undefined; dataThrough: string | null; weekStart: number; now: Date }): DueState {
	const at = lastScheduledAt(o.schedule, o.tz, o.now);
	if (!at || at.toISOString() < o.createdAt) return { due: false, reason: 'not-scheduled-yet' };
	const week = reportedWeek(at, o.weekStart);
	if (o.lastSent !== undefined && o.lastSent >= week.from) return { due: false, reason: 'already-sent' };
	if (!o.dataThrough || o.dataThrough < week.to) return { due: false, reason: 'waiting-for-data', week, scheduledAt: at };
	return { due: true, week, scheduledAt: at };
}
