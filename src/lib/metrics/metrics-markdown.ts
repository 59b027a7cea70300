/** The metric dictionary as the README's markdown table (pure); a test keeps the README in step with it. */
import { METRICS } from './metric-dictionary.ts';

export const README_METRICS_BEGIN = '<!-- metrics:begin (generated from src/lib/metrics/metric-dictionary.ts; test/integration/readme.test.ts checks it) -->';
export const README_METRICS_END = '<!-- metrics:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function metricsMarkdownTable(): string {
	const rows = METRICS.map((m) => `| \`${m.key}\` | ${cell(m.label)} | ${m.unit} | ${cell(m.formula)} | ${cell(m.basis)} |`);
	return ['| key | label | unit | definition | basis |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
