/**
 * The Forecast page's tables, pure: the columns of each table and the rows it shows, built from the revenue
 * and budget answers. Called by the page's panels (RevenueDetails, ChannelForecastsPanel, BudgetDetails, ...).
 */
import type { SeriesForecast } from '$lib/planning/forecast-types';
import { formatPercent } from '$lib/format';
import { changeKey, type BudgetView, type RevenueView } from './forecast-view';

export const errorsText = (s: SeriesForecast | null): string => (s?.errors ? `MASE ${s.errors.mase.toFixed(2)} · sMAPE ${s.errors.smape.toFixed(1)}%` : 'no backtest');

export const whyText = (s: SeriesForecast): string =>
	`${s.method}${s.period > 1 ? ` (period ${s.period})` : ''}: ${s.reason}. ${s.origins ? `Backtest over ${s.origins} origins x ${s.backtestHorizon} weeks; ` : ''}80% interval held ${s.coverage['80'] === undefined ? '–' : formatPercent(s.coverage['80'], 0)} and 95% held ${s.coverage['95'] === undefined ? '–' : formatPercent(s.coverage['95'], 0)} of backtest actuals.`;

export const weeklyColumns = [
	{ key: 'week_start', label: 'Week of' },
	{ key: 'revenue', label: 'Revenue', unit: 'money' as const },
	{ key: 'lo80', label: '80% low', unit: 'money' as const },
	{ key: 'hi80', label: '80% high', unit: 'money' as const },
	{ key: 'lo95', label: '95% low', unit: 'money' as const },
	{ key: 'hi95', label: '95% high', unit: 'money' as const },
	{ key: 'cost', label: 'Cost', unit: 'money' as const },
	{ key: 'roas', label: 'ROAS', unit: 'ratio' as const }
];

export function weeklyRows(r: RevenueView) {
	return r.total.revenue.points.map((p, i) => ({ week_start: p.week_start, revenue: p.value, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95, cost: r.total.cost.points[i]?.value ?? null, roas: r.total.roas[i]?.value ?? null }));
}

export const channelColumns = [
	{ key: 'channel', label: 'Channel' },
	{ key: 'revenue', label: 'Revenue (horizon)', unit: 'money' as const },
	{ key: 'cost', label: 'Cost (horizon)', unit: 'money' as const },
	{ key: 'roas', label: 'ROAS', unit: 'ratio' as const },
	{ key: 'method', label: 'Method', align: 'left' as const },
	{ key: 'mase', label: 'Backtest MASE', unit: 'ratio' as const, title: 'Mean absolute scaled error of the revenue forecast in the backtest (below 1: better than the seasonal naive forecast in sample)' },
	{ key: 'smape', label: 'sMAPE %', unit: 'count' as const, title: 'Symmetric mean absolute percentage error of the revenue forecast in the backtest' }
];

export function channelRows(r: RevenueView) {
	return r.byChannel.map((c) => ({
		channel: c.channel,
		revenue: c.revenue?.total ?? null,
		cost: c.cost?.total ?? null,
		roas: c.revenue && c.cost && c.cost.total > 0 ? c.revenue.total / c.cost.total : null,
		method: c.revenue?.method ?? c.note ?? '',
		mase: c.revenue?.errors?.mase ?? null,
		smape: c.revenue?.errors ? Number(c.revenue.errors.smape.toFixed(1)) : null
	}));
}

export const maturityColumns = [
	{ key: 'week_start', label: 'Week of' },
	{ key: 'age_days', label: 'Days since', unit: 'count' as const, title: 'Days from the last day of the week to the last day of data' },
	{ key: 'provisional_revenue', label: 'Provisional', unit: 'money' as const, title: 'Revenue of sales not reversed as of today (pending ones included)' },
	{ key: 'approved_revenue', label: 'Approved', unit: 'money' as const },
	{ key: 'pending_revenue', label: 'Pending', unit: 'money' as const },
	{ key: 'pending_share', label: 'Pending share', unit: 'percent' as const },
	{ key: 'projected_revenue', label: 'Projected final', unit: 'money' as const, title: 'Approved + pending x (1 - the channel reversal rate)' }
];

export const rateColumns = [
	{ key: 'channel', label: 'Channel' },
	{ key: 'decided', label: 'Decided', unit: 'count' as const, title: 'Approved, paid or reversed sales in the matured window' },
	{ key: 'countRate', label: 'Rate (count)', unit: 'percent' as const, title: 'Reversed / decided sales' },
	{ key: 'valueRate', label: 'Rate (value)', unit: 'percent' as const, title: 'Reversed / (approved + reversed) revenue' },
	{ key: 'applied', label: 'Applied', unit: 'percent' as const, title: "The value rate the projection uses: the channel's own, or all channels' when it has too few decided sales" },
	{ key: 'source', label: 'Source', align: 'left' as const }
];

export const allocationColumns = [
	{ key: 'channel', label: 'Channel' },
	{ key: 'recent', label: 'Baseline / week', unit: 'money' as const, title: 'The channel\'s weekly cost in the baseline forecast: what "hold budget" spends' },
	{ key: 'cost', label: 'Budget / week', unit: 'money' as const },
	{ key: 'horizonCost', label: 'Budget (horizon)', unit: 'money' as const },
	{ key: 'horizonRevenue', label: 'Revenue (horizon)', unit: 'money' as const },
	{ key: 'roas', label: 'ROAS', unit: 'ratio' as const },
	{ key: 'marginalRoas', label: 'Marginal ROAS', unit: 'ratio' as const, title: 'Revenue the next unit of cost brings at this budget: a x b x cost^(b - 1)' },
	{ key: 'bound', label: 'Bound', align: 'left' as const },
	{ key: 'flag', label: 'Break-even', align: 'left' as const },
	{ key: 'trailing', label: 'By trailing ROAS / week', unit: 'money' as const, title: 'The target split by trailing revenue share and divided by the trailing ROAS (no diminishing returns)' }
];

export function allocationRows(b: BudgetView) {
	return b.allocation.rows.map((r) => ({
		channel: r.channel,
		recent: b.curves.find((c) => c.channel === r.channel)?.baseline.cost ?? null,
		cost: r.cost,
		horizonCost: r.horizonCost,
		horizonRevenue: r.horizonRevenue,
		roas: r.roas,
		marginalRoas: r.marginalRoas,
		bound: r.atBound ? `at ${r.atBound}` : '',
		flag: r.belowBreakEven ? '⚠ below' : 'ok',
		trailing: b.byTrailingRoas.rows.find((t) => t.channel === r.channel)?.cost ?? null
	}));
}

export const curveColumns = [
	{ key: 'channel', label: 'Channel' },
	{ key: 'kind', label: 'Curve', align: 'left' as const },
	{ key: 'a', label: 'a', align: 'right' as const },
	{ key: 'b', label: 'b', align: 'right' as const },
	{ key: 'r2', label: 'R² (logs)', unit: 'percent' as const },
	{ key: 'weeks', label: 'Weeks', unit: 'count' as const },
	{ key: 'trailingRoas', label: 'Trailing ROAS', unit: 'ratio' as const },
	{ key: 'min', label: 'Min / week', unit: 'money' as const },
	{ key: 'max', label: 'Max / week', unit: 'money' as const },
	{ key: 'note', label: 'Note', align: 'left' as const }
];

export function curveRows(b: BudgetView) {
	return b.curves.map((c) => ({
		channel: c.channel,
		kind: c.curve.kind === 'power' ? 'a x cost^b' : 'linear (trailing ROAS)',
		a: c.curve.a.toPrecision(4),
		b: c.curve.b.toFixed(3),
		r2: c.fit?.r2 ?? null,
		weeks: c.fit?.n ?? null,
		trailingRoas: c.trailingRoas,
		min: c.bounds.min,
		max: c.bounds.max,
		note: [c.fallbackReason, c.extrapolated ? 'extrapolated beyond the fitted costs' : null].filter(Boolean).join('; ')
	}));
}

export const SCENARIO_KEYS = ['hold', 'target', 'floor'] as const;

export const liabilityColumns = [
	{ key: 'month', label: 'Due' },
	{ key: 'expected', label: 'Expected', unit: 'money' as const, title: 'Approved + pending net of expected reversals' },
	{ key: 'approved', label: 'Approved', unit: 'money' as const, title: 'Commission of approved sales not yet paid' },
	{ key: 'pending', label: 'Pending', unit: 'money' as const, title: 'Commission of pending sales before reversals' },
	{ key: 'pendingExpected', label: 'Pending net', unit: 'money' as const, title: 'Pending commission x (1 - the channel reversal rate)' },
	{ key: 'sales', label: 'Sales', unit: 'count' as const }
];

const CHANGES = [-0.2, -0.1, 0.1, 0.2];
export const sensitivityColumns = (unit: 'money' | 'ratio') => [
	{ key: 'factor', label: 'Change in' },
	...CHANGES.slice(0, 2).map((c) => ({ key: changeKey(c), label: `${Math.round(c * 100)}%`, unit })),
	{ key: 'base', label: 'Base', unit },
	...CHANGES.slice(2).map((c) => ({ key: changeKey(c), label: `+${Math.round(c * 100)}%`, unit }))
];
