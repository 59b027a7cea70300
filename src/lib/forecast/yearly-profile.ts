/**
 * The yearly method for short histories (one to three years): a smooth yearly curve (trend plus a few
 * Fourier terms, as Prophet models yearly seasonality) with the repeatable part of what the curve misses
 * (a sharp Black Friday peak) added back per position in the year, shrunk by how well it repeated from one
 * year to the next; the level follows the trend line, moved by exponential smoothing of what it misses. Works on
 * logs when every value is > 0 (a season that scales with the level). Called by fit-methods.
 */
import { ridgeRegression } from './ridge-regression.ts';
import type { ModelFit } from './types.ts';

export interface YearlyProfileOptions {
	readonly horizon: number;
	/** Whole periods per year (52 weeks, 12 months, 365 days): positions of the repeatable part. */
	readonly yearPeriod: number;
	/** Exact periods per year for the Fourier terms (365.25 / 7 for weeks); default yearPeriod. */
	readonly cycle?: number;
	/** A shorter cycle modelled by one effect per position (7 for days of the week); default none. */
	readonly weekPeriod?: number;
}

/** Fourier pairs per frequency of data: enough for a season's shape, few enough for one year of data. */
function harmonics(m: number, n: number): number {
	// Weekly weather in the bench: 3 pairs beat 4, 6 and 10 (the repeat profile catches sharp peaks).
	const most = m >= 300 ? 8 : m >= 50 ? 3 : Math.floor(m / 2) - 1;
	return Math.max(1, Math.min(most, Math.floor((n - 4) / 6)));
}

/**
 * Fits z = log(y) (or y) = a + b t + sum_k Fourier_k(t) [+ weekday effects] by ridge least squares (penalty
 * growing with k^2), then adds back w x the mean residual at each position of the year, with
 * w = tau^2 / (tau^2 + noise^2 / cycles), tau^2 the covariance of residuals a year apart (empirical Bayes
 * shrinkage; 0.5 with one year only). Forecast: the trend line, plus the exponentially smoothed gap between
 * the deseasonalised data and that line (weight by one-step error), plus the season. A non-negative series
 * is never forecast below 0.
 * Throws RangeError with fewer than yearPeriod observations.
 *
 * Complexity: O(n p^2 + p^3), p = 2 + 2 harmonics (+ 6 weekday effects).
 *
 * @example
 * yearlyProfile(weeklyRevenue, { horizon: 13, yearPeriod: 52, cycle: 365.25 / 7 }).forecast;
 */
export function yearlyProfile(y: readonly number[], options: YearlyProfileOptions): ModelFit {
	const m = Math.floor(options.yearPeriod);
	const n = y.length;
	if (!(m >= 2) || n < m) throw new RangeError(`yearlyProfile: needs at least one year (${m}) of observations, saw ${n}`);
	const cycle = options.cycle ?? m;
	const week = options.weekPeriod && options.weekPeriod > 1 ? Math.floor(options.weekPeriod) : 0;
	const logs = y.every((v) => v > 0);
	const z = logs ? y.map(Math.log) : y.slice();
	const K = harmonics(m, n);
	// A trend needs more than one year, or it would absorb half the season.
	const trend = n >= m + Math.ceil(m / 2);
	const row = (t: number): number[] => {
		const x = [1];
		if (trend) x.push(t / m);
		for (let k = 1; k <= K; k++) {
			const a = (2 * Math.PI * k * t) / cycle;
			x.push(Math.cos(a), Math.sin(a));
		}
		for (let d = 1; d < week; d++) x.push(t % week === d ? 1 : 0);
		return x;
	};
	const rows = Array.from({ length: n }, (_, t) => row(t));
	const first = trend ? 2 : 1;
	const penalty = rows[0]!.map((_, j) => (j < first || j >= first + 2 * K ? 0 : 0.002 * n * Math.floor((j - first) / 2 + 1) ** 2));
	const beta = ridgeRegression(rows, z, penalty);
	const dot = (x: readonly number[], from: number, to: number) => x.slice(from, to).reduce((s, v, i) => s + v * beta[from + i]!, 0);
	const seasonOf = (x: readonly number[]) => dot(x, first, x.length);
	const residual = z.map((v, t) => v - dot(rows[t]!, 0, rows[t]!.length));

	// The repeatable part of what the smooth curve misses, by position in the year.
	const sums = new Array<number>(m).fill(0);
	const counts = new Array<number>(m).fill(0);
	residual.forEach((r, t) => {
		sums[t % m]! += r;
		counts[t % m]!++;
	});
	let cross = 0;
	let pairs = 0;
	for (let t = m; t < n; t++) {
		cross += residual[t]! * residual[t - m]!;
		pairs++;
	}
	const total = residual.reduce((s, r) => s + r * r, 0) / n;
	let tau2 = 0.5 * total;
	if (pairs >= Math.max(4, m / 4)) tau2 = Math.min(total, Math.max(0, cross / pairs));
	const noise = Math.max(0, total - tau2);
	const weight = (c: number) => (tau2 <= 0 ? 0 : tau2 / (tau2 + noise / Math.max(c, 1)));
	const profile = sums.map((s, p) => (counts[p]! > 0 ? (s / counts[p]!) * weight(counts[p]!) : 0));
	const season = (t: number) => seasonOf(row(t)) + profile[t % m]!;

	const level = (t: number) => (trend ? beta[0]! + (beta[1]! * t) / m : beta[0]!);
	// Level: exponential smoothing of what the trend line misses after the season is removed, its weight
	// chosen by one-step squared error; a noisy series (weather) keeps near the line, a series with level
	// shifts (a recession) follows them.
	const gaps = z.map((v, t) => v - season(t) - level(t));
	const alpha = smoothingWeight(gaps);
	let offset = 0;
	for (const g of gaps) offset += alpha * (g - offset);
	const slope = trend ? beta[1]! / m : 0;
	const back = (v: number) => (logs ? Math.exp(v) : v);
	const floor = y.every((v) => v >= 0) ? 0 : -Infinity;
	const forecast = Array.from({ length: options.horizon }, (_, i) => Math.max(floor, back(level(n + i) + offset + season(n + i))));
	const fitted = z.map((_, t) => back(level(t) + season(t)));
	let sse = 0;
	for (let t = 0; t < n; t++) sse += (y[t]! - fitted[t]!) ** 2;
	return {
		method: 'yearly',
		params: { harmonics: K, levelWeight: alpha, trendPerYear: trend ? beta[1]! : 0, repeatWeight: weight(Math.max(1, Math.floor(n / m))), logs: logs ? 1 : 0 },
		fitted,
		fittedFrom: 0,
		forecast,
		sse,
		k: rows[0]!.length + 1,
		varianceFactors: Array.from({ length: options.horizon }, (_, h) => 1 + h * alpha * alpha)
	};
}

/** The SES weight in [0.02, 1] with the least one-step squared error on `x` (grid of 50, then refined). */
function smoothingWeight(x: readonly number[]): number {
	const sse = (a: number) => {
		let l = 0;
		let s = 0;
		for (const v of x) {
			s += (v - l) ** 2;
			l += a * (v - l);
		}
		return s;
	};
	let best = 0.02;
	let bestSse = Infinity;
	for (let i = 0; i < 50; i++) {
		const a = 0.02 + (0.98 * i) / 49;
		const e = sse(a);
		if (e < bestSse) [best, bestSse] = [a, e];
	}
	return best;
}
