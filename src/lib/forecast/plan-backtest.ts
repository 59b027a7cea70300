/**
 * Where to cut a series for the rolling-origin backtest: how far ahead to forecast, from which origins, and
 * which candidate methods are long enough to take part. Called by forecast before backtest.
 */
import { methodMinLength } from './method-skip-reason.ts';
import type { MethodName } from './types.ts';

export interface BacktestPlan {
	/** Steps ahead forecast from each origin (<= the requested horizon). */
	readonly horizon: number;
	/** Training lengths, one per origin, consecutive and ending at n - horizon. */
	readonly origins: readonly number[];
	/** Candidates long enough at the first origin. */
	readonly methods: readonly MethodName[];
	/** Candidates left out because the first origin is too short for them. */
	readonly excluded: Readonly<Partial<Record<MethodName, string>>>;
}

export interface PlanBacktestOptions {
	readonly n: number;
	readonly horizon: number;
	readonly period: number;
	/** Candidates the whole series supports. */
	readonly methods: readonly MethodName[];
	/** Most origins to use (default 12). */
	readonly maxOrigins?: number;
	/** Fewest origins for a backtest worth having (default 3). */
	readonly minOrigins?: number;
	/** Periods per year of a dated series, for the yearly methods' minimum length. */
	readonly yearPeriod?: number;
}

/**
 * Backtest horizon: the requested horizon, but at most a quarter of the series. Origins: the last
 * `maxOrigins` cut points that leave a full backtest horizon after them, starting no earlier than the longest
 * minimum length that still leaves `minOrigins` origins; methods needing more are excluded. Returns undefined
 * when fewer than `minOrigins` origins, or fewer than 6 forecast errors in all, are possible: the caller then
 * chooses by AICc instead.
 *
 * Complexity: O(methods log methods).
 *
 * @example
 * planBacktest({ n: 120, horizon: 12, period: 12, methods: ['naive', 'holt-winters-additive'] });
 * // => { horizon: 12, origins: [97, ..., 108], methods: ['naive', 'holt-winters-additive'], excluded: {} }
 */
export function planBacktest(options: PlanBacktestOptions): BacktestPlan | undefined {
	const { n, period, methods } = options;
	const maxOrigins = options.maxOrigins ?? 12;
	const minOrigins = options.minOrigins ?? 3;
	const horizon = Math.max(1, Math.min(Math.floor(options.horizon), Math.floor(n / 4)));
	const lastOrigin = n - horizon;
	const needs = methods.map((m) => ({ method: m, need: Math.max(4, methodMinLength(m, period, options.yearPeriod)) }));
	const levels = [...new Set(needs.map((x) => x.need))].sort((a, b) => b - a);
	for (const need of levels) {
		const count = Math.min(maxOrigins, lastOrigin - need + 1);
		if (count < minOrigins || count * horizon < 6) continue;
		const first = lastOrigin - count + 1;
		const origins = Array.from({ length: count }, (_, i) => first + i);
		const included = needs.filter((x) => x.need <= first).map((x) => x.method);
		const excluded: Partial<Record<MethodName, string>> = {};
		for (const x of needs) {
			if (x.need > first) excluded[x.method] = `too short to backtest: needs ${x.need} observations before the first origin, had ${first}`;
		}
		return { horizon, origins, methods: included, excluded };
	}
	return undefined;
}
