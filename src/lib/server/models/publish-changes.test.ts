import { describe, expect, it } from 'vitest';
import { publishChanges } from './publish-changes.ts';

const set = (entries: [string, string, string | null][]) => new Map(entries.map(([name, version, definitionHash]) => [name, { version, definitionHash }]));

describe('publishChanges', () => {
	it('tells changed, added, removed and rebuilt apart, in that order, and skips the unchanged', () => {
		const before = set([
			['a', '1', 'x'],
			['b', '1', 'y'],
			['c', '1', 'z'],
			['gone', '1', 'g']
		]);
		const after = set([
			['a', '1', 'x'],
			['b', '2', 'y'],
			['c', '2', 'z2'],
			['new', '1', 'n']
		]);
		expect(publishChanges(before, after)).toEqual([
			{ name: 'c', change: 'changed', from: '1', to: '2' },
			{ name: 'new', change: 'added', from: null, to: '1' },
			{ name: 'gone', change: 'removed', from: '1', to: null },
			{ name: 'b', change: 'rebuilt', from: '1', to: '2' }
		]);
	});

	it('calls a new version changed when the definition is unknown', () => {
		expect(publishChanges(set([['a', '1', null]]), set([['a', '2', null]]))).toEqual([{ name: 'a', change: 'changed', from: '1', to: '2' }]);
	});
});
