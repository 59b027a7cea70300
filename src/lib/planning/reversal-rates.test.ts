import { describe, expect, it } from 'vitest';
import { reversalRates } from './reversal-rates.ts';

describe('reversalRates', () => {
	const { program, channels } = reversalRates([
		{ channel: 'cashback', validated_conversions: 500, reversed_conversions: 70, approved_revenue: 38_000, reversed_revenue: 6_000 },
		{ channel: 'email', validated_conversions: 12, reversed_conversions: 0, approved_revenue: 900, reversed_revenue: 0 },
		{ channel: 'comparison', validated_conversions: 0, reversed_conversions: 0, approved_revenue: 0, reversed_revenue: 0 }
	]);

	it('gives count and value rates per channel', () => {
		expect(channels[0]).toMatchObject({ channel: 'cashback', decided: 500, reversed: 70, countRate: 0.14, source: 'channel' });
		expect(channels[0]!.valueRate).toBeCloseTo(6000 / 44_000, 12);
		expect(channels[0]!.applied).toBe(channels[0]!.valueRate);
	});

	it("uses the program's value rate for channels with too few decided sales", () => {
		expect(program.valueRate).toBeCloseTo(6000 / 44_900, 12);
		expect(program.countRate).toBeCloseTo(70 / 512, 12);
		expect(channels[1]).toMatchObject({ countRate: 0, valueRate: 0, source: 'program' });
		expect(channels[1]!.applied).toBeCloseTo(6000 / 44_900, 12);
		expect(channels[2]).toMatchObject({ countRate: null, valueRate: null, source: 'program' });
	});

	it('applies 0 when nothing is decided at all', () => {
		const none = reversalRates([{ channel: 'x', validated_conversions: 0, reversed_conversions: 0, approved_revenue: 0, reversed_revenue: 0 }]);
		expect(none.channels[0]).toMatchObject({ applied: 0, source: 'none' });
	});
});
