/**
 * What each dictionary metric is computed from (pure, read off the dictionary's own SQL): aggregate metrics
 * from columns of the base fact (fct_daily, and its rollup, which has the same measures), histogram metrics
 * from the buckets of the conversion-lag histogram (and its rollup), derived and concentration metrics from
 * other metrics. Used by the lineage graph and
 * by "which dashboard metrics will change" in a plan.
 */
import { METRICS, type MetricDefinition } from '../metrics/metric-dictionary.ts';

export interface MetricInputs {
	readonly key: string;
	readonly label: string;
	/** Models and the columns of theirs the metric reads (empty for derived metrics). */
	readonly models: readonly { readonly model: string; readonly columns: readonly string[] }[];
	/** Other metrics it is computed from. */
	readonly metrics: readonly string[];
}

const SQL_WORDS = new Set(['coalesce', 'sum', 'count', 'distinct', 'filter', 'where', 'or', 'and', 'median', 'nullif', 'is', 'not', 'null', 'true', 'false']);
const FACTS = ['fct_daily', 'fct_daily_rollup'];
const HISTOGRAMS = ['fct_conversion_lag_daily', 'fct_conversion_lag_daily_rollup'];
/** What the metric query reads of a histogram for every histogram metric (its SQL is over the bucket rows it derives). */
const HISTOGRAM_COLUMNS = ['bucket', 'seconds', 'conversions'];

function identifiers(sql: string): string[] {
	return [...new Set((sql.match(/\$?[a-z_][a-z0-9_]*/g) ?? []).filter((w) => !w.startsWith('$') && !SQL_WORDS.has(w)))];
}

export function metricInputs(definitions: readonly MetricDefinition[] = METRICS): MetricInputs[] {
	const keys = new Set(definitions.map((m) => m.key));
	return definitions.map((m) => {
		switch (m.kind) {
			case 'aggregate':
				return { key: m.key, label: m.label, models: FACTS.map((model) => ({ model, columns: identifiers(m.sql) })), metrics: [] };
			case 'histogram':
				return { key: m.key, label: m.label, models: HISTOGRAMS.map((model) => ({ model, columns: HISTOGRAM_COLUMNS })), metrics: [] };
			case 'derived':
				return { key: m.key, label: m.label, models: [], metrics: identifiers(m.sql).filter((w) => keys.has(w)) };
			case 'concentration':
				return { key: m.key, label: m.label, models: [], metrics: ['revenue'] };
		}
	});
}
