/**
 * Plain-text rendering of a plan or build result for the CLI (pure): the plan (what is added, changed,
 * rebuilt because of what, removed), one line per model built, the data tests, the data diff and the verdict.
 * The same text whether the CLI ran the build itself or a server ran it.
 */
import { formatDataDiff } from './format-data-diff.ts';
import type { BuildResult } from './run-build.ts';
import type { PlanSummary } from './summarize-plan.ts';

const short = (version: string | null) => (version ? version.slice(0, 8) : '-');

export function formatPlan(plan: PlanSummary): string {
	const lines = [plan.basePublishId === null ? 'plan (nothing published yet):' : `plan against publish #${plan.basePublishId}:`];
	const moved = plan.nodes.filter((n) => n.change !== 'unchanged');
	if (moved.length === 0 && plan.removed.length === 0 && plan.problems.length === 0 && !plan.dataTestsChanged) lines.push('  nothing changed');
	if (plan.dataTestsChanged) lines.push('  tests     the data tests changed: they run against every model version');
	for (const n of moved) {
		const version = n.previousVersion === null ? short(n.version) : `${short(n.previousVersion)} -> ${short(n.version)}`;
		const because = n.change === 'rebuilt' && n.because.length > 0 ? ` because ${n.because.join(', ')} changed` : '';
		lines.push(`  ${n.change.padEnd(9)} ${n.name} (${n.kind}) ${version}${because}`);
	}
	for (const name of plan.removed) lines.push(`  removed   ${name}`);
	for (const p of plan.problems) lines.push(`  problem   ${p.model}: ${p.message}`);
	return lines.join('\n');
}

export function formatBuildResult(result: BuildResult): string {
	const ms = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
	const sections = [formatPlan(result.plan)];
	const built = result.nodes.filter((n) => n.status !== 'unchanged');
	if (built.length > 0 || result.dataTests.length > 0) {
		const lines = [result.mode === 'plan' ? 'candidates:' : 'models:'];
		for (const n of built) {
			const rows = n.rows === null ? '' : ` ${n.rows.toLocaleString('en-US')} rows`;
			const inc = n.incremental;
			const how = !inc
				? ''
				: inc.mode === 'full'
					? ` (full: ${inc.reason})`
					: inc.days === 0
						? ' (no day changed)'
						: ` (replaced ${inc.days} day${inc.days === 1 ? '' : 's'}, ${inc.first}${inc.days > 1 ? ` to ${inc.last}` : ''})`;
			lines.push(`  ${n.status.padEnd(8)} ${n.name}${rows} ${Math.round(n.ms)} ms${how}${n.error ? `\n           ${n.error}` : ''}`);
		}
		for (const t of result.dataTests) lines.push(`  test ${t.status.padEnd(5)} ${t.name}${t.status === 'pass' ? '' : ` (${t.detail ?? `${t.failingRows} failing rows`})`}`);
		sections.push(lines.join('\n'));
	}
	const diff = formatDataDiff(result.dataDiffs, result.dataDiffErrors);
	if (diff) sections.push(diff);
	sections.push(verdict(result, ms));
	return sections.join('\n');
}

function verdict(result: BuildResult, ms: number): string {
	switch (result.status) {
		case 'published': {
			const dropped = result.retention?.dropped.length ?? 0;
			const freed = result.retention?.freedBytes ? ` (${(result.retention.freedBytes / 1_048_576).toFixed(1)} MB freed)` : '';
			const cleanup = dropped > 0 ? `; retention dropped ${dropped} old table${dropped === 1 ? '' : 's'}${freed}` : '';
			const problems = result.retention?.errors.length ? `; retention could not drop: ${result.retention.errors.join('; ')}` : '';
			return `published #${result.publishId} in ${ms} ms${cleanup}${problems}`;
		}
		case 'up_to_date':
			return `nothing changed; publish #${result.publishId ?? '-'} still current (${ms} ms)`;
		case 'planned':
			return `plan ready in ${ms} ms: candidates built and tested, nothing published; \`partnerscope build\` publishes them`;
		case 'failed':
			return result.mode === 'plan'
				? `plan failed in ${ms} ms: a build now would publish nothing`
				: `build failed in ${ms} ms: nothing published, the previous state keeps serving`;
	}
}
