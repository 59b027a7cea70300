import { describe, expect, it } from 'vitest';
import { toCsv } from './to-csv.ts';

const one = (value: unknown) => toCsv([{ v: value }]).split('\r\n')[1];

describe('toCsv', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+1', "'+1"],
		['-1', "'-1"],
		['@SUM(A1)', "'@SUM(A1)"],
		[' =cmd', "' =cmd"],
		['\t=cmd', `"'\t=cmd"`],
		['\u00a0=cmd', "'\u00a0=cmd"],
		['\uff1dcmd|calc', "'\uff1dcmd|calc"],
		['\uff0b1', "'\uff0b1"],
		['a;=cmd', `"'a;=cmd"`],
		['a;b', '"a;b"'],
		[' leading space', "' leading space"]
	])('escapes %j', (input, expected) => {
		expect(one(input)).toBe(expected);
	});
	it('leaves ordinary text and numbers alone', () => {
		expect(one('Acme GmbH')).toBe('Acme GmbH');
		expect(one(-5)).toBe('-5');
		expect(one('a,b')).toBe('"a,b"');
		expect(one('say "hi"')).toBe('"say ""hi"""');
		expect(one('say "hi", ok')).toBe('"say ""hi"", ok"');
	});
});
