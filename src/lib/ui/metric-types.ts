/** Shapes the pages receive from the API's meta block (mirrors server/api/report-context.ts). */

export type MetricUnit = 'count' | 'money' | 'ratio' | 'percent' | 'seconds';

export interface MetricInfo {
	key: string;
	label: string;
	unit: MetricUnit;
	formula: string;
	basis: string;
	description: string;
	higherIsBetter: boolean;
}

export interface ReportMeta {
	currency: string;
	publishId: number | null;
	publishedAt: string | null;
	dataThrough: string;
	grossMargin: number;
	weekStart: number;
	modelVersions: Readonly<Record<string, string>>;
	notes: readonly string[];
	metrics: readonly MetricInfo[];
}

export type MetricRow = Record<string, number | string | null>;

export function metricInfo(meta: ReportMeta, key: string): MetricInfo | undefined {
	return meta.metrics.find((m) => m.key === key);
}

/** The tooltip text of a figure: its definition, basis, the model version and the data's freshness. */
export function metricTooltip(meta: ReportMeta, key: string): string {
	const m = metricInfo(meta, key);
	const versions = Object.entries(meta.modelVersions)
		.map(([name, v]) => `${name}@${v.slice(0, 8)}`)
		.join(', ');
	const head = m ? `${m.label} = ${m.formula}. Basis: ${m.basis}.` : key;
	return `${head} Models: ${versions} (publish #${meta.publishId}). Data through ${meta.dataThrough}.`;
}
