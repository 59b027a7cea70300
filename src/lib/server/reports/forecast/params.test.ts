import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { parseBudgetParams, parseHorizon, refuseFilters } from './params.ts';

const p = (query: string) => new URLSearchParams(query);
const parameterOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).extensions.parameter;
	}
	throw new Error('no error');
};

describe('parseBudgetParams', () => {
	it('has defaults', () => {
		expect(parseBudgetParams(p(''))).toEqual({ horizon: 13, target: null, min: 0.5, max: 2, floor: null });
	});
	it('reads every parameter', () => {
		expect(parseBudgetParams(p('horizon=8&target=2.5e6&min=0&max=3&floor=2.5'))).toEqual({ horizon: 8, target: 2_500_000, min: 0, max: 3, floor: 2.5 });
	});
	it.each([
		['horizon=0', 'horizon'],
		['horizon=53', 'horizon'],
		['horizon=2.5', 'horizon'],
		['target=-5', 'target'],
		['target=abc', 'target'],
		['target=', 'target'],
		['min=-1', 'min'],
		['max=0', 'max'],
		['min=3&max=2', 'min'],
		['floor=0', 'floor']
	])('refuses %s naming %s', (query, parameter) => {
		expect(parameterOf(() => parseBudgetParams(p(query)))).toBe(parameter);
	});
});

describe('parseHorizon', () => {
	it('defaults to 13 weeks', () => expect(parseHorizon(p(''))).toBe(13));
});

describe('refuseFilters', () => {
	it('names a filter the forecast cannot honour', () => {
		expect(parameterOf(() => refuseFilters(p('channel=coupon&partner=P1')))).toBe('partner');
		expect(() => refuseFilters(p('channel=coupon&margin=0.3'))).not.toThrow();
	});
});
