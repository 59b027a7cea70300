import { describe, expect, it } from 'vitest';
import { spendToFloor } from './spend-to-floor.ts';

describe('spendToFloor', () => {
	it('spends each power curve to the floor and each line to a bound', () => {
		const rows = spendToFloor(
			[
				{ channel: 'curve', curve: { kind: 'power', a: 10, b: 0.5 }, min: 0, max: 1000 },
				{ channel: 'capped', curve: { kind: 'power', a: 10, b: 0.5 }, min: 0, max: 100 },
				{ channel: 'good line', curve: { kind: 'linear', a: 4, b: 1 }, min: 20, max: 80 },
				{ channel: 'poor line', curve: { kind: 'linear', a: 0.2, b: 1 }, min: 20, max: 80 }
			],
			0.25
		);
		expect(rows[0]!.cost).toBeCloseTo(400, 8);
		expect(rows[0]!.marginalRoas).toBeCloseTo(0.25, 10);
		expect(rows[1]).toMatchObject({ cost: 100, atBound: 'max' });
		expect(rows[2]).toMatchObject({ cost: 80, atBound: 'max', revenue: 320 });
		expect(rows[3]).toMatchObject({ cost: 20, atBound: 'min' });
	});
});
