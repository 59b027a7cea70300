/** Plain-text rendering of the model catalog for the CLI (pure): `models list` and `models show`. */
import type { ModelDescription } from './describe-model.ts';
import type { ModelListing } from './list-models.ts';

const short = (version: string | null | undefined) => (version ? version.slice(0, 8) : '-');

export function formatModelList(catalog: { readonly publishId: number | null; readonly models: readonly ModelListing[] }): string {
	const header = catalog.publishId === null ? 'nothing published yet' : `publish #${catalog.publishId}`;
	const width = Math.max(4, ...catalog.models.map((m) => m.name.length));
	const lines = [header, `  ${'name'.padEnd(width)}  kind    version   rows         parents`];
	for (const m of catalog.models) {
		const rows = m.published?.rows == null ? '-' : m.published.rows.toLocaleString('en-US');
		const flags = [m.inProject ? null : 'file removed', m.problem ? `problem: ${m.problem}` : null].filter(Boolean);
		lines.push(`  ${m.name.padEnd(width)}  ${m.kind.padEnd(6)}  ${short(m.published?.version).padEnd(8)}  ${rows.padStart(11)}  ${m.parents.join(', ') || '-'}${flags.length ? `  [${flags.join('; ')}]` : ''}`);
	}
	return lines.join('\n');
}

export function formatModelDescription(m: ModelDescription): string {
	const lines = [
		`${m.name} (${m.kind})${m.path ? `  models/${m.path}` : ''}`,
		...(m.description ? [`  description: ${m.description}`] : []),
		...(m.owner ? [`  owner: ${m.owner}`] : []),
		...(m.grain.length ? [`  grain: ${m.grain.join(', ')}`] : []),
		...m.tests.map((t) => `  test: ${t}`),
		`  parents: ${m.parents.join(', ') || '-'}`,
		`  children: ${m.children.join(', ') || '-'}`,
		...(m.problem ? [`  problem: ${m.problem}`] : []),
		'  versions:'
	];
	if (m.versions.length === 0) lines.push('    none built yet');
	for (const v of m.versions) {
		const publishes = v.publishes.length ? `publishes ${v.publishes.map((p) => `#${p}`).join(', ')}` : 'never published';
		const rows = v.rows === null ? '' : `, ${v.rows.toLocaleString('en-US')} rows`;
		lines.push(`    ${short(v.version)}  built ${v.builtAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}${rows}; ${publishes}${v.current ? '; current' : ''}${v.available ? '' : '; table cleaned up'}`);
	}
	if (m.text !== null) lines.push('', m.text.trimEnd());
	return lines.join('\n');
}
