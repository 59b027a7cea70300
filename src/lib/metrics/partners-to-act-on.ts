/**
 * The weekly "whom do I call" list (pure): rules over each partner's recent weeks. Each finding explains
 * itself with the numbers that triggered it. Thresholds are named here, in one place.
 *
 * Complexity: O(partners x weeks).
 */

export const ACTION_RULES = {
	/** Gone quiet: no clicks and no sales last week after at least this many sales a week on average before. */
	goneQuietMinWeeklyConversions: 1,
	/** Conversion-rate drop: last week's rate below this share of the partner's own baseline... */
	conversionDropShare: 0.5,
	/** ...with at least this many clicks last week, so noise is not flagged. */
	conversionDropMinClicks: 100,
	/** Reversal spike: the reversal rate of sales validated in the last 4 weeks exceeds the baseline by this much... */
	reversalSpikePoints: 0.1,
	/** ...and at least this many sales were validated recently. */
	reversalSpikeMinValidated: 10,
	/** New partner without a sale this many days after joining... */
	newPartnerDays: 60,
	/** ...while still new (older silent partners are a recruiting clean-up, not a call). */
	newPartnerMaxDays: 180
} as const;

export type ActionReason = 'gone_quiet' | 'conversion_drop' | 'reversal_spike' | 'no_sale_after_60_days';

export interface PartnerWeeks {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
	readonly status: string;
	readonly joined_at: string;
	/** Oldest first; the last element is the week under review. */
	readonly weeks: readonly { readonly clicks: number; readonly conversions: number; readonly revenue: number }[];
	readonly lifetimeConversions: number;
	/** Sales validated in the last 4 weeks / before that (12 weeks), by validation date. */
	readonly recentValidated: number;
	readonly recentReversed: number;
	readonly baselineValidated: number;
	readonly baselineReversed: number;
}

export interface PartnerAction {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
	readonly reason: ActionReason;
	readonly detail: string;
	/** For ordering: the revenue at stake per week. */
	readonly weight: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function partnersToActOn(partners: readonly PartnerWeeks[], asOf: string): PartnerAction[] {
	const out: PartnerAction[] = [];
	const R = ACTION_RULES;
	for (const p of partners) {
		const last = p.weeks.at(-1);
		const before = p.weeks.slice(0, -1);
		const avgRevenue = mean(before.map((w) => w.revenue));
		const base = { partner_id: p.partner_id, partner_name: p.partner_name, channel: p.channel };
		if (last && before.length >= 2) {
			const avgConversions = mean(before.map((w) => w.conversions));
			if (last.clicks === 0 && last.conversions === 0 && avgConversions >= R.goneQuietMinWeeklyConversions && p.status !== 'terminated') {
				out.push({ ...base, reason: 'gone_quiet', weight: avgRevenue, detail: `No clicks or sales last week after ${avgConversions.toFixed(1)} sales a week over the ${before.length} weeks before.` });
			}
			const baseClicks = before.reduce((s, w) => s + w.clicks, 0);
			const baseRate = baseClicks > 0 ? before.reduce((s, w) => s + w.conversions, 0) / baseClicks : 0;
			const lastRate = last.clicks > 0 ? last.conversions / last.clicks : 0;
			if (last.clicks >= R.conversionDropMinClicks && baseRate > 0 && lastRate < R.conversionDropShare * baseRate) {
				out.push({ ...base, reason: 'conversion_drop', weight: avgRevenue, detail: `Conversion rate ${pct(lastRate)} last week on ${last.clicks} clicks, against ${pct(baseRate)} over the ${before.length} weeks before.` });
			}
		}
		if (p.recentValidated >= R.reversalSpikeMinValidated) {
			const recent = p.recentReversed / p.recentValidated;
			const baseline = p.baselineValidated > 0 ? p.baselineReversed / p.baselineValidated : 0;
			if (recent - baseline >= R.reversalSpikePoints) {
				out.push({ ...base, reason: 'reversal_spike', weight: avgRevenue, detail: `${pct(recent)} of the ${p.recentValidated} sales validated in the last 4 weeks were reversed, against ${pct(baseline)} before.` });
			}
		}
		const days = Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${p.joined_at}T00:00:00Z`)) / 86_400_000);
		if (p.status === 'active' && p.lifetimeConversions === 0 && days >= R.newPartnerDays && days <= R.newPartnerMaxDays) {
			out.push({ ...base, reason: 'no_sale_after_60_days', weight: 0, detail: `Joined ${p.joined_at} (${days} days ago) and has not made a sale yet.` });
		}
	}
	const order: Record<ActionReason, number> = { gone_quiet: 0, conversion_drop: 1, reversal_spike: 2, no_sale_after_60_days: 3 };
	return out.sort((a, b) => order[a.reason] - order[b.reason] || b.weight - a.weight || a.partner_id.localeCompare(b.partner_id));
}
