import { describe, expect, it } from 'vitest';
import { lineageGraph, lineageOption } from './lineage-option.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MODELS = [
	{ name: 'src_sales', kind: 'source', parents: [], description: null, rows: 10 },
	{ name: 'stg_sales', kind: 'table', parents: ['src_sales'], description: 'one row per sale', rows: 10 },
	{ name: 'fct_daily', kind: 'table', parents: ['stg_sales', 'gone_model'], description: '<img src=x onerror=alert(1)>', rows: 3 }
];
const METRICS = [
	{ key: 'revenue', label: 'Revenue', models: [{ model: 'fct_daily', columns: ['revenue'] }], metrics: [] },
	{ key: 'aov', label: 'AOV', models: [], metrics: ['revenue', 'conversions'] }
];
const PAGES = [{ href: '/roi', label: 'ROI report', models: ['fct_daily', 'fct_missing'] }];

describe('lineageGraph', () => {
	it('puts sources first, each model one column right of its deepest parent, then the metrics, then the pages', () => {
		const { nodes } = lineageGraph(MODELS, METRICS, PAGES);
		expect(Object.fromEntries(nodes.map((n) => [n.id, n.column]))).toEqual({
			'model:src_sales': 0,
			'model:stg_sales': 1,
			'model:fct_daily': 2,
			'metric:revenue': 3,
			'metric:aov': 3,
			'page:/roi': 4
		});
		expect(nodes.find((n) => n.id === 'model:src_sales')!.kind).toBe('source');
	});

	it('links parents to models, models to the metrics and pages that read them, and leaves unknown names out', () => {
		const { edges } = lineageGraph(MODELS, METRICS, PAGES);
		expect(edges.map((e) => `${e.source} > ${e.target}`)).toEqual([
			'model:src_sales > model:stg_sales',
			'model:stg_sales > model:fct_daily',
			'model:fct_daily > metric:revenue',
			'metric:revenue > metric:aov',
			'model:fct_daily > page:/roi'
		]);
	});

	it('does not loop on a dependency cycle', () => {
		const { nodes } = lineageGraph([{ name: 'a', kind: 'view', parents: ['b'], description: null, rows: null }, { name: 'b', kind: 'view', parents: ['a'], description: null, rows: null }], [], []);
		expect(nodes).toHaveLength(2);
	});
});

describe('lineageOption', () => {
	it('escapes model text in tooltips', () => {
		const o = lineageOption(lineageGraph(MODELS, METRICS, PAGES), { width: 1000, rowHeight: 30 }) as Any;
		const html = o.tooltip.formatter({ dataType: 'node', data: { id: 'model:fct_daily' } });
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).not.toContain('<img');
		expect(o.series[0].data.find((d: Any) => d.id === 'page:/roi').x).toBe(1000);
	});
});
