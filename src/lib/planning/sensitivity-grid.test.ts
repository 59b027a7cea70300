import { describe, expect, it } from 'vitest';
import { sensitivityGrid } from './sensitivity-grid.ts';

const base = { revenue: 1000, commission: 100, networkFees: 30, otherCosts: 70, reversalRate: 0.1, grossMargin: 0.3 };

describe('sensitivityGrid', () => {
	const { base: reference, cells } = sensitivityGrid(base);
	const cell = (factor: string, change: number) => cells.find((c) => c.factor === factor && c.change === change)!;

	it('starts from revenue 1000, cost 200, ROAS 5, net contribution 100', () => {
		expect(reference).toEqual({ revenue: 1000, cost: 200, roas: 5, netContribution: 100 });
		expect(cells).toHaveLength(16);
	});

	it('scales revenue, commission and fees with conversion rate and order value (by hand)', () => {
		// +10%: revenue 1100, cost 110 + 33 + 70 = 213.
		for (const factor of ['conversion_rate', 'order_value']) {
			const c = cell(factor, 0.1);
			expect(c.revenue).toBeCloseTo(1100, 10);
			expect(c.cost).toBeCloseTo(213, 10);
			expect(c.roas).toBeCloseTo(1100 / 213, 12);
			expect(c.netContribution).toBeCloseTo(330 - 213, 10);
			expect(c.revenueChange).toBeCloseTo(0.1, 12);
		}
		// -20%: revenue 800, cost 80 + 24 + 70 = 174.
		expect(cell('conversion_rate', -0.2).cost).toBeCloseTo(174, 10);
	});

	it('moves revenue by (1 - r (1 + d)) / (1 - r) for the reversal rate (by hand)', () => {
		// r 0.1 -> 0.12: factor 0.88 / 0.9; cost 130 x that + 70.
		const c = cell('reversal_rate', 0.2);
		expect(c.revenue).toBeCloseTo((1000 * 0.88) / 0.9, 10);
		expect(c.cost).toBeCloseTo((130 * 0.88) / 0.9 + 70, 10);
		expect(cell('reversal_rate', -0.1).revenue).toBeCloseTo((1000 * 0.91) / 0.9, 10);
	});

	it('moves only commission with the commission rate (by hand)', () => {
		const c = cell('commission_rate', -0.2);
		expect(c.revenue).toBe(1000);
		expect(c.cost).toBeCloseTo(80 + 30 + 70, 10);
		expect(c.roas).toBeCloseTo(1000 / 180, 12);
		expect(c.roasChange).toBeCloseTo(1000 / 180 / 5 - 1, 12);
	});

	it('caps the reversal rate at 1', () => {
		const { cells: all } = sensitivityGrid({ ...base, reversalRate: 0.9 }, [0.2]);
		expect(all.find((c) => c.factor === 'reversal_rate')!.revenue).toBe(0);
	});
});
