import { describe, expect, it } from 'vitest';
import { partnersToActOn, type PartnerWeeks } from './partners-to-act-on.ts';

const week = (clicks: number, conversions: number, revenue = conversions * 100) => ({ clicks, conversions, revenue });
const partner = (over: Partial<PartnerWeeks>): PartnerWeeks => ({
	partner_id: 'p1',
	partner_name: 'Partner 1',
	channel: 'content',
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
		['conversion_drop', { weeks: [week(500, 10), week(500, 10), week(500, 10), week(400, 2)] }, /Conversion rate 0\.5% last week on 400 clicks, against 2\.0%/],
		['reversal_spike', { recentValidated: 20, recentReversed: 6 }, /30\.0% of the 20 sales validated in the last 4 weeks were reversed, against 5\.0% before/],
		['no_sale_after_60_days', { lifetimeConversions: 0, joined_at: '2026-04-01', weeks: [week(50, 0), week(50, 0), week(60, 0)] }, /Joined 2026-04-01 \(90 days ago\)/]
	] as const)('flags %s and says why', (reason, over, detail) => {
		const actions = partnersToActOn([partner(over as Partial<PartnerWeeks>)], '2026-06-30');
		expect(actions.map((a) => a.reason)).toEqual([reason]);
		expect(actions[0]!.detail).toMatch(detail);
	});

	it('does not flag a conversion drop on a handful of clicks (noise)', () => {
		expect(partnersToActOn([partner({ weeks: [week(500, 10), week(500, 10), week(30, 0)] })], '2026-06-30').map((a) => a.reason)).not.toContain('conversion_drop');
	});

	it('does not call a partner that joined long ago as a new partner', () => {
		expect(partnersToActOn([partner({ lifetimeConversions: 0, joined_at: '2024-01-01', weeks: [week(10, 0)] })], '2026-06-30')).toEqual([]);
	});

	it('does not call a new partner before 60 days', () => {
		expect(partnersToActOn([partner({ lifetimeConversions: 0, joined_at: '2026-06-01', weeks: [week(10, 0)] })], '2026-06-30')).toEqual([]);
	});
});
