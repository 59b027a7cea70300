import { describe, expect, it } from 'vitest';
import { partnersToActOn, type PartnerWeeks } from './partners-to-act-on.ts';

const week = (clicks: number, conversions: number, revenue = conversions * 100) => ({ clicks, conversions, revenue });
const partner = (over: Partial<PartnerWeeks>): PartnerWeeks => ({
	partner_id: 'p1',
	partner_name: 'Partner 1',
	channel: 'content',
	manager: 'Ana',
	status: 'active',
	joined_at: '2024-01-01',
	weeks: [week(500, 10), week(500, 10), week(500, 10), week(500, 10), week(500, 10)],
	lifetimeConversions: 500,
	recentValidated: 40,
	recentReversed: 2,
	baselineValidated: 120,
	baselineReversed: 6,
	...over
});

describe('partnersToActOn', () => {
	it('flags nobody for a steady partner', () => {
		expect(partnersToActOn([partner({})], '2026-06-30')).toEqual([]);
	});

	it.each([
		['gone_quiet', { weeks: [week(500, 10), week(400, 8), week(450, 9), week(0, 0)] }, /No clicks or sales last week after 9\.0 sales a week/],
		['conversion_drop', { weeks: [week(500, 10), week(500, 10), week(500, 10), week(400, 2)] }, /Conversion rate 0\.5% last week on 400 clicks \(2 sales where 8\.0 were expected\), against 2\.0%/],
		['reversal_spike', { recentValidated: 40, recentReversed: 12 }, /30\.0% of the 40 sales validated in the last 4 weeks were reversed \(12\), against 5\.0% of 120 before/],
		['no_sale_after_60_days', { lifetimeConversions: 0, joined_at: '2026-04-01', weeks: [week(50, 0), week(50, 0), week(60, 0)] }, /Joined 2026-04-01 \(90 days ago\)/]
	] as const)('flags %s and says why', (reason, over, detail) => {
		const actions = partnersToActOn([partner(over as Partial<PartnerWeeks>)], '2026-06-30');
		expect(actions.map((a) => a.reason)).toEqual([reason]);
		expect(actions[0]!.detail).toMatch(detail);
	});

	it('does not flag a conversion drop on a handful of clicks (noise)', () => {
		expect(partnersToActOn([partner({ weeks: [week(500, 10), week(500, 10), week(30, 0)] })], '2026-06-30').map((a) => a.reason)).not.toContain('conversion_drop');
	});

	it('does not fire a reversal spike on a small sample ("2 of 15 against 0 of 40")', () => {
		expect(partnersToActOn([partner({ recentValidated: 15, recentReversed: 2, baselineValidated: 40, baselineReversed: 0 })], '2026-06-30')).toEqual([]);
		// Enough sales but too few reversals to tell from chance.
		expect(partnersToActOn([partner({ recentValidated: 30, recentReversed: 4, baselineValidated: 120, baselineReversed: 0 })], '2026-06-30')).toEqual([]);
	});

	it('does not fire a conversion drop where the own rate would give under 5 sales', () => {
		// 0.4% baseline on 1,000 clicks = 4 expected sales: 0 is not a signal.
		const weeks = [week(1000, 4), week(1000, 4), week(1000, 0)];
		expect(partnersToActOn([partner({ weeks })], '2026-06-30').map((a) => a.reason)).not.toContain('conversion_drop');
	});

	it('ranks by revenue at stake, names the manager and states the rule', () => {
		const small = partner({ partner_id: 'small', manager: 'Ben', weeks: [week(500, 10, 500), week(500, 10, 500), week(0, 0, 0)] });
		const big = partner({ partner_id: 'big', manager: 'Ana', weeks: [week(500, 10, 5000), week(500, 10, 5000), week(400, 2, 1000)] });
		const actions = partnersToActOn([small, big], '2026-06-30');
		expect(actions.map((a) => [a.partner_id, a.reason, a.manager])).toEqual([
			['big', 'conversion_drop', 'Ana'],
			['small', 'gone_quiet', 'Ben']
		]);
		// Expected 400 x 2% = 8 sales, saw 2: 6 lost at 500 per sale.
		expect(actions[0]!.revenue_at_stake).toBeCloseTo(3000, 9);
		expect(actions[1]!.revenue_at_stake).toBeCloseTo(500, 9);
		expect(actions[0]!.rule).toMatch(/100\+ clicks where the own rate would have given 5\+ sales/);
	});

	it('puts the revenue behind a reversal spike at the extra reversed share of a week', () => {
		const weeks = [week(500, 10, 1000), week(500, 10, 1000), week(500, 10, 1000), week(500, 10, 1000), week(500, 10, 1000)];
		const [a] = partnersToActOn([partner({ weeks, recentValidated: 40, recentReversed: 12, baselineValidated: 120, baselineReversed: 6 })], '2026-06-30');
		// (30% - 5%) x 4,000 over 4 weeks / 4 = 250 a week.
		expect(a!.revenue_at_stake).toBeCloseTo(250, 9);
	});

	it('does not call a partner that joined long ago as a new partner', () => {
		expect(partnersToActOn([partner({ lifetimeConversions: 0, joined_at: '2024-01-01', weeks: [week(10, 0)] })], '2026-06-30')).toEqual([]);
	});

	it('does not call a new partner before 60 days', () => {
		expect(partnersToActOn([partner({ lifetimeConversions: 0, joined_at: '2026-06-01', weeks: [week(10, 0)] })], '2026-06-30')).toEqual([]);
	});
});
