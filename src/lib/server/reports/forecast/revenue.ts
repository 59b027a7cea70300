/**
 * The baseline projection behind GET /api/v1/forecast/revenue: weekly net revenue, cost and ROAS for the
 * next `horizon` complete weeks, in total and per channel, each with prediction intervals and the backtest
 * that chose its method; the total as it would have been forecast `holdout` weeks ago against what happened;
 * and the maturity table (provisional vs projected-final revenue of the recent weeks). Pure over the inputs
 * (inputs.ts) apart from yielding to the event loop between series, so other requests are served.
 */
import { forecast, type ForecastWarning, type SeriesPoint } from '../../../forecast/index.ts';
import { pastForecast } from '../../../planning/past-forecast.ts';
import { weeklyPeriod } from '../../../planning/weekly-period.ts';
import type { Assumption, ChannelForecast, HistoryWeek, MaturityChannelWeek, MaturityWeek, RevenueForecastAnswer, SeriesForecast } from '../../../planning/forecast-types.ts';
import { addDays, daysBetween } from '../params/date-range.ts';
import { MATURED_AFTER_DAYS, MIN_DECIDED_SALES, type ForecastInputs } from './inputs.ts';

export interface RevenueForecastOptions {
	readonly horizon: number;
	/** Channels to forecast; empty = every channel (and program-level costs in the total). */
	readonly channels: readonly string[];
}

/** Weeks shown in the maturity table. */
export const MATURITY_WEEKS = 13;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Forecasts one weekly series; interval bounds below 0 are raised to 0 (money cannot be negative). */
export function weeklySeriesForecast(series: readonly SeriesPoint[], horizon: number): SeriesForecast {
	// Affiliate revenue and cost peak on retail holidays: line them up by date (Black Friday moves by a week).
	const result = forecast(series, { horizon, period: weeklyPeriod(series.length), frequency: 'week', levels: [80, 95], holidays: 'retail' });
	const chosen = result.backtest.errors[result.method];
	const points = result.points.map((p) => ({
		week_start: p.date!,
		value: Math.max(0, p.value),
		lo80: Math.max(0, p.lo80!),
		hi80: Math.max(0, p.hi80!),
		lo95: Math.max(0, p.lo95!),
		hi95: Math.max(0, p.hi95!)
	}));
	return {
		method: result.method,
		period: result.period,
		criterion: result.backtest.criterion,
		reason: result.backtest.reason,
		intervals: result.backtest.intervals,
		origins: result.backtest.origins,
		backtestHorizon: result.backtest.horizon,
		errors: chosen ? { mase: chosen.mase, smape: chosen.smape, mae: chosen.mae } : null,
		coverage: result.backtest.coverage,
		points,
		total: points.reduce((s, p) => s + p.value, 0),
		warnings: result.warnings,
		notes: result.notes,
		season: result.backtest.season ? { origins: result.backtest.season.origins, errors: { mase: result.backtest.season.errors.mase, smape: result.backtest.season.errors.smape, mae: result.backtest.season.errors.mae } } : null,
		seasonNote: result.backtest.seasonNote
	};
}

/** The warning a reader needs first, by how much it changes what the numbers mean. */
const WARNING_RANK: readonly ForecastWarning['key'][] = ['no-yearly-season', 'level-vs-last-year', 'short-history', 'season-not-backtested', 'gaps', 'other'];
export function headlineWarning<T extends { readonly key: string }>(notes: readonly T[]): T | null {
	for (const key of WARNING_RANK) {
		const hit = notes.find((n) => n.key === key);
		if (hit) return hit;
	}
	return null;
}

/**
 * Scales each channel's weekly forecast (point and bounds) so the channels add up to `target` week by week
 * (proportional reconciliation: every channel keeps its share of the week). `fixed` is the part of the
 * target outside the channels (program-level costs). A week where the channels sum to 0 is left alone.
 */
export function reconcile(channels: readonly SeriesForecast[], target: SeriesForecast, fixed: readonly number[] = []): SeriesForecast[] {
	const factors = target.points.map((p, i) => {
		const sum = channels.reduce((s, c) => s + (c.points[i]?.value ?? 0), 0);
		const want = Math.max(0, p.value - (fixed[i] ?? 0));
		return sum > 0 ? want / sum : 1;
	});
	return channels.map((c) => {
		const points = c.points.map((p, i) => ({ week_start: p.week_start, value: p.value * factors[i]!, lo80: p.lo80 * factors[i]!, hi80: p.hi80 * factors[i]!, lo95: p.lo95 * factors[i]!, hi95: p.hi95 * factors[i]! }));
		return { ...c, points, total: points.reduce((s, p) => s + p.value, 0), reconciled: true };
	});
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Weeks held out for "actuals vs a past forecast": 13 when 26 remain to fit, else 8 when 12 remain. */
export function pastHoldout(weeks: number): number | null {
	if (weeks - 13 >= 26) return 13;
	if (weeks - 8 >= 12) return 8;
	return null;
}

export async function revenueForecast(inputs: ForecastInputs, options: RevenueForecastOptions): Promise<RevenueForecastAnswer> {
	const selected = options.channels.length ? inputs.channels.filter((c) => options.channels.includes(c)) : inputs.channels;
	const rows = inputs.weeks.filter((w) => selected.includes(w.channel));
	const warnings: string[] = [];
	if (options.channels.some((c) => !inputs.channels.includes(c))) warnings.push(`no data for channel ${options.channels.filter((c) => !inputs.channels.includes(c)).join(', ')}`);

	const history: HistoryWeek[] = inputs.weekStarts.map((week_start) => {
		const week = rows.filter((r) => r.week_start === week_start);
		const add = (k: 'projected_revenue' | 'projected_cost' | 'revenue' | 'cost') => week.reduce((s, r) => s + r[k], 0);
		const revenue = add('projected_revenue');
		const cost = add('projected_cost');
		return { week_start, revenue, cost, roas: ratio(revenue, cost), provisional_revenue: add('revenue'), provisional_cost: add('cost') };
	});
	const series = (key: 'revenue' | 'cost') => history.map((h) => ({ date: h.week_start, value: h[key] }));

	const totalRevenue = weeklySeriesForecast(series('revenue'), options.horizon);
	await yieldToEventLoop();
	const totalCost = weeklySeriesForecast(series('cost'), options.horizon);
	const roasOf = (revenue: SeriesForecast | null, cost: SeriesForecast | null) =>
		revenue && cost ? revenue.points.map((p, i) => ({ week_start: p.week_start, value: ratio(p.value, cost.points[i]!.value) })) : [];

	const byChannel: ChannelForecast[] = [];
	for (const channel of selected) {
		const own = rows.filter((r) => r.channel === channel);
		if (!own.some((r) => r.projected_revenue > 0)) continue; // program-level costs: in the total only
		const start = own.findIndex((r) => r.projected_revenue > 0 || r.projected_cost > 0);
		const active = own.slice(start);
		const channelHistory = active.map((r) => ({ week_start: r.week_start, revenue: r.projected_revenue, cost: r.projected_cost }));
		if (active.length < 4) {
			byChannel.push({ channel, history: channelHistory, revenue: null, cost: null, roas: [], note: `only ${active.length} complete weeks of data: too few to forecast` });
			continue;
		}
		await yieldToEventLoop();
		const revenue = weeklySeriesForecast(channelHistory.map((h) => ({ date: h.week_start, value: h.revenue })), options.horizon);
		await yieldToEventLoop();
		const cost = weeklySeriesForecast(channelHistory.map((h) => ({ date: h.week_start, value: h.cost })), options.horizon);
		byChannel.push({ channel, history: channelHistory, revenue, cost, roas: roasOf(revenue, cost), note: null });
	}

	// One story: the channels are scaled to the total week by week, so they add up to it. Program-level costs
	// (channels without revenue) and channels too short to forecast stay in the total at their recent weekly
	// mean (the last 4 complete weeks), as the budget's "hold" keeps them.
	const last4 = inputs.weekStarts.slice(-4);
	const recentMean = (channel: string, key: 'projected_revenue' | 'projected_cost') => rows.filter((r) => r.channel === channel && last4.includes(r.week_start)).reduce((a, r) => a + r[key], 0) / 4;
	const forecasted = byChannel.filter((c) => c.revenue && c.cost);
	const flat = selected.filter((c) => !forecasted.some((f) => f.channel === c));
	const programCost = flat.reduce((s, c) => s + recentMean(c, 'projected_cost'), 0);
	const flatRevenue = flat.reduce((s, c) => s + recentMean(c, 'projected_revenue'), 0);
	if (forecasted.length > 0) {
		const revenues = reconcile(forecasted.map((c) => c.revenue!), totalRevenue, totalRevenue.points.map(() => flatRevenue));
		const costs = reconcile(forecasted.map((c) => c.cost!), totalCost, totalCost.points.map(() => programCost));
		forecasted.forEach((c, i) => {
			const index = byChannel.indexOf(c);
			byChannel[index] = { ...c, revenue: revenues[i]!, cost: costs[i]!, roas: roasOf(revenues[i]!, costs[i]!) };
		});
	}

	const holdout = pastHoldout(history.length);
	let past: RevenueForecastAnswer['pastForecast'] = null;
	if (holdout) {
		await yieldToEventLoop();
		const options = (n: number) => ({ period: weeklyPeriod(n - holdout), frequency: 'week' as const, holidays: 'retail' as const });
		const revenue = pastForecast(series('revenue'), holdout, options(history.length));
		await yieldToEventLoop();
		const cost = pastForecast(series('cost'), holdout, options(history.length));
		past = { holdout, revenue, cost };
	}

	const recent = inputs.weekStarts.slice(-MATURITY_WEEKS);
	const ageDays = (week: string) => daysBetween(addDays(week, 6), inputs.dataThrough) - 1;
	const maturityWeeks: MaturityWeek[] = recent.map((week_start) => {
		const week = rows.filter((r) => r.week_start === week_start);
		const add = (k: 'revenue' | 'approved_revenue' | 'pending_revenue' | 'projected_revenue') => week.reduce((s, r) => s + r[k], 0);
		return {
			week_start,
			age_days: ageDays(week_start),
			provisional_revenue: add('revenue'),
			approved_revenue: add('approved_revenue'),
			pending_revenue: add('pending_revenue'),
			projected_revenue: add('projected_revenue'),
			pending_share: ratio(add('pending_revenue'), add('revenue'))
		};
	});
	const maturityChannels: MaturityChannelWeek[] = rows
		.filter((r) => recent.includes(r.week_start) && r.revenue > 0)
		.map((r) => ({ week_start: r.week_start, channel: r.channel, provisional_revenue: r.revenue, pending_revenue: r.pending_revenue, reversal_rate: r.reversal_rate, projected_revenue: r.projected_revenue }));

	const projectedWeeks = maturityWeeks.filter((w) => w.pending_revenue > 0).length;
	return {
		horizon: options.horizon,
		dataThrough: inputs.dataThrough,
		history: { from: inputs.weekStarts[0]!, to: addDays(inputs.weekStarts.at(-1)!, 6), weeks: inputs.weekStarts.length },
		channels: selected,
		total: { history, revenue: totalRevenue, cost: totalCost, roas: roasOf(totalRevenue, totalCost) },
		byChannel,
		pastForecast: past,
		maturity: { matured: inputs.matured, reversalRates: inputs.reversal, weeks: maturityWeeks, byChannel: maturityChannels },
		programCost,
		flatRevenue,
		headline: headlineWarning(totalRevenue.notes),
		assumptions: revenueAssumptions(inputs, { horizon: options.horizon, period: totalRevenue.period, holdout, projectedWeeks, filtered: options.channels.length > 0 }),
		warnings: [...warnings, ...totalRevenue.warnings.map((w) => `total revenue: ${w}`), ...totalCost.warnings.map((w) => `total cost: ${w}`)]
	};
}

function revenueAssumptions(inputs: ForecastInputs, o: { horizon: number; period: number; holdout: number | null; projectedWeeks: number; filtered: boolean }): Assumption[] {
	const first = inputs.weekStarts[0]!;
	const last = inputs.weekStarts.at(-1)!;
	const period =
		o.period === 52 ? 'a yearly cycle (52 weeks): with one to three years of history the yearly methods (seasonal naive x the recent year-over-year change, and a yearly profile of trend, Fourier terms and the repeatable peaks) model it; the weeks around Black Friday and Cyber Monday, Christmas and the New Year, and Easter are lined up by their date, not their week number (Black Friday is 53 weeks after the last one in some years)' : o.period === 13 ? 'a quarterly cycle (13 weeks), since the history is shorter than the year a yearly cycle needs' : 'no seasonal cycle (fewer than 28 weeks of history)';
	return [
		{
			key: 'weeks',
			text: `Weeks run ${WEEKDAYS[inputs.weekStart]} to ${WEEKDAYS[(inputs.weekStart + 6) % 7]} (UTC). The forecast is fitted on the ${inputs.weekStarts.length} complete weeks from ${first} to ${addDays(last, 6)}; the current week (data through ${inputs.dataThrough}) is incomplete and never used.`
		},
		{ key: 'revenue', text: 'Revenue is net revenue as the metric dictionary defines it (sale amount x FX rate of sales not reversed, on the day of conversion); cost is commission + network fees + other costs.' },
		{
			key: 'maturity',
			text: `Recent weeks still hold pending sales. Each week's revenue is projected to its final value: approved and paid revenue + pending revenue x (1 - r), where r is the channel's value reversal rate (reversed / (approved + reversed) revenue) of sales converted ${inputs.matured.from} to ${inputs.matured.to} (at least ${MATURED_AFTER_DAYS} days before the data ends, so nearly all decided). Channels with fewer than ${MIN_DECIDED_SALES} decided sales there use the rate of all channels. The rate by age of a still-pending sale cannot be observed from a latest-state export, so one rate per channel is used for every age.`
		},
		{ key: 'maturity-cost', text: 'Commission and network fees of pending sales are projected the same way (a reversed sale earns and costs nothing); other costs are taken as booked.' },
		{ key: 'forecast-input', text: `The forecasts are fitted on the projected-final weekly values; ${o.projectedWeeks} of the last ${MATURITY_WEEKS} weeks hold pending sales and so differ from today's provisional figures.` },
		{
			key: 'method',
			text: `Each series (total revenue, total cost, and revenue and cost per channel) gets its own method, chosen by the forecasting engine's rolling-origin backtest (lowest mean MASE over up to 12 origins; AICc when the series is too short), with ${period}. Intervals are the engine's 80% and 95% prediction intervals; bounds below 0 are raised to 0.`
		},
		{ key: 'horizon', text: `The horizon is the next ${o.horizon} complete weeks after ${addDays(last, 6)}.` },
		{ key: 'roas', text: 'ROAS forecast = revenue point forecast / cost point forecast, week by week; it has no interval of its own (revenue and cost errors move together).' },
		{
			key: 'total',
			text: `The total is forecast as a series of its own${o.filtered ? ' (the sum of the chosen channels)' : ', program-level costs included'}; each channel is forecast too and then scaled week by week so the channels add up to the total (program-level costs held at their recent weekly mean).`
		},
		{
			key: 'past',
			text: o.holdout
				? `Actuals vs a past forecast: the total was forecast again as if the data ended ${o.holdout} weeks earlier, with the same engine, and compared with the projected-final actuals of those weeks; MASE there is scaled by the in-sample seasonal-naive error of the shorter history.`
				: 'Actuals vs a past forecast need at least 20 complete weeks; there are fewer.'
		}
	];
}
