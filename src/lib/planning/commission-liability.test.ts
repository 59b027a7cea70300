import { describe, expect, it } from 'vitest';
import { commissionLiability } from './commission-liability.ts';

describe('commissionLiability', () => {
	const options = { asOf: '2026-06-30', validationLagDays: 45, reversalRate: (c: string) => (c === 'cashback' ? 0.2 : 0.1) };

	it('puts approved commission in the month after validation, overdue ones in the current month', () => {
		const months = commissionLiability(
			[
				{ channel: 'coupon', status: 'approved', day: '2026-06-12', commission: 100, sales: 3 },
				{ channel: 'coupon', status: 'approved', day: '2026-04-28', commission: 40, sales: 1 }
			],
			options
		);
		expect(months).toEqual([
			{ month: '2026-06', approved: 40, pending: 0, pendingExpected: 0, expected: 40, sales: 1 },
			{ month: '2026-07', approved: 100, pending: 0, pendingExpected: 0, expected: 100, sales: 3 }
		]);
	});

	it('expects pending commission after the validation lag, net of the channel reversal rate', () => {
		const months = commissionLiability(
			[
				// 2026-06-20 + 45 days = 2026-08-04: paid in September.
				{ channel: 'coupon', status: 'pending', day: '2026-06-20', commission: 100, sales: 4 },
				{ channel: 'cashback', status: 'pending', day: '2026-06-25', commission: 50, sales: 2 },
				// Converted long ago and still pending: validated tomorrow at the earliest, paid in August.
				{ channel: 'coupon', status: 'pending', day: '2026-03-01', commission: 10, sales: 1 }
			],
			options
		);
		expect(months.map((m) => m.month)).toEqual(['2026-08', '2026-09']);
		expect(months[0]).toMatchObject({ pending: 10, pendingExpected: 9, expected: 9 });
		expect(months[1]!.pending).toBe(150);
		expect(months[1]!.pendingExpected).toBeCloseTo(90 + 40, 10);
	});

	it('wraps December into January', () => {
		const [m] = commissionLiability([{ channel: 'x', status: 'approved', day: '2026-12-03', commission: 1, sales: 1 }], { ...options, asOf: '2026-12-10' });
		expect(m!.month).toBe('2027-01');
	});
});
