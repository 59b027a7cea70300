/**
 * The yearly method for short histories (one to three years): a smooth yearly curve (trend plus a few
 * Fourier terms, as Prophet models yearly seasonality) with the repeatable part of what the curve misses
 * (a sharp Black Friday peak) added back per position in the year, shrunk by how well it repeated from one
 * year to the next; the level follows the trend line, moved by exponential smoothing of what it misses. Works on
 * logs when every value is > 0 (a season that scales with the level). Called by fit-methods.
 */
import { ridgeRegression } from './ridge-regression.ts';
import type { ModelFit } from './types.ts';
import type { YearAlignment } from './year-alignment.ts';

export interface YearlyProfileOptions {
	readonly horizon: number;
	/** Whole periods per year (52 weeks, 12 months, 365 days): positions of the repeatable part. */
	readonly yearPeriod: number;
	/** Exact periods per year for the Fourier terms (365.25 / 7 for weeks); default yearPeriod. */
	readonly cycle?: number;
	/** A shorter cycle modelled by one effect per position (7 for days of the week); default none. */
	readonly weekPeriod?: number;
	/** Positions of the repeatable part (holiday weeks by their holiday); default t mod yearPeriod. */
	readonly align?: YearAlignment;
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
 * shrinkage; 0.5 with one year only). The position of t is align.key(t) when given, so the Black Friday week
 * of last year adds back to the Black Friday week of the forecast whichever week number it falls in. Forecast: the trend line, plus the exponentially smoothed gap between
 * the deseasonalised data and that line (weight by one-step error), plus the season. A non-negative series
 * is never forecast below 0.
 * Throws RangeError with fewer than yearPeriod observations.
 *
 * Complexity: O(n p^2 + p^3), p = 2 + 2 harmonics (+ 6 weekday effects, + one per holiday position).
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
	const keyOf = options.align ? (t: number) => options.align!.key(t) : (t: number) => `p${t % m}`;
	const yearAgo = options.align ? (t: number) => options.align!.yearAgo(t) : (t: number) => t - m;
	// One effect per holiday position seen (Black Friday week, Cyber Monday week, ...), fitted with the smooth
	// curve: otherwise the curve bends towards last year's holiday dates and misreads the weeks around this
	// year's, which the holiday's move left ordinary.
	const holidayKeys = [...new Set(Array.from({ length: n }, (_, t) => keyOf(t)).filter((k) => !k.startsWith('p')))];
	const row = (t: number): number[] => {
		const x = [1];
		if (trend) x.push(t / m);
		for (let k = 1; k <= K; k++) {
			const a = (2 * Math.PI * k * t) / cycle;
			x.push(Math.cos(a), Math.sin(a));
		}
		for (let d = 1; d < week; d++) x.push(t % week === d ? 1 : 0);
		if (holidayKeys.length > 0) {
			const k = keyOf(t);
			for (const h of holidayKeys) x.push(h === k ? 1 : 0);
		}
		return x;
	};
	const rows = Array.from({ length: n }, (_, t) => row(t));
	const first = trend ? 2 : 1;
	const firstHoliday = rows[0]!.length - holidayKeys.length;
	// A holiday effect seen in two years keeps 80% of its mean gap here (ridge 0.5); the repeat profile below
	// adds back what repeated of the rest.
	const penalty = rows[0]!.map((_, j) => (j >= firstHoliday ? 0.5 : j < first || j >= first + 2 * K ? 0 : 0.002 * n * Math.floor((j - first) / 2 + 1) ** 2));
	const beta = ridgeRegression(rows, z, penalty);
	const dot = (x: readonly number[], from: number, to: number) => x.slice(from, to).reduce((s, v, i) => s + v * beta[from + i]!, 0);
	const seasonOf = (x: readonly number[]) => dot(x, first, x.length);
	const residual = z.map((v, t) => v - dot(rows[t]!, 0, rows[t]!.length));

	// The repeatable part of what the smooth curve misses, by position in the year.
	const sums = new Map<string, number>();
	const counts = new Map<string, number>();
	residual.forEach((r, t) => {
		const k = keyOf(t);
		sums.set(k, (sums.get(k) ?? 0) + r);
		counts.set(k, (counts.get(k) ?? 0) + 1);
	});
	// Holiday positions repeat far better than ordinary ones (a Black Friday spike against a quiet week), so
	// they get their own shrinkage when there are enough of them.
	const group = (k: string) => (k.startsWith('p') ? 'plain' : 'holiday');
	const shrink = (g: 'plain' | 'holiday' | 'all') => {
		let cross = 0;
		let pairs = 0;
		let square = 0;
		let count = 0;
		residual.forEach((r, t) => {
			if (g !== 'all' && group(keyOf(t)) !== g) return;
			square += r * r;
			count++;
			const s = yearAgo(t);
			if (t < m || s < 0 || s >= t) return;
			cross += r * residual[s]!;
			pairs++;
		});
		const total = count > 0 ? square / count : 0;
		const enough = g === 'holiday' ? pairs >= 4 : pairs >= Math.max(4, m / 4);
		const tau2 = enough ? Math.min(total, Math.max(0, cross / pairs)) : 0.5 * total;
		return { tau2, noise: Math.max(0, total - tau2), enough };
	};
	const all = shrink('all');
	const holiday = options.align ? shrink('holiday') : all;
	const byGroup = { plain: options.align ? shrink('plain') : all, holiday: holiday.enough ? holiday : all };
	const weight = (c: number, g: 'plain' | 'holiday' = 'plain') => {
		const { tau2, noise } = byGroup[g];
		return tau2 <= 0 ? 0 : tau2 / (tau2 + noise / Math.max(c, 1));
	};
	const profile = new Map([...sums].map(([k, s]) => [k, (s / counts.get(k)!) * weight(counts.get(k)!, group(k))]));
	const season = (t: number) => seasonOf(row(t)) + (profile.get(keyOf(t)) ?? 0);

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
