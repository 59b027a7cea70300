import { describe, expect, it } from 'vitest';
import { axisFormatter, change, formatChange, formatMoney, formatQuantity, formatValue, moneyDigits, type FormatStyle, type Unit } from './format.ts';

describe('moneyDigits and a column of money', () => {
	it.each<[(number | null)[], 0 | 2, string[]]>([
		[[87.15, 3559, 156], 0, ['€87', '€3,559', '€156']],
		[[87.15, 12, null], 2, ['€87.15', '€12.00', '–']],
		[[87, 12], 0, ['€87', '€12']],
		[[-99.5, 0.5], 2, ['−€99.50', '€0.50']],
		[[-100, 0.5], 0, ['−€100', '€1']],
		[[], 0, []]
	])('%j: %i decimals', (values, digits, shown) => {
		expect(moneyDigits(values)).toBe(digits);
		expect(values.map((v) => formatMoney(v, 'EUR', false, digits))).toEqual(shown);
	});
});

describe('formatValue', () => {
	it.each<[number | null | undefined, Unit, FormatStyle, string]>([
		// Money: one rule per column (no mix of "47k", "6,757" and "160.9k"), cents only under 100.
		[47_012.4, 'money', 'full', '€47,012'],
		[6_757, 'money', 'full', '€6,757'],
		[160_912.55, 'money', 'full', '€160,913'],
		[12.5, 'money', 'full', '€12.50'],
		[12, 'money', 'full', '€12'],
		[0, 'money', 'full', '€0'],
		[-1_234.5, 'money', 'full', '−€1,235'],
		[160_912.55, 'money', 'compact', '€160.9k'],
		[1_250_000, 'money', 'compact', '€1.3m'],
		[950, 'money', 'compact', '€950'],
		[0, 'money', 'compact', '€0'],
		// Counts: separators, no "0.00".
		[6757, 'count', 'full', '6,757'],
		[1_234_567, 'count', 'full', '1,234,567'],
		[0, 'count', 'full', '0'],
		[3.25, 'count', 'full', '3.3'],
		[47_000, 'count', 'compact', '47k'],
		[0, 'count', 'compact', '0'],
		// Ratios: two decimals in tables, none needed on axes.
		[2.454, 'ratio', 'full', '2.45×'],
		[0, 'ratio', 'compact', '0×'],
		[1.5, 'ratio', 'compact', '1.5×'],
		// Shares and rates.
		[0.1234, 'percent', 'full', '12.3%'],
		[1.107, 'percent', 'full', '110.7%'],
		[0, 'percent', 'compact', '0%'],
		[0.125, 'percent', 'compact', '12.5%'],
		// Durations.
		[12, 'seconds', 'full', '12 s'],
		[600, 'seconds', 'full', '10 min'],
		[12_600, 'seconds', 'full', '3.5 h'],
		[259_200, 'seconds', 'full', '3.0 d'],
		// Missing values.
		[null, 'money', 'full', '–'],
		[undefined, 'count', 'full', '–'],
		[Number.NaN, 'percent', 'full', '–'],
		[Number.POSITIVE_INFINITY, 'ratio', 'full', '–']
	])('%s as %s (%s) reads %s', (value, unit, style, expected) => {
		expect(formatValue(value, unit, 'EUR', style)).toBe(expected);
	});

	it('uses the currency it is given', () => {
		expect(formatValue(1234, 'money', 'USD')).toBe('US$1,234');
		expect(formatValue(1234, 'money', 'GBP')).toBe('£1,234');
	});

	it('formats axes compactly', () => {
		expect([0, 50_000, 100_000].map(axisFormatter('money', 'EUR'))).toEqual(['€0', '€50k', '€100k']);
	});
});

describe('change and formatChange', () => {
	it.each<[number | null, number | null, Unit, string]>([
		// Rates and shares move in percentage points: ROI 110.7% -> 125.9% is +15.2 points, not +13.7%.
		[1.259, 1.107, 'percent', '+15.2 pts'],
		[0.189, 0.205, 'percent', '−1.6 pts'],
		[0.02, 0.02, 'percent', '±0.0 pts'],
		// Money, counts and ratios move relatively.
		[110, 100, 'money', '+10.0%'],
		[90, 100, 'count', '−10.0%'],
		[2.2, 2, 'ratio', '+10.0%'],
		[5, 0, 'money', 'n/a'],
		[null, 1, 'money', 'n/a'],
		[0.1, null, 'percent', 'n/a']
	])('%s against %s (%s) reads %s', (after, before, unit, expected) => {
		expect(formatChange(change(after, before, unit), unit)).toBe(expected);
	});
});

describe('formatQuantity', () => {
	it.each([
		[0, '0 rows'],
		[1, '1 row'],
		[6757, '6,757 rows']
	])('%s -> %s', (n, expected) => {
		expect(formatQuantity(n, 'row')).toBe(expected);
	});
});
