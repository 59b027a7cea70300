/**
 * Plain-text rendering of the publish history for the CLI (pure): `models log`, `models diff` and
 * `models rollback`. The same text whether the CLI read the warehouse itself or asked the server.
 */
import type { ModelDiff } from './diff-model-versions.ts';
import type { RollbackOutcome } from './model-operations.ts';
import type { PublishLogEntry } from './read-publish-log.ts';

const short = (version: string | null) => (version ? version.slice(0, 8) : '-');
const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export function formatLog(entries: readonly PublishLogEntry[]): string {
	if (entries.length === 0) return 'nothing has been published yet';
	const lines: string[] = [];
	for (const e of entries) {
		const notes = [e.rollbackOf !== null ? `restores #${e.rollbackOf}` : null, e.current ? 'current' : null, e.restorable ? null : 'tables cleaned up: not restorable'].filter(Boolean);
		lines.push(`#${e.publishId}  ${when(e.publishedAt)}  ${e.kind.padEnd(8)}  ${e.author}  "${e.message}"  ${e.modelCount} models${notes.length ? `  (${notes.join('; ')})` : ''}`);
		for (const c of e.changes) {
			const versions = c.change === 'added' ? short(c.to) : c.change === 'removed' ? short(c.from) : `${short(c.from)} -> ${short(c.to)}`;
			lines.push(`      ${c.change.padEnd(8)} ${c.name} ${versions}`);
		}
	}
	return lines.join('\n');
}

export function formatModelDiff(d: ModelDiff): string {
	const side = (s: ModelDiff['from']) => (s.publishId === null ? 'nothing' : `publish #${s.publishId}${s.version === null ? ' (not in it)' : ` (${short(s.version)})`}`);
	const head = `${d.name}: ${side(d.from)} -> ${side(d.to)}`;
	if (d.sameVersion) return `${head}\nsame version in both publishes: nothing changed`;
	if (d.diff === '') return `${head}\nthe model file is the same; the version changed because a parent (model or export files) changed`;
	return `${head}\n${d.diff}`;
}

export function formatRollback(r: RollbackOutcome): string {
	const lines = [`published #${r.publishId}: rollback to publish #${r.rollbackOf} (${r.models.length} models)`];
	if (r.removed.length > 0) lines.push(`  removed views: ${r.removed.join(', ')}`);
	const dropped = r.retention?.dropped.length ?? 0;
	if (dropped > 0) lines.push(`  retention dropped ${dropped} old table${dropped === 1 ? '' : 's'}`);
	return lines.join('\n');
}
