import { describe, expect, it } from 'vitest';
import { lineDiff, splitLines, unifiedDiff } from './line-diff.ts';

const ops = (a: string[], b: string[]) => lineDiff(a, b).map((l) => `${l.op === 'same' ? ' ' : l.op === 'delete' ? '-' : '+'}${l.text}`);

describe('lineDiff', () => {
	it.each([
		{ name: 'equal texts', a: ['a', 'b'], b: ['a', 'b'], want: [' a', ' b'] },
		{ name: 'a replaced line', a: ['a', 'b', 'c'], b: ['a', 'x', 'c'], want: [' a', '-b', '+x', ' c'] },
		{ name: 'an insertion', a: ['a', 'c'], b: ['a', 'b', 'c'], want: [' a', '+b', ' c'] },
		{ name: 'a deletion', a: ['a', 'b', 'c'], b: ['a', 'c'], want: [' a', '-b', ' c'] },
		{ name: 'from nothing', a: [], b: ['a', 'b'], want: ['+a', '+b'] },
		{ name: 'to nothing', a: ['a'], b: [], want: ['-a'] },
		{ name: 'a moved line keeps the longest common run', a: ['x', 'a', 'b', 'c'], b: ['a', 'b', 'c', 'x'], want: ['-x', ' a', ' b', ' c', '+x'] }
	])('$name', ({ a, b, want }) => {
		expect(ops(a, b)).toEqual(want);
	});

	it('keeps as many lines as a longest common subsequence (ABCABBA vs CBABAC has 4)', () => {
		const lines = lineDiff('ABCABBA'.split(''), 'CBABAC'.split(''));
		expect(lines.filter((l) => l.op === 'same')).toHaveLength(4);
		expect(lines.filter((l) => l.op !== 'insert').map((l) => l.text).join('')).toBe('ABCABBA');
		expect(lines.filter((l) => l.op !== 'delete').map((l) => l.text).join('')).toBe('CBABAC');
	});

	it('numbers lines on each side', () => {
		expect(lineDiff(['a', 'b'], ['a', 'c'])).toEqual([
			{ op: 'same', text: 'a', oldLine: 1, newLine: 1 },
			{ op: 'delete', text: 'b', oldLine: 2, newLine: null },
			{ op: 'insert', text: 'c', oldLine: null, newLine: 2 }
		]);
	});
});

describe('splitLines', () => {
	it('does not count a final newline as a line and accepts CRLF', () => {
		expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
		expect(splitLines('')).toEqual([]);
	});
});

describe('unifiedDiff', () => {
	const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');

	it('is empty for the same lines', () => {
		expect(unifiedDiff(before, `${before}\n`, { fromLabel: 'a', toLabel: 'b' })).toBe('');
	});

	it('prints one hunk with three lines of context, as diff -u does', () => {
		const after = before.replace('line 10', 'line ten');
		expect(unifiedDiff(before, after, { fromLabel: 'a/m.sql', toLabel: 'b/m.sql' })).toBe(
			['--- a/m.sql', '+++ b/m.sql', '@@ -7,7 +7,7 @@', ' line 7', ' line 8', ' line 9', '-line 10', '+line ten', ' line 11', ' line 12', ' line 13'].join('\n')
		);
	});

	it('splits far-apart changes into hunks and merges near ones', () => {
		const far = before.replace('line 2', 'two').replace('line 18', 'eighteen');
		expect(unifiedDiff(before, far, { fromLabel: 'a', toLabel: 'b' }).match(/^@@/gm)).toHaveLength(2);
		const near = before.replace('line 8', 'eight').replace('line 12', 'twelve');
		expect(unifiedDiff(before, near, { fromLabel: 'a', toLabel: 'b' }).match(/^@@ -5,11 \+5,11 @@$/gm)).toHaveLength(1);
	});

	it('counts an empty side as diff -u does (-0,0 for a new file)', () => {
		expect(unifiedDiff('', 'a\nb\n', { fromLabel: '/dev/null', toLabel: 'b' }).split('\n')).toEqual(['--- /dev/null', '+++ b', '@@ -0,0 +1,2 @@', '+a', '+b']);
		expect(unifiedDiff('a\n', '', { fromLabel: 'a', toLabel: '/dev/null' }).split('\n')).toEqual(['--- a', '+++ /dev/null', '@@ -1 +0,0 @@', '-a']);
	});
});
