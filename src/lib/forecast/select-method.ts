/**
 * Choose one method from scored candidates and say why. Called by forecast with backtest MASE (or AICc when
 * the series was too short to backtest).
 */
import { METHOD_NAMES, type MethodName } from './types.ts';

export interface Selection {
	readonly chosen: MethodName;
	readonly reason: string;
}

/**
 * The candidate with the lowest score; scores within 0.1% of each other tie and the tie goes to the simpler
 * method (earlier in METHOD_NAMES). The reason names the winner's score, the runners-up and the seasonal
 * naive benchmark, e.g. "lowest mean backtest MASE: damped 0.712; then comb 0.731, theta 0.804;
 * seasonal-naive 1.000".
 *
 * Complexity: O(k log k) for k candidates.
 *
 * @example
 * selectMethod({ naive: 1.2, ses: 0.9, holt: 0.9005 }, 'mean backtest MASE').chosen; // => 'ses' (tie, simpler)
 */
export function selectMethod(scores: Readonly<Partial<Record<MethodName, number>>>, label: string): Selection {
	const ranked = METHOD_NAMES.filter((m) => scores[m] !== undefined && Number.isFinite(scores[m]))
		.map((m) => ({ m, s: scores[m]!, rank: METHOD_NAMES.indexOf(m) }))
		.sort((a, b) => a.s - b.s || a.rank - b.rank);
	if (ranked.length === 0) throw new RangeError('selectMethod: no candidate has a finite score');
	const tolerance = (s: number) => Math.abs(s) * 1e-3 + 1e-12;
	const best = ranked[0]!.s;
	const tied = ranked.filter((r) => r.s - best <= tolerance(best)).sort((a, b) => a.rank - b.rank);
	const chosen = tied[0]!.m;
	const fmt = (s: number) => (Math.abs(s) >= 1000 ? s.toFixed(1) : s.toFixed(3));
	const others = ranked.filter((r) => r.m !== chosen);
	const runnersUp = others.slice(0, 3).map((r) => `${r.m} ${fmt(r.s)}`);
	const benchmark = others.slice(3).find((r) => r.m === 'seasonal-naive');
	let reason = `lowest ${label}: ${chosen} ${fmt(scores[chosen]!)}`;
	if (tied.length > 1) reason += ` (tied with ${tied.slice(1).map((r) => r.m).join(', ')}; the simpler method wins ties)`;
	if (runnersUp.length > 0) reason += `; then ${runnersUp.join(', ')}`;
	if (benchmark) reason += `; seasonal-naive ${fmt(benchmark.s)}`;
	return { chosen, reason };
}
