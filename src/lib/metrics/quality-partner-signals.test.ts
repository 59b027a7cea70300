import { describe, expect, it } from 'vitest';
import { detectPartnerSignals, type PartnerTotals } from './quality-partner-signals.ts';
import { robustScale, robustZ } from './quality-robust-z.ts';

/** A clean partner: 2.5% invalid clicks, no fast or click-less sales, 10% of 40 validated sales reversed. */
const clean = (id: string, over: Partial<PartnerTotals> = {}): PartnerTotals => ({
	partner_id: id,
	partner_name: `Partner ${id}`,
	channel: 'content',
	gross_clicks: 4000,
	valid_clicks: 3900,
	invalid_clicks: 100,
	sales: 60,
	fast_sales: 0,
	clickless_coupon_sales: 0,
	validated_sales: 40,
	reversed_sales: 4,
	...over
});
/** Eight clean partners whose reversal rates spread around 10% (4..6 of 40). */
const program = (...extra: PartnerTotals[]) => [
	...[4, 5, 3, 4, 6, 4, 5, 3].map((r, i) => clean(`C${i}`, { reversed_sales: r })),
	...extra
];
const signalsOf = (all: PartnerTotals[], id: string) => detectPartnerSignals(all).findings.filter((f) => f.partner_id === id).map((f) => f.signal);

describe('detectPartnerSignals', () => {
	it('flags no clean partner', () => {
		const { findings, measures, baseline } = detectPartnerSignals(program());
		expect(findings).toEqual([]);
		expect(measures).toHaveLength(8);
		expect(baseline.program_invalid_share).toBeCloseTo(0.025, 12);
		expect(baseline.reversal_peers).toBe(8);
	});

	describe('fast conversions', () => {
		it.each([
			[5, 100, true, 'medium'],
			[4, 80, false, null], // 5% but only 4 sales
			[5, 101, false, null], // 5 sales but under 5%
			[20, 100, true, 'high']
		] as const)('%i fast of %i sales -> flagged %s', (fast, sales, flagged, severity) => {
			const { findings } = detectPartnerSignals(program(clean('X', { fast_sales: fast, sales })));
			const f = findings.find((x) => x.partner_id === 'X' && x.signal === 'fast_conversions');
			expect(!!f).toBe(flagged);
			if (f) {
				expect(f.severity).toBe(severity);
				expect(f.count).toBe(fast);
				expect(f.detail).toContain(`${fast} of its ${sales} sales`);
			}
		});
	});

	describe('invalid-click share', () => {
		it('flags 2x the program share when that is at least 10%', () => {
			const all = program(clean('X', { gross_clicks: 1000, invalid_clicks: 150, valid_clicks: 850 }));
			const { findings, baseline } = detectPartnerSignals(all);
			const f = findings.find((x) => x.signal === 'invalid_clicks')!;
			expect(f.partner_id).toBe('X');
			expect(f.value).toBeCloseTo(0.15, 12);
			expect(f.threshold).toBe(0.1); // 2 x 2.9% is below the 10% floor
			expect(f.count).toBe(150);
			expect(f.detail).toMatch(new RegExp(`^15\\.0% of its 1,000 clicks were invalid \\(150\\), ${(0.15 / baseline.program_invalid_share!).toFixed(1)}× the program's 2\\.9%\\.$`));
		});

		it('does not flag under 10%, even at many times the program share', () => {
			const all = [...program().map((p) => ({ ...p, invalid_clicks: 10, valid_clicks: 3990 })), clean('X', { gross_clicks: 1000, invalid_clicks: 90 })];
			expect(signalsOf(all, 'X')).toEqual([]);
		});

		it('uses 2x the program share when that is above 10%', () => {
			const noisy = program().map((p) => ({ ...p, invalid_clicks: 400 })); // program share 10%
			expect(signalsOf([...noisy, clean('X', { invalid_clicks: 700 })], 'X')).toEqual([]); // 17.5% < 2 x ~10.7%
			expect(signalsOf([...noisy, clean('X', { invalid_clicks: 1000 })], 'X')).toEqual(['invalid_clicks']);
		});

		it('ignores a partner with a handful of clicks', () => {
			expect(signalsOf(program(clean('X', { gross_clicks: 20, invalid_clicks: 10, valid_clicks: 10 })), 'X')).toEqual([]);
		});
	});

	describe('reversal-rate outlier', () => {
		it('flags a partner whose robust z-score is 3 or more, with the z in the detail', () => {
			const all = program(clean('X', { reversed_sales: 18 }));
			const { findings } = detectPartnerSignals(all);
			const f = findings.find((x) => x.signal === 'reversal_outlier')!;
			const scale = robustScale(all.map((p) => p.reversed_sales / p.validated_sales))!;
			expect(f.partner_id).toBe('X');
			expect(f.value).toBeCloseTo(robustZ(18 / 40, scale)!, 12);
			expect(f.count).toBe(18);
			expect(f.detail).toContain('45.0% of its 40 validated sales were reversed (18), against a median of 10.0% over the 9 partners with 20+ validated sales');
		});

		it('does not score partners under 20 validated sales', () => {
			expect(signalsOf(program(clean('X', { validated_sales: 19, reversed_sales: 15 })), 'X')).toEqual([]);
		});

		it('needs five partners in the baseline', () => {
			const few = program().slice(0, 3);
			expect(signalsOf([...few, clean('X', { reversed_sales: 30 })], 'X')).toEqual([]);
		});

		it('still scores a lone outlier when most partners tie (MAD 0)', () => {
			const tied = program().map((p) => ({ ...p, reversed_sales: 4 }));
			expect(signalsOf([...tied, clean('X', { reversed_sales: 12 })], 'X')).toEqual(['reversal_outlier']);
		});
	});

	describe('click-less coupon sales', () => {
		it.each([
			['content', 12, 60, true], // 20% outside the coupon channel
			['content', 11, 60, false],
			['coupon', 25, 60, false], // 42% is normal for a coupon site
			['coupon', 30, 60, true], // 50%
			['influencer', 4, 5, false] // 80% but only 4 sales
		] as const)('%s partner with %i of %i sales click-less -> flagged %s', (channel, n, sales, flagged) => {
			expect(signalsOf(program(clean('X', { channel, clickless_coupon_sales: n, sales })), 'X').includes('clickless_coupons')).toBe(flagged);
		});
	});

	it('measures everyone but reports only the partners in scope, against the whole program', () => {
		const all = program(clean('X', { reversed_sales: 18 }), clean('Y', { fast_sales: 10 }));
		const { findings, measures, baseline } = detectPartnerSignals(all, { inScope: (p) => p.partner_id === 'X' });
		expect(findings.map((f) => f.partner_id)).toEqual(['X']);
		expect(measures.map((m) => m.partner_id)).toEqual(['X']);
		expect(measures[0]!.signals).toEqual(['reversal_outlier']);
		expect(baseline.reversal_peers).toBe(10);
	});

	it('leaves shares null when there is nothing to divide by', () => {
		const { measures } = detectPartnerSignals([clean('Z', { gross_clicks: 0, invalid_clicks: 0, valid_clicks: 0, sales: 0, validated_sales: 0, reversed_sales: 0 })]);
		expect(measures[0]).toMatchObject({ fast_share: null, invalid_share: null, reversal_rate: null, reversal_z: null, clickless_coupon_share: null, signals: [] });
	});
});

describe('robustScale', () => {
	it('takes the median and the MAD scaled to a standard deviation', () => {
		expect(robustScale([1, 2, 3, 4, 100])).toEqual({ median: 3, mad: 1, scale: 1.4826 });
		expect(robustZ(100, robustScale([1, 2, 3, 4, 100])!)).toBeCloseTo(97 / 1.4826, 12);
	});
	it('falls back to the mean absolute deviation when the MAD is 0, and has no spread for equal values', () => {
		expect(robustScale([5, 5, 5, 9])!.scale).toBeCloseTo(1.253314, 12);
		expect(robustZ(5, robustScale([5, 5, 5])!)).toBeNull();
		expect(robustScale([])).toBeNull();
	});
});
