/** The cohort metrics as the README's markdown table (pure); test/integration/cohorts-readme.test.ts keeps the README in step. */
import { COHORT_METRICS } from './cohort-definitions.ts';

export const README_COHORTS_BEGIN = '<!-- cohort-metrics:begin (generated from src/lib/metrics/cohort-definitions.ts; test/integration/cohorts-readme.test.ts checks it) -->';
export const README_COHORTS_END = '<!-- cohort-metrics:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function cohortMetricsMarkdownTable(): string {
	const rows = COHORT_METRICS.map((m) => `| \`${m.key}\` | ${cell(m.label)} | ${m.unit} | ${cell(m.formula)} | ${cell(m.basis)} |`);
	return ['| key | label | unit | definition | basis |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
