/**
 * The budget plan behind GET /api/v1/forecast/budget: response curves per channel, the cheapest budget per
 * channel that reaches a revenue target over the horizon (with its marginal ROAS and break-even warnings),
 * the same target by trailing ROAS, scenarios side by side (hold, target, ROAS floor), a sensitivity grid
 * around the baseline forecast and the commission liability coming due. Pure over its inputs: the numbers
 * come from src/lib/planning, the data from inputs.ts, revenue.ts and liability.ts.
 */
import { budgetScenarios, type ScenarioChannel } from '../../../planning/budget-scenarios.ts';
import { chooseResponseCurve } from '../../../planning/choose-response-curve.ts';
import { commissionLiability, LIABILITY_RULE } from '../../../planning/commission-liability.ts';
import type { Assumption, BudgetAnswer, BudgetChannelCurve, RevenueForecastAnswer } from '../../../planning/forecast-types.ts';
import { SENSITIVITY_FACTORS, SENSITIVITY_RULES, sensitivityGrid } from '../../../planning/sensitivity-grid.ts';
import { trailingRoasBudget } from '../../../planning/trailing-roas-budget.ts';
import type { ProjectedWeek } from '../../../planning/project-final.ts';
import { addDays } from '../params/date-range.ts';
import type { ForecastInputs } from './inputs.ts';
import { DEFAULT_VALIDATION_LAG_DAYS, type LiabilityInputs } from './liability.ts';

/** Weeks whose mean cost is a channel's recent spend (what "hold" continues and the bounds multiply). */
export const RECENT_WEEKS = 4;
/** Weeks of the trailing ROAS (the linear fallback and the simple budget). */
export const TRAILING_WEEKS = 13;
/** Weeks of (cost, revenue) the curves are fitted on. */
export const FIT_WEEKS = 52;
export const MIN_FIT_WEEKS = 8;
/** Least share of the weekly variation (on logs) a curve must explain to be used. */
export const MIN_FIT_R2 = 0.3;
/** Without a target, plan for the baseline forecast plus this share. */
export const DEFAULT_TARGET_UPLIFT = 0.1;

/** The channels planned are the baseline forecast's (its channel filter). */
export interface BudgetOptions {
	readonly horizon: number;
	/** Net revenue to reach over the horizon; null = the default. */
	readonly target: number | null;
	/** Bounds as multiples of recent weekly spend. */
	readonly min: number;
	readonly max: number;
	/** Marginal ROAS of the floor scenario; null = break-even. */
	readonly floor: number | null;
	readonly grossMargin: number;
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const mean = (values: readonly number[]) => (values.length ? sum(values) / values.length : 0);
/** Rounds to three significant digits (a target a person would type). */
const round3 = (v: number) => (v > 0 ? Number(v.toPrecision(3)) : 0);
const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(2));

export function budgetPlan(inputs: ForecastInputs, baseline: RevenueForecastAnswer, liability: LiabilityInputs, o: BudgetOptions): BudgetAnswer {
	const selected = baseline.channels;
	const rows = inputs.weeks.filter((w) => selected.includes(w.channel));
	const weeks = inputs.weekStarts;
	const recentWeeks = weeks.slice(-RECENT_WEEKS);
	const trailingWeeks = weeks.slice(-TRAILING_WEEKS);
	const fitWeeks = weeks.slice(-FIT_WEEKS);
	const of = (channel: string, among: readonly string[]) => rows.filter((r) => r.channel === channel && among.includes(r.week_start));
	const total = (list: readonly ProjectedWeek[], key: 'projected_revenue' | 'projected_cost' | 'projected_commission' | 'projected_network_fees') => sum(list.map((r) => r[key]));
	const hasRevenue = selected.filter((c) => rows.some((r) => r.channel === c && r.projected_revenue > 0));
	// A channel's baseline week: its reconciled forecast, or its recent mean when too short to forecast.
	const baseOf = (channel: string) => {
		const own = baseline.byChannel.find((c) => c.channel === channel && c.revenue && c.cost);
		if (own) return { cost: own.cost!.total / o.horizon, revenue: own.revenue!.total / o.horizon };
		const recent = rows.filter((r) => r.channel === channel && recentWeeks.includes(r.week_start));
		return { cost: mean(recent.map((r) => r.projected_cost)), revenue: mean(recent.map((r) => r.projected_revenue)) };
	};
	// Revenue without cost in the baseline cannot be bought with spend: it is held as it is in every scenario.
	const revenueChannels = hasRevenue.filter((c) => baseOf(c).cost > 0);
	const fixedRevenue = sum(hasRevenue.filter((c) => !revenueChannels.includes(c)).map((c) => baseOf(c).revenue));
	// The cost the baseline total holds flat: program-level costs and the cost of channels too short to
	// forecast are counted in the channels' own rows below, so only the program-level part is fixed here.
	const fixedCost = sum(selected.filter((c) => !hasRevenue.includes(c)).map((c) => total(of(c, recentWeeks), 'projected_cost') / Math.max(1, recentWeeks.length)));

	const curves: BudgetChannelCurve[] = revenueChannels.map((channel) => {
		const recent = of(channel, recentWeeks);
		const trailing = of(channel, trailingWeeks);
		const trailingCost = total(trailing, 'projected_cost');
		const trailingRoas = trailingCost > 0 ? total(trailing, 'projected_revenue') / trailingCost : null;
		const pairs = of(channel, fitWeeks).map((r) => ({ cost: r.projected_cost, revenue: r.projected_revenue }));
		const fitted = chooseResponseCurve(pairs, { trailingRoas, minWeeks: MIN_FIT_WEEKS, minR2: MIN_FIT_R2 });
		const recentCost = mean(recent.map((r) => r.projected_cost));
		// One story: the curve keeps its shape (b) but passes through the channel's baseline forecast week
		// (reconciled to the total), so "hold" at that spend is the baseline, and the season the curves cannot
		// see is in the anchor.
		const base = baseOf(channel);
		const choice = base.cost > 0 && base.revenue > 0 ? { ...fitted, curve: { ...fitted.curve, a: base.revenue / base.cost ** fitted.curve.b } } : fitted;
		const bounds = { min: o.min * base.cost, max: o.max * base.cost };
		const observed = pairs.filter((p) => p.cost > 0 && p.revenue > 0).map((p) => p.cost);
		const extrapolated = observed.length === 0 || bounds.max > Math.max(...observed) * 1.05 || bounds.min < Math.min(...observed) * 0.95;
		return {
			channel,
			...choice,
			fitWeeks: { from: fitWeeks[0]!, to: addDays(fitWeeks.at(-1)!, 6) },
			recent: { cost: recentCost, revenue: mean(recent.map((r) => r.projected_revenue)) },
			baseline: base,
			trailingRoas,
			bounds,
			extrapolated
		};
	});

	const baselineTotals = { revenue: baseline.total.revenue.total, cost: baseline.total.cost.total };
	const target = o.target ?? round3(baselineTotals.revenue * (1 + DEFAULT_TARGET_UPLIFT));
	const targetWeekly = target / o.horizon;
	const breakEven = 1 / o.grossMargin;
	const floor = o.floor ?? breakEven;
	const scenarioChannels: ScenarioChannel[] = curves.map((c) => ({ channel: c.channel, curve: c.curve, min: c.bounds.min, max: c.bounds.max, recent: c.baseline.cost }));
	const scenarios = budgetScenarios({ channels: scenarioChannels, targetWeekly, floor, horizon: o.horizon, fixedCost, fixedRevenue, grossMargin: o.grossMargin });
	const reach = scenarios.find((s) => s.key === 'target')!;

	const warnings: string[] = [];
	const status = reach.status!;
	const reachable = reach.reachable!;
	let message: string;
	if (status === 'above-maximum')
		message = `${fmt(target)} is out of reach: even at ${o.max}x the baseline spend in every channel the curves bring at most ${fmt(reachable.max * o.horizon)} over ${o.horizon} weeks.`;
	else if (status === 'below-minimum')
		message = `${fmt(target)} is below what the channels bring even at ${o.min}x the baseline spend (${fmt(reachable.min * o.horizon)} over ${o.horizon} weeks): spend can fall to the lower bounds.`;
	else
		message = `Reaching ${fmt(target)} over ${o.horizon} weeks takes ${fmt(reach.total.cost)} in total cost (${fmt(reach.weekly.cost)} a week); every channel not held by a bound is spent down to a marginal ROAS of ${reach.thresholdRoas === null || reach.thresholdRoas === undefined ? '–' : reach.thresholdRoas.toFixed(2)}.`;
	if (curves.length === 0) message = 'None of the chosen channels has revenue: there is no budget to plan.';
	if (status !== 'reached' || curves.length === 0) warnings.push(message);
	for (const r of reach.rows) {
		if (r.belowBreakEven) warnings.push(`${r.channel}: marginal ROAS ${r.marginalRoas!.toFixed(2)} at the target budget is below break-even ${breakEven.toFixed(2)} (1 / gross margin ${o.grossMargin}): its last unit of spend loses money.`);
	}
	const linear = curves.filter((c) => c.fallbackReason);
	if (linear.length) warnings.push(`${linear.map((c) => c.channel).join(', ')}: no diminishing-returns curve could be fitted; a straight line through the trailing ROAS is used (see the curves).`);
	const extrapolated = curves.filter((c) => c.extrapolated);
	if (extrapolated.length) warnings.push(`${extrapolated.map((c) => c.channel).join(', ')}: the bounds reach weekly costs outside those the curve was fitted on, so it is extrapolated there.`);

	const trailingRows = trailingRoasBudget(
		revenueChannels.map((channel) => {
			const t = of(channel, trailingWeeks);
			return { channel, revenue: total(t, 'projected_revenue') / Math.max(1, trailingWeeks.length), cost: total(t, 'projected_cost') / Math.max(1, trailingWeeks.length) };
		}),
		targetWeekly
	);
	const trailingCost = trailingRows.some((r) => r.cost === null) ? null : sum(trailingRows.map((r) => r.cost!)) + fixedCost;

	const trailing = rows.filter((r) => trailingWeeks.includes(r.week_start));
	const trailingRevenue = total(trailing, 'projected_revenue');
	const commissionShare = trailingRevenue > 0 ? total(trailing, 'projected_commission') / trailingRevenue : 0;
	const feeShare = trailingRevenue > 0 ? total(trailing, 'projected_network_fees') / trailingRevenue : 0;
	const rateOf = (channel: string) => inputs.reversal.channels.find((c) => c.channel === channel)?.applied ?? inputs.reversal.program.applied;
	const reversalRate = trailingRevenue > 0 ? sum(revenueChannels.map((c) => rateOf(c) * total(of(c, trailingWeeks), 'projected_revenue'))) / trailingRevenue : inputs.reversal.program.applied;
	// The grid's base must be the baseline itself (same revenue, same cost, so the same ROAS on every panel):
	// when commission and fees at their recent shares exceed the forecast cost, they are scaled down to it.
	const variable = (commissionShare + feeShare) * baselineTotals.revenue;
	const squeeze = variable > baselineTotals.cost && variable > 0 ? baselineTotals.cost / variable : 1;
	const commission = commissionShare * baselineTotals.revenue * squeeze;
	const networkFees = feeShare * baselineTotals.revenue * squeeze;
	const otherCosts = Math.max(0, baselineTotals.cost - commission - networkFees);
	const grid = sensitivityGrid({ revenue: baselineTotals.revenue, commission, networkFees, otherCosts, reversalRate, grossMargin: o.grossMargin });

	const lagDays = liability.validationLagDays ?? DEFAULT_VALIDATION_LAG_DAYS;
	const months = commissionLiability(
		liability.rows.filter((r) => selected.includes(r.channel)),
		{ asOf: inputs.dataThrough, validationLagDays: lagDays, reversalRate: rateOf }
	);
	const liabilityTotal = {
		approved: sum(months.map((m) => m.approved)),
		pending: sum(months.map((m) => m.pending)),
		pendingExpected: sum(months.map((m) => m.pendingExpected)),
		expected: sum(months.map((m) => m.expected))
	};

	return {
		horizon: o.horizon,
		dataThrough: inputs.dataThrough,
		target: { value: target, weekly: targetWeekly, source: o.target === null ? 'default' : 'request' },
		baseline: { ...baselineTotals, roas: baselineTotals.cost > 0 ? baselineTotals.revenue / baselineTotals.cost : null },
		grossMargin: o.grossMargin,
		breakEvenRoas: breakEven,
		floor,
		bounds: { min: o.min, max: o.max },
		recentWeeks: { from: recentWeeks[0]!, to: addDays(recentWeeks.at(-1)!, 6) },
		curves,
		fixedCost,
		fixedRevenue,
		allocation: {
			status,
			message,
			thresholdRoas: reach.thresholdRoas ?? null,
			rows: reach.rows.map((r) => ({ ...r, horizonCost: r.cost * o.horizon, horizonRevenue: r.revenue * o.horizon })),
			reachable: { min: reachable.min * o.horizon, max: reachable.max * o.horizon }
		},
		byTrailingRoas: { rows: trailingRows, cost: trailingCost, horizonCost: trailingCost === null ? null : trailingCost * o.horizon },
		scenarios,
		sensitivity: { base: { ...grid.base, commission, networkFees, otherCosts, reversalRate }, cells: grid.cells, rules: SENSITIVITY_RULES },
		liability: { rule: LIABILITY_RULE, validationLagDays: lagDays, months, total: liabilityTotal },
		assumptions: budgetAssumptions({ o, target, targetWeekly, breakEven, floor, fixedCost, recentWeeks, fitWeeks, lagDays, liability, defaulted: o.target === null }),
		warnings
	};
}

function budgetAssumptions(a: {
	o: BudgetOptions;
	target: number;
	targetWeekly: number;
	breakEven: number;
	floor: number;
	fixedCost: number;
	recentWeeks: readonly string[];
	fitWeeks: readonly string[];
	lagDays: number;
	liability: LiabilityInputs;
	defaulted: boolean;
}): Assumption[] {
	const { o } = a;
	return [
		{
			key: 'target',
			text: `Target: ${fmt(a.target)} of net revenue over the next ${o.horizon} weeks (${a.defaulted ? `no target given: the baseline forecast + ${DEFAULT_TARGET_UPLIFT * 100}%, rounded` : 'as requested'}), i.e. ${fmt(a.targetWeekly)} a week. The plan spends the same every week of the horizon; the season comes from the baseline forecast the curves are anchored to.`
		},
		{
			key: 'recent-spend',
			text: `Baseline spend: a channel's weekly cost in the baseline forecast (reconciled to the total). "Hold budget" keeps it, so it reproduces the baseline forecast; each channel's weekly budget stays between ${o.min}x and ${o.max}x of it (?min=, ?max=). Recent spend (mean weekly cost over the last ${RECENT_WEEKS} complete weeks, ${a.recentWeeks[0]} to ${addDays(a.recentWeeks.at(-1)!, 6)}) is shown beside it.`
		},
		{
			key: 'curves',
			text: `Response curves: revenue = a x cost^b per channel, fitted by least squares on logs over the last ${a.fitWeeks.length} complete weeks (${a.fitWeeks[0]} to ${addDays(a.fitWeeks.at(-1)!, 6)}; projected-final revenue and cost, weeks where both are above 0). A curve is kept when at least ${MIN_FIT_WEEKS} weeks support it, 0 < b <= 1 (diminishing returns) and it explains at least ${MIN_FIT_R2 * 100}% of the weekly variation in revenue (on logs); otherwise a straight line through the channel's trailing ${TRAILING_WEEKS}-week ROAS is used and flagged. Each curve keeps its fitted shape (b) and is then scaled (a) to pass through the channel's baseline forecast week, so the season the curves cannot see comes from the forecast. The curves describe how revenue moved with cost in the past (season and commission move both), not proof that more spend causes more revenue.`
		},
		{ key: 'marginal', text: 'Marginal ROAS = dRevenue / dCost = a x b x cost^(b - 1): the revenue the next unit of cost brings.' },
		{
			key: 'allocation',
			text: 'Reach target: the total cost is minimised subject to the channels\' curve revenues adding up to the weekly target, within the bounds; at the optimum every channel not held by a bound has the same marginal ROAS (found by bisection on it). A target above what the upper bounds allow, or below what the lower bounds already bring, is reported as out of reach.'
		},
		{ key: 'break-even', text: `Break-even marginal ROAS = 1 / gross margin = 1 / ${o.grossMargin} = ${a.breakEven.toFixed(2)} (gross margin from the configuration or ?margin=): below it the next unit of spend earns less gross margin than it costs, and the channel is flagged.` },
		{ key: 'scenarios', text: `Scenarios: hold (every channel keeps its baseline spend: the baseline forecast), reach target, and ROAS floor (every channel spends until its marginal ROAS falls to ${a.floor.toFixed(2)}${o.floor === null ? ', the break-even' : ''}; ?floor=), all within the bounds.` },
		{ key: 'fixed-cost', text: `Costs outside the channels (program-level fees: ${fmt(a.fixedCost)} a week, their recent mean) are held in every scenario and count in total cost, ROAS and net contribution (revenue x gross margin - cost).` },
		{ key: 'trailing', text: `By trailing ROAS: the target is split by the channels' revenue shares over the last ${TRAILING_WEEKS} weeks and each share divided by the channel's ${TRAILING_WEEKS}-week ROAS (no diminishing returns); program-level costs are added.` },
		{
			key: 'sensitivity',
			text: `Sensitivity: around the baseline forecast over the horizon (total revenue and cost), commission and network fees taken as their shares of revenue over the last ${TRAILING_WEEKS} weeks and other costs as the rest of the forecast cost; the reversal rate is the revenue-weighted value reversal rate of the channels. One factor moves at a time: ${SENSITIVITY_FACTORS.map((f) => SENSITIVITY_RULES[f]).join('; ')}.`
		},
		{
			key: 'liability',
			text: `${LIABILITY_RULE} Validation lag: ${a.lagDays.toFixed(1)} days, ${a.liability.validationLagDays === null ? `a default, since no sale was validated between ${a.liability.lagWindow.from} and ${a.liability.lagWindow.to}` : `the median over sales validated ${a.liability.lagWindow.from} to ${a.liability.lagWindow.to}`}. Paid sales are settled and not included. Amounts in the base currency at the FX rate of the conversion day.`
		}
	];
}
