import { describe, expect, it } from 'vitest';
import { parseModel } from './parse-model.ts';
import { planBuild, type AnalyzedModel, type PublishedModel } from './plan-build.ts';

/** A model whose SELECT reads `parents`; `canonical` stands in for DuckDB's AST text. */
function model(name: string, parents: string[], options: { canonical?: string; path?: string; refs?: { name: string; line: number; column: number }[] } = {}): AnalyzedModel {
	const path = options.path ?? `marts/${name}.sql`;
	const spec = parseModel(path, `-- kind: table\nselect * from ${parents.join(', ') || 'range(1)'}`);
	return {
		spec,
		parents,
		references: options.refs ?? parents.map((p, i) => ({ name: p, line: 2, column: 15 + i })),
		canonical: options.canonical ?? `select from ${parents.join(',')}`
	};
}

const SOURCES = [{ name: 'src_sales', fingerprintInput: 'files-v1' }];

function published(plan: ReturnType<typeof planBuild>): Map<string, PublishedModel> {
	return new Map(plan.nodes.map((n) => [n.name, { version: n.version, definitionHash: n.definitionHash }]));
}

const base = () => [model('stg_sales', ['src_sales']), model('fct_daily', ['stg_sales']), model('fct_program', ['fct_daily'])];

describe('planBuild', () => {
	it('orders parents before children and marks everything added on a fresh warehouse', () => {
		const plan = planBuild({ models: base(), sources: SOURCES, published: new Map() });
		expect(plan.nodes.map((n) => n.name)).toEqual(['src_sales', 'stg_sales', 'fct_daily', 'fct_program']);
		expect(plan.nodes.every((n) => n.change === 'added' && n.previousVersion === null)).toBe(true);
		expect(plan.upToDate).toBe(false);
		expect(plan.problems).toEqual([]);
	});

	it('is up to date when nothing changed', () => {
		const first = planBuild({ models: base(), sources: SOURCES, published: new Map() });
		const again = planBuild({ models: base(), sources: SOURCES, published: published(first) });
		expect(again.upToDate).toBe(true);
		expect(again.nodes.every((n) => n.change === 'unchanged' && n.because.length === 0)).toBe(true);
	});

	it('marks an edited model changed and its descendants rebuilt, naming the parent that caused each', () => {
		const first = planBuild({ models: base(), sources: SOURCES, published: new Map() });
		const edited = [model('stg_sales', ['src_sales'], { canonical: 'excluding pending' }), model('fct_daily', ['stg_sales']), model('fct_program', ['fct_daily'])];
		const plan = planBuild({ models: edited, sources: SOURCES, published: published(first) });
		const byName = new Map(plan.nodes.map((n) => [n.name, n]));
		expect(byName.get('src_sales')!.change).toBe('unchanged');
		expect(byName.get('stg_sales')!).toMatchObject({ change: 'changed', previousVersion: byName.get('stg_sales')!.previousVersion });
		expect(byName.get('stg_sales')!.previousVersion).not.toBe(byName.get('stg_sales')!.version);
		expect(byName.get('fct_daily')!).toMatchObject({ change: 'rebuilt', because: ['stg_sales'] });
		expect(byName.get('fct_program')!).toMatchObject({ change: 'rebuilt', because: ['fct_daily'] });
	});

	it('rebuilds everything downstream of a source whose files changed', () => {
		const first = planBuild({ models: base(), sources: SOURCES, published: new Map() });
		const plan = planBuild({ models: base(), sources: [{ name: 'src_sales', fingerprintInput: 'files-v2' }], published: published(first) });
		expect(plan.nodes.map((n) => [n.name, n.change])).toEqual([
			['src_sales', 'changed'],
			['stg_sales', 'rebuilt'],
			['fct_daily', 'rebuilt'],
			['fct_program', 'rebuilt']
		]);
	});

	it('lists published models whose files are gone as removed', () => {
		const first = planBuild({ models: base(), sources: SOURCES, published: new Map() });
		const plan = planBuild({ models: base().slice(0, 2), sources: SOURCES, published: published(first) });
		expect(plan.removed).toEqual(['fct_program']);
		expect(plan.upToDate).toBe(false);
	});

	it('reports an unknown table with the model file, line and column, and the known names', () => {
		const broken = model('fct_daily', ['stg_sales', 'stg_salez'], { refs: [{ name: 'stg_sales', line: 9, column: 10 }, { name: 'stg_salez', line: 12, column: 6 }] });
		const plan = planBuild({ models: [model('stg_sales', ['src_sales']), broken], sources: SOURCES, published: new Map() });
		expect(plan.problems).toEqual([
			{ model: 'fct_daily', message: 'models/marts/fct_daily.sql:12:6: reads unknown table stg_salez; known models and sources: fct_daily, src_sales, stg_sales' }
		]);
	});

	it('reports a cycle once with its chain and leaves its models out of the order', () => {
		const plan = planBuild({
			models: [model('a_model', ['c_model']), model('b_model', ['a_model']), model('c_model', ['b_model']), model('stg_sales', ['src_sales'])],
			sources: SOURCES,
			published: new Map()
		});
		expect(plan.problems).toEqual([{ model: 'a_model', message: 'dependency cycle: a_model -> c_model -> b_model -> a_model' }]);
		expect(plan.nodes.map((n) => n.name)).toEqual(['src_sales', 'stg_sales']);
	});

	it('refuses a model named like a source and two files with one name', () => {
		const plan = planBuild({
			models: [model('src_sales', []), model('stg_sales', ['src_sales'], { path: 'a/stg_sales.sql' }), model('stg_sales', ['src_sales'], { path: 'b/stg_sales.sql' })],
			sources: SOURCES,
			published: new Map()
		});
		expect(plan.problems.map((p) => p.message)).toEqual([
			'the name src_sales is taken by a source',
			'two model files are named stg_sales: a/stg_sales.sql and b/stg_sales.sql'
		]);
	});

	it('gives a new version when only the engine-relevant header changes (a test), none for comments', () => {
		const first = planBuild({ models: base(), sources: SOURCES, published: new Map() });
		const tested = base();
		tested[1] = { ...tested[1]!, spec: parseModel('marts/fct_daily.sql', '-- kind: table\n-- test: not_null(date)\nselect 1') };
		const plan = planBuild({ models: tested, sources: SOURCES, published: published(first) });
		expect(plan.nodes.find((n) => n.name === 'fct_daily')!.change).toBe('changed');
		const commented = base();
		commented[1] = { ...commented[1]!, spec: parseModel('marts/fct_daily.sql', '-- kind: table\n-- just a note\nselect 1') };
		expect(planBuild({ models: commented, sources: SOURCES, published: published(first) }).upToDate).toBe(true);
	});
});
