import { describe, expect, it } from 'vitest';
import { planRetention, type PublishRelations } from './plan-retention.ts';

const NOW = new Date('2026-07-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

/** Publish n is d days old and serves a__n plus the shared source s__1. */
const publish = (n: number, d: number): PublishRelations => ({ publishId: n, publishedAt: daysAgo(d), relations: [`a__${n}`, 's__1'] });

describe('planRetention', () => {
	it.each([
		{ name: 'keeps the last N when all are old', keep: 2, days: 7, ages: [30, 20, 10, 9], retained: [4, 3], drop: ['a__1', 'a__2'] },
		{ name: 'keeps anything younger than D days beyond the last N', keep: 1, days: 7, ages: [30, 6, 2, 1], retained: [4, 3, 2], drop: ['a__1'] },
		{ name: 'keeps everything when all are young', keep: 1, days: 7, ages: [3, 2, 1], retained: [3, 2, 1], drop: [] },
		{ name: 'keeps at least the current publish even with keep 0 and 0 days', keep: 0, days: 0, ages: [3, 2, 1], retained: [3], drop: ['a__1', 'a__2'] }
	])('$name', ({ keep, days, ages, retained, drop }) => {
		const plan = planRetention({ publishes: ages.map((d, i) => publish(i + 1, d)), existing: ages.flatMap((_, i) => [`a__${i + 1}`]).concat('s__1'), policy: { keepPublishes: keep, keepDays: days }, now: NOW });
		expect(plan.retained).toEqual(retained);
		expect(plan.drop).toEqual(drop);
		expect([...plan.retained, ...plan.expired].sort()).toEqual(ages.map((_, i) => i + 1).sort());
	});

	it('never drops a table a retained publish shares with an expired one', () => {
		const plan = planRetention({ publishes: [publish(1, 90), publish(2, 0)], existing: ['a__1', 'a__2', 's__1'], policy: { keepPublishes: 1, keepDays: 0 }, now: NOW });
		expect(plan.expired).toEqual([1]);
		expect(plan.drop).toEqual(['a__1']);
	});

	it('drops candidates no publish references (a plan that was never built)', () => {
		const plan = planRetention({ publishes: [publish(1, 0)], existing: ['a__1', 's__1', 'a__candidate'], policy: { keepPublishes: 10, keepDays: 7 }, now: NOW });
		expect(plan.drop).toEqual(['a__candidate']);
	});

	it('drops nothing and retains nothing without publishes', () => {
		expect(planRetention({ publishes: [], existing: [], policy: { keepPublishes: 10, keepDays: 7 }, now: NOW })).toEqual({ retained: [], expired: [], drop: [] });
	});
});

describe('planRetention under a size bound (maxYoung)', () => {
	it('drops the oldest young publishes first and always keeps the last N', () => {
		const publishes = [publish(1, 5), publish(2, 4), publish(3, 3), publish(4, 2), publish(5, 1)];
		const existing = ['a__1', 'a__2', 'a__3', 'a__4', 'a__5', 's__1'];
		const plan = planRetention({ publishes, existing, policy: { keepPublishes: 2, keepDays: 7 }, now: NOW, maxYoung: 1 });
		expect(plan.retained).toEqual([5, 4, 3]);
		expect(plan.drop).toEqual(['a__1', 'a__2']);
		expect(planRetention({ publishes, existing, policy: { keepPublishes: 2, keepDays: 7 }, now: NOW, maxYoung: 0 }).retained).toEqual([5, 4]);
	});
});
