/**
 * Robust z-scores (pure): how far a value sits from the median of a population, in units of the median
 * absolute deviation scaled to a normal standard deviation. Used by the reversal-rate outlier signal.
 */
import { median, medianAbsoluteDeviation } from 'simple-statistics';

/** 1 / Φ⁻¹(0.75): makes the MAD of normal data estimate its standard deviation. */
export const MAD_TO_SD = 1.4826;
/** √(π/2): the same for the mean absolute deviation, the fallback when more than half the values are equal. */
const MEAN_AD_TO_SD = 1.253314;

export interface RobustScale {
	readonly median: number;
	/** The raw median absolute deviation (unscaled). */
	readonly mad: number;
	/** The standard-deviation estimate z-scores divide by; 0 when every value is the same. */
	readonly scale: number;
}

/**
 * Median, MAD and the scale of `values`; null for an empty population.
 * When the MAD is 0 (over half the values tie) the mean absolute deviation around the median stands in
 * (Iglewicz and Hoaglin), so a lone outlier among equal values still scores.
 *
 * @example robustScale([0.1, 0.1, 0.12, 0.09, 0.4]) // { median: 0.1, mad: 0.01, scale: 0.014826 }
 * Complexity: O(n log n).
 */
export function robustScale(values: readonly number[]): RobustScale | null {
	if (values.length === 0) return null;
	const xs = [...values];
	const m = median(xs);
	const mad = medianAbsoluteDeviation(xs);
	if (mad > 0) return { median: m, mad, scale: MAD_TO_SD * mad };
	const meanAd = xs.reduce((s, x) => s + Math.abs(x - m), 0) / xs.length;
	return { median: m, mad, scale: MEAN_AD_TO_SD * meanAd };
}

/** (x − median) / scale; null when the population has no spread. */
export function robustZ(x: number, scale: RobustScale): number | null {
	return scale.scale > 0 ? (x - scale.median) / scale.scale : null;
}
