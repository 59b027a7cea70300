import { describe, expect, it } from 'vitest';
import { trailingRoasBudget } from './trailing-roas-budget.ts';

describe('trailingRoasBudget', () => {
	it('splits the target by revenue share and divides by each ROAS', () => {
		expect(
			trailingRoasBudget(
				[
					{ channel: 'a', revenue: 300, cost: 100 },
					{ channel: 'b', revenue: 100, cost: 50 },
					{ channel: 'c', revenue: 0, cost: 20 }
				],
				800
			)
		).toEqual([
			{ channel: 'a', revenue: 600, cost: 200, roas: 3 },
			{ channel: 'b', revenue: 200, cost: 100, roas: 2 },
			{ channel: 'c', revenue: 0, cost: 0, roas: 0 }
		]);
	});
	it('has no cost for revenue without a ROAS', () => {
		expect(trailingRoasBudget([{ channel: 'a', revenue: 10, cost: 0 }], 20)).toEqual([{ channel: 'a', revenue: 20, cost: null, roas: null }]);
	});
});
