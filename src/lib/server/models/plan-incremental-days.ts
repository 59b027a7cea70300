/**
 * Decides what an incremental model's build does (pure): rebuild in full, or replace exactly the days whose
 * inputs changed. Its inputs are the model's head (the parent versions its newest data reflects) and, per
 * parent read by day, the day fingerprints of the head's parent version and of the current one. Called by
 * build-incremental; the plan is a value that is printed in the build's result.
 */
import type { Lookback } from './parse-model.ts';

/** Per day (YYYY-MM-DD): a fingerprint of that day's rows (row count and a hash sum). */
export type DayFingerprints = ReadonlyMap<string, string>;

export interface IncrementalHead {
	readonly generation: number;
	readonly version: string;
	/** Parent name -> the version the head's data was built from. */
	readonly parentVersions: Readonly<Record<string, string>>;
}

export type IncrementalDecision =
	| { readonly mode: 'full'; readonly reason: string }
	| { readonly mode: 'days'; readonly days: readonly string[]; readonly because: Readonly<Record<string, number>> };

const DAY_MS = 86_400_000;

/**
 * @example planIncrementalDays({ full: false, head: { generation: 1, version: 'a', parentVersions: { src: 'v1' } },
 *   parents: [{ name: 'src', version: 'v2' }], lookback: [{ parent: 'src', days: 1 }],
 *   dayFingerprints: new Map([['src', { from: new Map([['2026-01-01', '3:9']]), to: new Map([['2026-01-01', '3:9'], ['2026-01-02', '1:4']]) }]]) })
 * // { mode: 'days', days: ['2026-01-02'], because: { src: 1 } } (2026-01-03 lies past every parent's last day)
 * Complexity: O(parents x days x lookback).
 */
export function planIncrementalDays(input: {
	/** `partnerscope build --full`: rebuild from scratch. */
	readonly full: boolean;
	readonly head: IncrementalHead | null;
	readonly parents: readonly { readonly name: string; readonly version: string }[];
	readonly lookback: readonly Lookback[];
	/** For every lookback parent whose version differs from the head's: its days then (null: unknown) and now. */
	readonly dayFingerprints: ReadonlyMap<string, { readonly from: DayFingerprints | null; readonly to: DayFingerprints }>;
}): IncrementalDecision {
	if (input.full) return { mode: 'full', reason: 'a full build was asked for' };
	if (!input.head) return { mode: 'full', reason: 'first build of this definition' };
	const byDay = new Map(input.lookback.map((l) => [l.parent, l.days]));
	const headParents = input.head.parentVersions;
	const added = input.parents.filter((p) => !(p.name in headParents));
	if (added.length > 0) return { mode: 'full', reason: `new parent ${added[0]!.name}` };
	for (const parent of input.parents) {
		if (byDay.has(parent.name) || headParents[parent.name] === parent.version) continue;
		return { mode: 'full', reason: `${parent.name} changed and is read whole (not named in lookback)` };
	}
	const changed = new Set<string>();
	const because: Record<string, number> = {};
	let lastDay = '';
	for (const parent of input.parents) {
		const days = byDay.get(parent.name);
		if (days === undefined || headParents[parent.name] === parent.version) continue;
		const prints = input.dayFingerprints.get(parent.name);
		if (!prints || prints.from === null) return { mode: 'full', reason: `the days of ${parent.name}'s earlier version are unknown` };
		const diff = changedDays(prints.from, prints.to);
		because[parent.name] = diff.length;
		for (const day of [...prints.from.keys(), ...prints.to.keys()]) if (day > lastDay) lastDay = day;
		for (const day of diff) for (let k = 0; k <= days; k++) changed.add(addDays(day, k));
	}
	return { mode: 'days', days: [...changed].filter((d) => d <= lastDay).sort(), because };
}

/** Days present in one map and not the other, or with a different fingerprint, sorted. */
export function changedDays(from: DayFingerprints, to: DayFingerprints): string[] {
	const days = new Set<string>();
	for (const [day, print] of from) if (to.get(day) !== print) days.add(day);
	for (const [day, print] of to) if (from.get(day) !== print) days.add(day);
	return [...days].sort();
}

/** Every day of [day - back, day] for each day, sorted and unique: the parent rows a set of output days reads. */
export function windowDays(days: readonly string[], back: number): string[] {
	const out = new Set<string>();
	for (const day of days) for (let k = 0; k <= back; k++) out.add(addDays(day, -k));
	return [...out].sort();
}

function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
