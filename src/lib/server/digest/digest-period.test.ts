import { describe, expect, it } from 'vitest';
import { dueState, lastScheduledAt, reportedWeek } from './digest-period.ts';

describe('lastScheduledAt', () => {
	it.each([
		// Monday 08:00 in Berlin is 06:00 UTC in summer and 07:00 UTC in winter.
		['2026-06-29T06:00:00Z', '2026-06-29T06:00:00.000Z'],
		['2026-06-29T05:59:59Z', '2026-06-22T06:00:00.000Z'],
		['2026-12-07T07:30:00Z', '2026-12-07T07:00:00.000Z'],
		['2026-12-07T06:30:00Z', '2026-11-30T07:00:00.000Z']
	])('at %s the last Monday 08:00 Berlin was %s', (now, expected) => {
		expect(lastScheduledAt('0 8 * * 1', 'Europe/Berlin', new Date(now))?.toISOString()).toBe(expected);
	});

	it('honours a zone west of UTC', () => {
		expect(lastScheduledAt('0 8 * * 1', 'America/New_York', new Date('2026-06-29T13:00:00Z'))?.toISOString()).toBe('2026-06-29T12:00:00.000Z');
	});
});

describe('reportedWeek', () => {
	it('is the last complete week before the send day', () => {
		expect(reportedWeek(new Date('2026-06-29T06:00:00Z'), 1)).toEqual({ from: '2026-06-22', to: '2026-06-28' });
		expect(reportedWeek(new Date('2026-07-01T06:00:00Z'), 1)).toEqual({ from: '2026-06-22', to: '2026-06-28' });
		expect(reportedWeek(new Date('2026-06-28T06:00:00Z'), 0)).toEqual({ from: '2026-06-21', to: '2026-06-27' });
	});
});

describe('dueState', () => {
	const base = { schedule: '0 8 * * 1', tz: 'UTC', createdAt: '2026-06-01T00:00:00.000Z', weekStart: 1, now: new Date('2026-06-29T09:00:00Z') };
	it.each([
		['due when the data covers the week', { lastSent: undefined, dataThrough: '2026-06-30' }, { due: true }],
		['waits for data', { lastSent: undefined, dataThrough: '2026-06-27' }, { due: false, reason: 'waiting-for-data' }],
		['no data at all', { lastSent: undefined, dataThrough: null }, { due: false, reason: 'waiting-for-data' }],
		['already sent', { lastSent: '2026-06-22', dataThrough: '2026-06-30' }, { due: false, reason: 'already-sent' }],
		['an older week sent', { lastSent: '2026-06-15', dataThrough: '2026-06-30' }, { due: true }],
		['subscribed after the last scheduled time', { lastSent: undefined, dataThrough: '2026-06-30', createdAt: '2026-06-29T08:30:00.000Z' }, { due: false, reason: 'not-scheduled-yet' }]
	])('%s', (_name, o, expected) => {
		expect(dueState({ ...base, ...o })).toMatchObject(expected);
	});
});
