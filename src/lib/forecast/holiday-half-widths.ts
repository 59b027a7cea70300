/**
 * Wider intervals on holiday weeks: how well did last year's holiday week, moved by the year-over-year change,
 * predict this year's in the history? The backtest mostly sees ordinary weeks, and a Black Friday week's error
 * is larger. Called by forecast when holidays are aligned.
 */
import { centralQuantile } from './central-quantile.ts';
import type { YearAlignment } from './year-alignment.ts';
import { yoyChange } from './yoy-ratio.ts';

/**
 * For every holiday point t of the history (align.key not `p...`) with a point a year back, the relative error
 * e_t = y[t] / (y[yearAgo(t)] x r_t) - 1, r_t the year-over-year ratio of the quarter-year before t (what a
 * forecast made then would have used). With at least 3 such errors (and every value > 0), each forecast step
 * on a holiday gets half-width max(given, t(df = errors - 1, level) x rms(e) x |forecast|); other steps keep
 * theirs. Returns new arrays; the input is not changed.
 *
 * Complexity: O(n window + horizon x levels).
 *
 * @example
 * holidayHalfWidths(y, align, forecast, { '80': [5, 5], '95': [8, 8] }); // => { '80': [5, 31], '95': [8, 52] }
 */
export function holidayHalfWidths(
	y: readonly number[],
	align: YearAlignment,
	forecast: readonly number[],
	halfWidths: Readonly<Record<string, readonly number[]>>
): Record<string, number[]> {
	const out = Object.fromEntries(Object.entries(halfWidths).map(([k, w]) => [k, [...w]]));
	const n = y.length;
	const m = align.period;
	if (!y.every((v) => v > 0)) return out;
	const window = Math.max(1, Math.round(m / 4));
	const errors: number[] = [];
	for (let t = m; t < n; t++) {
		if (align.key(t).startsWith('p')) continue;
		const s = align.yearAgo(t);
		if (s < 0 || s >= t) continue;
		const change = yoyChange(y.slice(0, t), m, window, (i) => align.yearAgo(i));
		if (!change || change.kind !== 'ratio') continue;
		errors.push(y[t]! / (y[s]! * change.value) - 1);
	}
	if (errors.length < 3) return out;
	const rms = Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length);
	for (const [level, widths] of Object.entries(out)) {
		const q = centralQuantile(Number(level), errors.length - 1);
		widths.forEach((w, h) => {
			if (!align.key(n + h).startsWith('p')) widths[h] = Math.max(w, q * rms * Math.abs(forecast[h] ?? 0));
		});
	}
	return out;
}
