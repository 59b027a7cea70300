/**
 * Multiplier of a central prediction interval: the normal quantile, or Student's t for a standard deviation
 * estimated from few errors. Called by interval-half-widths and backtest-coverage.
 * (simple-statistics' probit is only good to about 3 decimals: 1.9572 for 97.5%.)
 */

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * q such that P(|X| <= q) = level / 100, for X standard normal (df omitted, Infinity or above 1000) or
 * Student's t with floor(df) >= 1 degrees of freedom. The normal quantile is Acklam's rational approximation
 * (relative error < 1.2e-9); the t quantile inverts the exact finite-sum form of P(|T| <= t) for integer df
 * (Abramowitz & Stegun 26.7.3-4) by bisection to 1e-12.
 *
 * Complexity: O(1) for the normal; O(df * 60) for t.
 *
 * @example
 * centralQuantile(95); // ≈ 1.959964
 * centralQuantile(95, 10); // ≈ 2.228139
 * centralQuantile(80, 1); // = tan(0.4 pi) ≈ 3.077684
 */
export function centralQuantile(level: number, df = Number.POSITIVE_INFINITY): number {
	if (!(level > 0 && level < 100)) throw new RangeError(`centralQuantile: level must be in (0, 100), saw ${level}`);
	if (!(df >= 1)) throw new RangeError(`centralQuantile: df must be >= 1, saw ${df}`);
	const p = level / 100;
	if (df > 1000) return normalUpper(0.5 + p / 2);
	const nu = Math.floor(df);
	let lo = 0;
	let hi = normalUpper(0.5 + p / 2);
	while (centralT(hi, nu) < p) hi *= 2;
	for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
		const mid = (lo + hi) / 2;
		if (centralT(mid, nu) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** Acklam's approximation of the standard normal quantile, for p in [0.5, 1). */
function normalUpper(p: number): number {
	if (p <= 1 - 0.02425) {
		const q = p - 0.5;
		const r = q * q;
		return (
			((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
			(((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
		);
	}
	const q = Math.sqrt(-2 * Math.log(1 - p));
	return -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
}

/** P(|T| <= t) for Student's t with integer nu >= 1 degrees of freedom (A&S 26.7.3 and 26.7.4). */
function centralT(t: number, nu: number): number {
	const theta = Math.atan(t / Math.sqrt(nu));
	const c2 = Math.cos(theta) ** 2;
	const s = Math.sin(theta);
	if (nu % 2 === 1) {
		if (nu === 1) return (2 * theta) / Math.PI;
		// cos(theta) (1 + (2/3) cos^2 + (2*4)/(3*5) cos^4 + ... up to cos^(nu-3)), times sin.
		let term = Math.cos(theta);
		let sum = term;
		for (let k = 2; k <= nu - 3; k += 2) {
			term *= (k / (k + 1)) * c2;
			sum += term;
		}
		return (2 / Math.PI) * (theta + s * sum);
	}
	// 1 + (1/2) cos^2 + (1*3)/(2*4) cos^4 + ... up to cos^(nu-2), times sin.
	let term = 1;
	let sum = 1;
	for (let k = 1; k <= nu - 3; k += 2) {
		term *= (k / (k + 1)) * c2;
		sum += term;
	}
	return s * sum;
}
