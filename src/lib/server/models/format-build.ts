/** Plain-text rendering of a plan and a build result for the CLI (pure). */
import type { BuildPlan } from './plan-build.ts';
import type { BuildResult } from './run-build.ts';

export function formatPlan(plan: BuildPlan): string {
	const lines = ['plan:'];
	const changed = plan.nodes.filter((n) => n.change !== 'unchanged');
	if (changed.length === 0 && plan.removed.length === 0) lines.push('  nothing changed');
	for (const n of changed) lines.push(`  ${n.change.padEnd(9)} ${n.name} (${n.kind}) ${n.version}`);
	for (const name of plan.removed) lines.push(`  removed   ${name}`);
	for (const p of plan.problems) lines.push(`  problem   ${p.model}: ${p.message}`);
	return lines.join('\n');
}

export function formatBuildResult(result: BuildResult): string {
	const ms = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
	const lines: string[] = [];
	for (const n of result.nodes) {
		if (n.status === 'unchanged') continue;
		const rows = n.rows === null ? '' : ` ${n.rows.toLocaleString('en-US')} rows`;
		lines.push(`  ${n.status.padEnd(8)} ${n.name}${rows} ${Math.round(n.ms)} ms${n.error ? `\n           ${n.error}` : ''}`);
	}
	for (const t of result.dataTests) lines.push(`  test ${t.status.padEnd(5)} ${t.name}${t.status === 'pass' ? '' : ` (${t.detail ?? `${t.failingRows} failing rows`})`}`);
	const verdict =
		result.status === 'published'
			? `published #${result.publishId} in ${ms} ms`
			: result.status === 'up_to_date'
				? `nothing changed; publish #${result.publishId ?? '-'} still current (${ms} ms)`
				: result.status === 'planned'
					? 'dry run: nothing built'
					: `build failed in ${ms} ms: nothing published, the previous state keeps serving`;
	return [...lines, verdict].join('\n');
}
