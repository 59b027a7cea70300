import { describe, expect, it } from 'vitest';
import { isSignalKind, QUALITY_THRESHOLDS, severityOf, signalDefinitions, SIGNALS } from './quality-thresholds.ts';

describe('signalDefinitions', () => {
	it('defines every signal once, with the thresholds in force written out', () => {
		const defs = signalDefinitions();
		expect(defs.map((d) => d.kind)).toEqual([...SIGNALS]);
		const text = (kind: string) => defs.find((d) => d.kind === kind)!.definition;
		expect(text('click_spike')).toContain('trailing 28-day median + 5 × MAD, and at least 3× the median and 200 clicks');
		expect(text('click_spike')).toContain('at or below 10% of what');
		expect(text('fast_conversions')).toContain('less than 15 seconds after their click; flagged from 5% and 5 such sales');
		expect(text('invalid_clicks')).toContain('at least 2× the program');
		expect(text('reversal_outlier')).toContain('robust z-score (rate − median) / (1.4826 × MAD) against every partner with 20+ validated sales is 3 or more');
		expect(text('clickless_coupons')).toContain('from 20% outside the coupon channel and from 50% in any channel');
	});

	it('follows thresholds given to it', () => {
		expect(signalDefinitions({ ...QUALITY_THRESHOLDS, spikeMinClicks: 6 })[0]!.definition).toContain('and 6 clicks');
	});
});

describe('severityOf', () => {
	it.each([
		[0.09, 0.05, 'medium'],
		[0.1, 0.05, 'high'],
		[5, 3, 'medium'],
		[6, 3, 'high'],
		[1, 0, 'medium']
	] as const)('%f against %f is %s', (measure, threshold, severity) => {
		expect(severityOf(measure, threshold)).toBe(severity);
	});
});

describe('isSignalKind', () => {
	it('knows the five signals and nothing else', () => {
		expect(SIGNALS.every(isSignalKind)).toBe(true);
		expect(isSignalKind('spike')).toBe(false);
	});
});
