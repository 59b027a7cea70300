/**
 * The weekly "whom do I call" list (pure): rules over each partner's recent weeks, ranked by the revenue at
 * stake. Each finding explains itself with the numbers that triggered it, names the partner's manager and
 * the rule it passed. Rate-based rules fire only on a minimum sample. Thresholds are named here, in one place.
 *
 * Complexity: O(partners x weeks).
 */

export const ACTION_RULES = {
	/** Gone quiet: no clicks and no sales last week after at least this many sales a week on average before. */
	goneQuietMinWeeklyConversions: 1,
	/** Conversion-rate drop: last week's rate below this share of the partner's own baseline... */
	conversionDropShare: 0.5,
	/** ...with at least this many clicks last week, so noise is not flagged... */
	conversionDropMinClicks: 100,
	/** ...and at least this many sales expected last week at the baseline rate (a drop from 1 to 0 is noise). */
	conversionDropMinExpected: 5,
	/** Reversal spike: the reversal rate of sales validated in the last 4 weeks exceeds the baseline by this much... */
	reversalSpikePoints: 0.1,
	/** ...on at least this many sales validated recently... */
	reversalSpikeMinValidated: 30,
	/** ...at least this many of them reversed... */
	reversalSpikeMinReversed: 5,
	/** ...and a two-proportion z-score of at least this (recent vs baseline), so chance does not fire it. */
	reversalSpikeMinZ: 2,
	/** New partner without a sale this many days after joining... */
	newPartnerDays: 60,
	/** ...while still new (older silent partners are a recruiting clean-up, not a call). */
	newPartnerMaxDays: 180
} as const;

export type ActionReason = 'gone_quiet' | 'conversion_drop' | 'reversal_spike' | 'no_sale_after_60_days';

/** Each rule in plain words, with its minimum sample: shown beside the list and carried by every finding. */
export const ACTION_RULE_TEXT: Record<ActionReason, string> = {
	gone_quiet: `No clicks and no sales in the week after ${ACTION_RULES.goneQuietMinWeeklyConversions}+ sales a week before. At stake: the partner's average weekly revenue.`,
	conversion_drop: `Conversion rate under ${ACTION_RULES.conversionDropShare * 100}% of the partner's own rate over the weeks before, on ${ACTION_RULES.conversionDropMinClicks}+ clicks where the own rate would have given ${ACTION_RULES.conversionDropMinExpected}+ sales. At stake: the sales the lower rate lost, at the partner's revenue per sale.`,
	reversal_spike: `Reversal rate of sales validated in the last 4 weeks ${ACTION_RULES.reversalSpikePoints * 100}+ points above the 12 weeks before, on ${ACTION_RULES.reversalSpikeMinValidated}+ validated sales with ${ACTION_RULES.reversalSpikeMinReversed}+ reversed and a two-proportion z of ${ACTION_RULES.reversalSpikeMinZ}+. At stake: the extra reversed share of the last 4 weeks' revenue.`,
	no_sale_after_60_days: `Active partner without a sale ${ACTION_RULES.newPartnerDays} to ${ACTION_RULES.newPartnerMaxDays} days after joining. At stake: nothing yet (listed last).`
};

export interface PartnerWeeks {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
	readonly manager: string | null;
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
	readonly manager: string | null;
	readonly reason: ActionReason;
	readonly detail: string;
	/** The rule that fired, with its minimum sample. */
	readonly rule: string;
	/** Revenue per week (base currency) behind the signal; the list is ordered by it. */
	readonly revenue_at_stake: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Two-proportion z-score of p1 = x1/n1 against p2 = x2/n2 (pooled); 0 when undefined. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
	if (n1 <= 0 || n2 <= 0) return 0;
	const p = (x1 + x2) / (n1 + n2);
	const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
	return se > 0 ? (x1 / n1 - x2 / n2) / se : 0;
}

export function partnersToActOn(partners: readonly PartnerWeeks[], asOf: string): PartnerAction[] {
	const out: PartnerAction[] = [];
	const R = ACTION_RULES;
	for (const p of partners) {
		const last = p.weeks.at(-1);
		const before = p.weeks.slice(0, -1);
		const avgRevenue = mean(before.map((w) => w.revenue));
		const base = { partner_id: p.partner_id, partner_name: p.partner_name, channel: p.channel, manager: p.manager };
		const push = (reason: ActionReason, revenue_at_stake: number, detail: string) => out.push({ ...base, reason, detail, rule: ACTION_RULE_TEXT[reason], revenue_at_stake: Math.max(0, revenue_at_stake) });
		if (last && before.length >= 2) {
			const avgConversions = mean(before.map((w) => w.conversions));
			if (last.clicks === 0 && last.conversions === 0 && avgConversions >= R.goneQuietMinWeeklyConversions && p.status !== 'terminated') {
				push('gone_quiet', avgRevenue, `No clicks or sales last week after ${avgConversions.toFixed(1)} sales a week over the ${before.length} weeks before.`);
			}
			const baseClicks = sum(before.map((w) => w.clicks));
			const baseConversions = sum(before.map((w) => w.conversions));
			const baseRate = baseClicks > 0 ? baseConversions / baseClicks : 0;
			const lastRate = last.clicks > 0 ? last.conversions / last.clicks : 0;
			const expected = baseRate * last.clicks;
			if (last.clicks >= R.conversionDropMinClicks && expected >= R.conversionDropMinExpected && lastRate < R.conversionDropShare * baseRate) {
				const perSale = baseConversions > 0 ? sum(before.map((w) => w.revenue)) / baseConversions : 0;
				push(
					'conversion_drop',
					(expected - last.conversions) * perSale,
					`Conversion rate ${pct(lastRate)} last week on ${last.clicks} clicks (${last.conversions} sales where ${expected.toFixed(1)} were expected), against ${pct(baseRate)} over the ${before.length} weeks before.`
				);
			}
		}
		if (p.recentValidated >= R.reversalSpikeMinValidated && p.recentReversed >= R.reversalSpikeMinReversed) {
			const recent = p.recentReversed / p.recentValidated;
			const baseline = p.baselineValidated > 0 ? p.baselineReversed / p.baselineValidated : 0;
			const z = twoProportionZ(p.recentReversed, p.recentValidated, p.baselineReversed, p.baselineValidated);
			if (recent - baseline >= R.reversalSpikePoints && (p.baselineValidated === 0 || z >= R.reversalSpikeMinZ)) {
				const fourWeeks = sum(p.weeks.slice(-4).map((w) => w.revenue));
				push(
					'reversal_spike',
					((recent - baseline) * fourWeeks) / 4,
					`${pct(recent)} of the ${p.recentValidated} sales validated in the last 4 weeks were reversed (${p.recentReversed}), against ${pct(baseline)} of ${p.baselineValidated} before.`
				);
			}
		}
		const days = Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${p.joined_at}T00:00:00Z`)) / 86_400_000);
		if (p.status === 'active' && p.lifetimeConversions === 0 && days >= R.newPartnerDays && days <= R.newPartnerMaxDays) {
			push('no_sale_after_60_days', 0, `Joined ${p.joined_at} (${days} days ago) and has not made a sale yet.`);
		}
	}
	const order: Record<ActionReason, number> = { gone_quiet: 0, conversion_drop: 1, reversal_spike: 2, no_sale_after_60_days: 3 };
	return out.sort((a, b) => b.revenue_at_stake - a.revenue_at_stake || order[a.reason] - order[b.reason] || a.partner_id.localeCompare(b.partner_id));
}
