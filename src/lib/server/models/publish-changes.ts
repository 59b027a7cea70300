/**
 * What a publish changed against the one before it (pure): models changed (own definition), added, removed
 * and rebuilt (same definition, new parents or data), in that order. Called by read-publish-log.
 */

export interface PublishedVersion {
	readonly version: string;
	/** Hash of the model's own definition; null when unknown (then any new version counts as changed). */
	readonly definitionHash: string | null;
}

export interface PublishChange {
	readonly name: string;
	readonly change: 'added' | 'changed' | 'rebuilt' | 'removed';
	readonly from: string | null;
	readonly to: string | null;
}

/** @example publishChanges(new Map([['a', { version: '1', definitionHash: 'x' }]]), new Map([['a', { version: '2', definitionHash: 'x' }]])) // [{ name: 'a', change: 'rebuilt', from: '1', to: '2' }] */
export function publishChanges(before: ReadonlyMap<string, PublishedVersion>, after: ReadonlyMap<string, PublishedVersion>): PublishChange[] {
	const changes: PublishChange[] = [];
	for (const [name, now] of after) {
		const was = before.get(name);
		if (!was) changes.push({ name, change: 'added', from: null, to: now.version });
		else if (was.version !== now.version) {
			const sameDefinition = was.definitionHash !== null && was.definitionHash === now.definitionHash;
			changes.push({ name, change: sameDefinition ? 'rebuilt' : 'changed', from: was.version, to: now.version });
		}
	}
	for (const [name, was] of before) if (!after.has(name)) changes.push({ name, change: 'removed', from: was.version, to: null });
	// What someone edited first, what follows from it last.
	const order = { changed: 0, added: 1, removed: 2, rebuilt: 3 } as const;
	return changes.sort((a, b) => order[a.change] - order[b.change] || a.name.localeCompare(b.name));
}
