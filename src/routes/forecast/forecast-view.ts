/**
 * Pure helpers of the Forecast page: the API shapes it reads (with the meta block), which URL parameters go
 * to which endpoint, tooltips with model versions and freshness, and the pivots of the scenario and
 * sensitivity tables.
 */
import type { BudgetResponse, RevenueForecastResponse } from '$lib/api/forecast';
import type { Scenario } from '$lib/planning/budget-scenarios';
import type { SensitivityCell, SensitivityFactor } from '$lib/planning/sensitivity-grid';
import type { ReportMeta } from '$lib/ui/metric-types';

/** The answers as the contract in $lib/api/forecast.ts types them. */
export type RevenueView = RevenueForecastResponse;
export type BudgetView = BudgetResponse;

/** The page's own URL parameters (beside the channel filter): the forecast's and the budget's. */
export const REVENUE_PARAMS = ['channel', 'horizon'] as const;
export const BUDGET_PARAMS = ['channel', 'horizon', 'target', 'min', 'max', 'floor', 'margin'] as const;
export const HORIZONS = [4, 8, 13, 26] as const;

/** The query string an endpoint gets: the named parameters the page URL carries, nothing else. */
export function apiParams(url: URL, names: readonly string[]): URLSearchParams {
	const out = new URLSearchParams();
	for (const name of names) {
		const value = url.searchParams.get(name);
		if (value !== null && value !== '') out.set(name, value);
	}
	return out;
}

/** The page URL with some parameters set (null or '' removes one). */
export function withParams(url: URL, changes: Readonly<Record<string, string | null>>): string {
	const next = new URL(url);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === '') next.searchParams.delete(key);
		else next.searchParams.set(key, value);
	}
	return `${next.pathname}${next.search}`;
}

/** A tooltip for a forecast figure: what it is, then the model versions and the data's freshness. */
export function forecastTooltip(meta: ReportMeta, text: string): string {
	const versions = Object.entries(meta.modelVersions)
		.map(([name, v]) => `${name}@${v.slice(0, 8)}`)
		.join(', ');
	return `${text} Models: ${versions} (publish #${meta.publishId}). Data through ${meta.dataThrough}.`;
}

export const FACTOR_LABELS: Readonly<Record<SensitivityFactor, string>> = {
	conversion_rate: 'Conversion rate',
	order_value: 'Order value',
	reversal_rate: 'Reversal rate',
	commission_rate: 'Commission rate'
};

/** The sensitivity cells as one row per factor and measure, one column per change (c-20, c-10, base, c10, c20). */
export function sensitivityRows(cells: readonly SensitivityCell[], base: { revenue: number; roas: number | null }, measure: 'revenue' | 'roas'): Record<string, string | number | null>[] {
	const factors = [...new Set(cells.map((c) => c.factor))];
	return factors.map((factor) => {
		const row: Record<string, string | number | null> = { factor: FACTOR_LABELS[factor], base: base[measure] };
		for (const c of cells.filter((x) => x.factor === factor)) row[changeKey(c.change)] = c[measure];
		return row;
	});
}

/** Column key of a relative change: -0.2 -> 'c-20'. */
export function changeKey(change: number): string {
	return `c${Math.round(change * 100)}`;
}

/** Scenarios side by side: one row per measure, one column per scenario (the totals over the horizon). */
export function scenarioTotals(scenarios: readonly Scenario[]): Record<string, string | number | null>[] {
	const measures = [
		['cost', 'Total cost'],
		['revenue', 'Revenue'],
		['roas', 'ROAS'],
		['netContribution', 'Net contribution']
	] as const;
	return measures.map(([key, label]) => Object.fromEntries([['measure', label], ...scenarios.map((s) => [s.key, s.total[key]])]));
}

/** Weekly cost per channel under each scenario, one row per channel. */
export function scenarioChannels(scenarios: readonly Scenario[]): Record<string, string | number | null>[] {
	const channels = scenarios[0]?.rows.map((r) => r.channel) ?? [];
	return channels.map((channel) =>
		Object.fromEntries([
			['channel', channel],
			...scenarios.flatMap((s) => {
				const r = s.rows.find((x) => x.channel === channel);
				return [
					[`${s.key}_cost`, r?.cost ?? null],
					[`${s.key}_marginal`, r?.marginalRoas ?? null]
				];
			})
		])
	);
}

/** Every assumption of both answers, once each (the same key from both endpoints is the same text). */
export function allAssumptions(...answers: readonly ({ assumptions: readonly { key: string; text: string }[] } | null)[]): { key: string; text: string }[] {
	const seen = new Map<string, string>();
	for (const a of answers) for (const x of a?.assumptions ?? []) if (!seen.has(x.key)) seen.set(x.key, x.text);
	return [...seen].map(([key, text]) => ({ key, text }));
}

/** Parses a target typed by a person: digits with optional thousands separators, or k / m suffixes. */
export function parseTarget(raw: string): number | null {
	const text = raw.trim().toLowerCase().replace(/[\s,_']/g, '');
	const match = /^(\d+(?:\.\d+)?)([km]?)$/.exec(text);
	if (!match) return null;
	const n = Number(match[1]) * (match[2] === 'k' ? 1e3 : match[2] === 'm' ? 1e6 : 1);
	return n > 0 && Number.isFinite(n) ? n : null;
}
