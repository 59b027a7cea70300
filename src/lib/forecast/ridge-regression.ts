/**
 * Least squares with an optional ridge penalty per coefficient, by Cholesky on the normal equations. Called
 * by yearly-profile to fit trend plus Fourier terms on one or two years of data.
 */

/**
 * Coefficients b minimising |y - X b|^2 + sum_j penalty[j] b_j^2. X is given by rows; a tiny ridge (1e-9 of
 * the diagonal's scale) keeps collinear columns solvable. Throws RangeError on empty or mismatched input.
 *
 * Complexity: O(n p^2 + p^3) for n rows and p columns.
 *
 * @example
 * ridgeRegression([[1, 0], [1, 1], [1, 2]], [1, 3, 5]); // ≈ [1, 2]
 */
export function ridgeRegression(rows: readonly (readonly number[])[], y: readonly number[], penalty: readonly number[] = []): number[] {
	const n = rows.length;
	if (n === 0 || n !== y.length) throw new RangeError(`ridgeRegression: need as many rows as values, saw ${n} and ${y.length}`);
	const p = rows[0]!.length;
	const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
	const b = new Array<number>(p).fill(0);
	for (let i = 0; i < n; i++) {
		const x = rows[i]!;
		for (let j = 0; j < p; j++) {
			b[j]! += x[j]! * y[i]!;
			for (let k = 0; k <= j; k++) a[j]![k]! += x[j]! * x[k]!;
		}
	}
	const scale = Math.max(1e-300, ...a.map((r, j) => r[j]!));
	for (let j = 0; j < p; j++) a[j]![j]! += (penalty[j] ?? 0) + 1e-9 * scale;
	// Cholesky: a = L L^T, stored in the lower triangle.
	for (let j = 0; j < p; j++) {
		let d = a[j]![j]!;
		for (let k = 0; k < j; k++) d -= a[j]![k]! ** 2;
		const l = Math.sqrt(Math.max(d, 1e-300));
		a[j]![j] = l;
		for (let i = j + 1; i < p; i++) {
			let s = a[i]![j]!;
			for (let k = 0; k < j; k++) s -= a[i]![k]! * a[j]![k]!;
			a[i]![j] = s / l;
		}
	}
	const z = new Array<number>(p).fill(0);
	for (let i = 0; i < p; i++) {
		let s = b[i]!;
		for (let k = 0; k < i; k++) s -= a[i]![k]! * z[k]!;
		z[i] = s / a[i]![i]!;
	}
	const out = new Array<number>(p).fill(0);
	for (let i = p - 1; i >= 0; i--) {
		let s = z[i]!;
		for (let k = i + 1; k < p; k++) s -= a[k]![i]! * out[k]!;
		out[i] = s / a[i]![i]!;
	}
	return out;
}
