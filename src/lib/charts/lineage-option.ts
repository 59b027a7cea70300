/**
 * The lineage graph (pure): sources -> models -> dictionary metrics -> pages, as an ECharts graph laid out in
 * columns by depth, so data flows left to right. Node ids are prefixed by kind (`model:stg_sales`,
 * `metric:revenue`, `page:/roi`) because a metric and a model may share a name. Text in tooltips passes
 * through escapeHtml (model descriptions are free text). Used by the /models page.
 */
import type { EChartsOption } from 'echarts';
import { escapeHtml } from './escape-html.ts';

export interface LineageModel {
	readonly name: string;
	/** `source`, `view` or `table`. */
	readonly kind: string;
	readonly parents: readonly string[];
	readonly description: string | null;
	readonly rows: number | null;
}

export interface LineageMetric {
	readonly key: string;
	readonly label: string;
	readonly models: readonly { readonly model: string; readonly columns: readonly string[] }[];
	readonly metrics: readonly string[];
}

export interface LineagePage {
	readonly href: string;
	readonly label: string;
	readonly models: readonly string[];
}

export interface LineageNode {
	readonly id: string;
	readonly kind: 'source' | 'model' | 'metric' | 'page';
	readonly label: string;
	readonly column: number;
	readonly detail: string;
}

export const LINEAGE_KINDS = ['source', 'model', 'metric', 'page'] as const;

/** Nodes with their column (depth) and edges between node ids; unknown names in the inputs are left out. */
export function lineageGraph(models: readonly LineageModel[], metrics: readonly LineageMetric[], pages: readonly LineagePage[]): { nodes: LineageNode[]; edges: { source: string; target: string }[] } {
	const byName = new Map(models.map((m) => [m.name, m]));
	const depth = new Map<string, number>();
	const depthOf = (name: string, seen: ReadonlySet<string> = new Set()): number => {
		const known = depth.get(name);
		if (known !== undefined) return known;
		const m = byName.get(name);
		if (!m || m.kind === 'source' || seen.has(name)) return 0; // a cycle is the engine's error to report; draw it flat
		const d = 1 + Math.max(0, ...m.parents.filter((p) => byName.has(p)).map((p) => depthOf(p, new Set([...seen, name]))));
		depth.set(name, d);
		return d;
	};
	const modelColumns = Math.max(0, ...models.map((m) => depthOf(m.name)));
	const metricKeys = new Set(metrics.map((m) => m.key));
	// Metrics share one column (the ones computed from other metrics below those read off models), so the
	// graph stays narrow enough for its labels; the pages come last.
	const metricColumn = modelColumns + 1;
	const pageColumn = modelColumns + 2;

	const nodes: LineageNode[] = [
		...models.map((m): LineageNode => ({
			id: `model:${m.name}`,
			kind: m.kind === 'source' ? 'source' : 'model',
			label: m.name,
			column: depthOf(m.name),
			detail: [m.kind, m.rows === null ? null : `${m.rows.toLocaleString('en-US')} rows`, m.description].filter(Boolean).join(' · ')
		})),
		...metrics.map((m): LineageNode => ({
			id: `metric:${m.key}`,
			kind: 'metric',
			label: m.label,
			column: metricColumn,
			detail: m.models.length > 0 ? `reads ${m.models.map((x) => `${x.model}(${x.columns.join(', ')})`).join(', ')}` : `computed from ${m.metrics.join(', ')}`
		})),
		...pages.map((p): LineageNode => ({ id: `page:${p.href}`, kind: 'page', label: p.label, column: pageColumn, detail: `page ${p.href}` }))
	];
	const edges = [
		...models.flatMap((m) => m.parents.filter((p) => byName.has(p)).map((p) => ({ source: `model:${p}`, target: `model:${m.name}` }))),
		...metrics.flatMap((m) => [
			...m.models.filter((x) => byName.has(x.model)).map((x) => ({ source: `model:${x.model}`, target: `metric:${m.key}` })),
			...m.metrics.filter((k) => metricKeys.has(k)).map((k) => ({ source: `metric:${k}`, target: `metric:${m.key}` }))
		]),
		...pages.flatMap((p) => p.models.filter((name) => byName.has(name)).map((name) => ({ source: `model:${name}`, target: `page:${p.href}` })))
	];
	return { nodes, edges };
}

const COLORS: Record<LineageNode['kind'], string> = { source: '#5c6b7a', model: '#2457c5', metric: '#e07b00', page: '#12805c' };

export function lineageOption(graph: { nodes: readonly LineageNode[]; edges: readonly { source: string; target: string }[] }, size: { width: number; rowHeight: number }): EChartsOption {
	const columns = Math.max(0, ...graph.nodes.map((n) => n.column)) + 1;
	const perColumn = new Map<number, LineageNode[]>();
	for (const n of graph.nodes) perColumn.set(n.column, [...(perColumn.get(n.column) ?? []), n]);
	const tallest = Math.max(1, ...[...perColumn.values()].map((c) => c.length));
	const position = new Map<string, { x: number; y: number }>();
	const spacing = size.width / Math.max(1, columns - 1);
	for (const [column, nodes] of perColumn) {
		// Centre short columns against the tallest one.
		const offset = ((tallest - nodes.length) * size.rowHeight) / 2;
		nodes.forEach((n, i) => position.set(n.id, { x: column * spacing, y: offset + i * size.rowHeight }));
	}
	const byId = new Map(graph.nodes.map((n) => [n.id, n]));
	return {
		animation: false,
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const item = p as { dataType: string; data: { id?: string; source?: string; target?: string } };
				if (item.dataType === 'edge') return `${escapeHtml(byId.get(item.data.source!)?.label)} → ${escapeHtml(byId.get(item.data.target!)?.label)}`;
				const node = byId.get(item.data.id!);
				return node ? `<b>${escapeHtml(node.label)}</b> (${node.kind})<br>${escapeHtml(node.detail)}` : '';
			}
		},
		legend: { data: LINEAGE_KINDS.map((k) => k), top: 0 },
		series: [
			{
				type: 'graph',
				layout: 'none',
				top: 40,
				bottom: 10,
				left: 20,
				right: Math.max(60, spacing - 16),
				roam: true,
				categories: LINEAGE_KINDS.map((k) => ({ name: k, itemStyle: { color: COLORS[k] } })),
				edgeSymbol: ['none', 'arrow'],
				edgeSymbolSize: 5,
				lineStyle: { color: '#b8c0cc', opacity: 0.7, curveness: 0.15 },
				emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 1 } },
				// Labels are cut to the gap between columns (the tooltip has the whole name).
				label: { show: true, position: 'right', fontSize: 11, width: Math.max(40, spacing - 16), overflow: 'truncate', formatter: (p: unknown) => byId.get((p as { data: { id: string } }).data.id)?.label ?? '' },
				symbolSize: 9,
				data: graph.nodes.map((n) => ({ id: n.id, name: n.id, category: LINEAGE_KINDS.indexOf(n.kind), ...position.get(n.id)! })),
				links: graph.edges.map((e) => ({ source: e.source, target: e.target }))
			}
		]
	} as EChartsOption;
}
