import { describe, expect, it } from 'vitest';
import { cdfSql, dateLit, lit, lutSql, num, switchSql } from './sql-fragments.ts';

describe('lit', () => {
	it('quotes and doubles single quotes', () => {
		expect(lit("O'Brien")).toBe("'O''Brien'");
	});
});

describe('num', () => {
	it('prints finite numbers and refuses the rest', () => {
		expect(num(0.1)).toBe('0.1');
		expect(() => num(Number.NaN)).toThrow(/finite/);
		expect(() => num(Infinity)).toThrow(/finite/);
	});
});

describe('dateLit', () => {
	it('accepts only YYYY-MM-DD', () => {
		expect(dateLit('2025-01-31')).toBe("DATE '2025-01-31'");
		expect(() => dateLit("2025-01-31'; DROP TABLE x; --")).toThrow(/YYYY-MM-DD/);
	});
});

describe('cdfSql', () => {
	it.each([
		[{ a: 1 }, "'a'"],
		[{ a: 1, b: 3 }, "CASE WHEN u < 0.25 THEN 'a' ELSE 'b' END"],
		[{ a: 1, skip: 0, b: 1 }, "CASE WHEN u < 0.5 THEN 'a' ELSE 'b' END"]
	])('maps a uniform to the values of %j by cumulative weight', (mix, expected) => {
		expect(cdfSql('u', mix)).toBe(expected);
	});

	it('emits raw SQL values when asked', () => {
		expect(cdfSql('u', { '1': 1, '2': 1 }, true)).toBe('CASE WHEN u < 0.5 THEN 1 ELSE 2 END');
	});

	it('needs one positive weight', () => {
		expect(() => cdfSql('u', { a: 0 })).toThrow(/positive weight/);
	});
});

describe('lutSql', () => {
	it('fills the list in proportion to the weights', () => {
		expect(lutSql('u', { '0': 1, '1': 3 }, 4)).toBe('[0, 1, 1, 1][1 + floor(u * 4)::INTEGER]');
		expect(lutSql('u', { '7': 1, '8': 0, '9': 1 }, 4)).toBe('[7, 7, 9, 9][1 + floor(u * 4)::INTEGER]');
	});

	it('keeps every value at its share within one slot', () => {
		const weights = { '0': 1.2, '1': 0.8, '2': 0.5, '3': 6.6 };
		const list = /^\[(.*)\]\[/.exec(lutSql('u', weights, 1000))![1]!.split(', ');
		const total = Object.values(weights).reduce((a, b) => a + b, 0);
		for (const [v, w] of Object.entries(weights)) expect(Math.abs(list.filter((x) => x === v).length - (1000 * w) / total)).toBeLessThanOrEqual(1);
	});
});

describe('switchSql', () => {
	it('builds a CASE over a key with a fallback', () => {
		expect(switchSql('k', { x: '1', y: '2' }, '0')).toBe("CASE k WHEN 'x' THEN 1 WHEN 'y' THEN 2 ELSE 0 END");
		expect(switchSql('k', {}, '0')).toBe('0');
	});
});
