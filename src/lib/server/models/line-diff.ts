/**
 * Line diffs of two texts (pure): `lineDiff` aligns the lines through their longest common subsequence,
 * `unifiedDiff` prints the result the way `diff -u` does. Used by `partnerscope models diff`.
 */

export type DiffOp = 'same' | 'delete' | 'insert';

export interface DiffLine {
	readonly op: DiffOp;
	readonly text: string;
	/** 1-based line in the old text (same, delete) or null. */
	readonly oldLine: number | null;
	/** 1-based line in the new text (same, insert) or null. */
	readonly newLine: number | null;
}

/** A text's lines; a final newline does not start another (empty) line. */
export function splitLines(text: string): string[] {
	if (text === '') return [];
	const lines = text.split(/\r?\n/);
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

/**
 * Aligns two line lists: every line of `a` and `b` appears once, in order, as same, delete or insert, with as
 * many `same` lines as possible (a longest common subsequence). Deletions come before insertions in a change.
 * Common leading and trailing lines are matched first; the rest costs O(n·m) time and memory.
 * @example lineDiff(['a', 'b'], ['a', 'c']).map((l) => l.op) // ['same', 'delete', 'insert']
 */
export function lineDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const n = endA - start;
	const m = endB - start;
	// lcs[i * (m + 1) + j] = length of the LCS of a[start + i ..] and b[start + j ..] (within the middle part)
	const lcs = new Uint32Array((n + 1) * (m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i * (m + 1) + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
		}
	}
	const out: DiffLine[] = [];
	const same = (i: number, j: number) => out.push({ op: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
	for (let k = 0; k < start; k++) same(k, k);
	let i = 0;
	let j = 0;
	const deletes: DiffLine[] = [];
	const inserts: DiffLine[] = [];
	const flush = () => {
		out.push(...deletes, ...inserts);
		deletes.length = 0;
		inserts.length = 0;
	};
	while (i < n || j < m) {
		if (i < n && j < m && a[start + i] === b[start + j]) {
			flush();
			same(start + i, start + j);
			i++;
			j++;
		} else if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
			inserts.push({ op: 'insert', text: b[start + j]!, oldLine: null, newLine: start + j + 1 });
			j++;
		} else {
			deletes.push({ op: 'delete', text: a[start + i]!, oldLine: start + i + 1, newLine: null });
			i++;
		}
	}
	flush();
	for (let k = 0; k < a.length - endA; k++) same(endA + k, endB + k);
	return out;
}

export interface UnifiedDiffOptions {
	readonly fromLabel: string;
	readonly toLabel: string;
	/** Unchanged lines shown around each change (default 3). */
	readonly context?: number;
}

/**
 * `diff -u` output of two texts: a `---`/`+++` header, then hunks `@@ -start,count +start,count @@` with
 * `context` unchanged lines around the changes. Empty when the texts have the same lines.
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
	const lines = lineDiff(splitLines(before), splitLines(after));
	const context = options.context ?? 3;
	const changed = lines.map((l, index) => (l.op === 'same' ? -1 : index)).filter((index) => index >= 0);
	if (changed.length === 0) return '';
	// Group changed lines whose context windows touch into one hunk.
	const hunks: { from: number; to: number }[] = [];
	for (const index of changed) {
		const from = Math.max(0, index - context);
		const to = Math.min(lines.length - 1, index + context);
		const last = hunks[hunks.length - 1];
		if (last && from <= last.to + 1) last.to = Math.max(last.to, to);
		else hunks.push({ from, to });
	}
	const out = [`--- ${options.fromLabel}`, `+++ ${options.toLabel}`];
	for (const hunk of hunks) {
		const body = lines.slice(hunk.from, hunk.to + 1);
		const oldCount = body.filter((l) => l.op !== 'insert').length;
		const newCount = body.filter((l) => l.op !== 'delete').length;
		// Where the hunk starts in each file; an empty side names the line before it, as diff -u does.
		const linesBefore = lines.slice(0, hunk.from);
		const oldStart = linesBefore.filter((l) => l.op !== 'insert').length + (oldCount > 0 ? 1 : 0);
		const newStart = linesBefore.filter((l) => l.op !== 'delete').length + (newCount > 0 ? 1 : 0);
		out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
		for (const l of body) out.push(`${l.op === 'same' ? ' ' : l.op === 'delete' ? '-' : '+'}${l.text}`);
	}
	return out.join('\n');
}

function range(start: number, count: number): string {
	return count === 1 ? String(start) : `${start},${count}`;
}
