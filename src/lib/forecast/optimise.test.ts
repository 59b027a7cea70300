import { describe, expect, it } from 'vitest';
import { optimise } from './optimise.ts';

describe('optimise', () => {
	it.each([
		{ name: 'parabola', f: ([x]: readonly number[]) => (x! - 2) ** 2, x0: [0], lower: [-10], upper: [10], want: [2] },
		{ name: 'minimum on the lower bound', f: ([x]: readonly number[]) => x!, x0: [5], lower: [1], upper: [10], want: [1] },
		{ name: 'minimum on the upper bound', f: ([x]: readonly number[]) => -x!, x0: [5], lower: [1], upper: [10], want: [10] },
		{
			name: 'Rosenbrock',
			f: ([x, y]: readonly number[]) => 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2,
			x0: [-1.2, 1],
			lower: [-2, -2],
			upper: [2, 2],
			want: [1, 1]
		},
		{
			name: 'badly scaled coordinates',
			f: ([a, b]: readonly number[]) => (a! - 0.3) ** 2 + ((b! - 120_000) / 10_000) ** 2,
			x0: [0.9, 100_000],
			lower: [0, 50_000],
			upper: [1, 200_000],
			want: [0.3, 120_000]
		}
	])('finds the minimum: $name', ({ f, x0, lower, upper, want }) => {
		const result = optimise(f, x0, { lower, upper, maxEvaluations: 4000 });
		result.x.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, i === 1 && want[i]! > 1000 ? -1 : 3));
	});

	it('never leaves the box and treats NaN as +Infinity', () => {
		const seen: number[] = [];
		const result = optimise(
			([x]) => {
				seen.push(x!);
				return x! < 0.5 ? Number.NaN : (x! - 0.7) ** 2;
			},
			[0.9],
			{ lower: [0], upper: [1] }
		);
		expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...seen)).toBeLessThanOrEqual(1);
		expect(result.x[0]).toBeCloseTo(0.7, 4);
	});

	it('respects the evaluation budget', () => {
		const result = optimise(([x, y]) => x! ** 2 + y! ** 2, [1, 1], { lower: [-5, -5], upper: [5, 5], maxEvaluations: 25, restarts: 0 });
		expect(result.evaluations).toBeLessThanOrEqual(25 + 3);
	});
});
