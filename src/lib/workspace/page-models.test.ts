import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_MODELS } from './page-models.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const modelNames = readdirSync(path.join(ROOT, 'sql/models'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sql')).map((f) => path.basename(f, '.sql'));
// The report queries sit in one folder per report (reports/partner/, reports/weekly/, ...): read them all.
const reportFiles = readdirSync(path.join(ROOT, 'src/lib/server/reports'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const reportText = reportFiles.map((f) => readFileSync(path.join(ROOT, 'src/lib/server/reports', f), 'utf8')).join('\n');

describe('PAGE_MODELS', () => {
	it('reads the report queries of every report folder', () => {
		for (const file of ['partner/leaderboard.ts', 'channel/mix.ts', 'cohort/customer-query.ts', 'forecast/inputs.ts', 'quality/signals.ts', 'weekly/review.ts', 'roi/report.ts', 'shared/metric-query.ts'])
			expect(reportFiles.map((f) => f.split(path.sep).join('/'))).toContain(file);
	});

	it('names only models that have a file and that a report query reads', () => {
		for (const page of PAGE_MODELS) for (const model of page.models) {
			expect(modelNames, `${page.href}: ${model}`).toContain(model);
			expect(reportText, `${page.href}: ${model}`).toMatch(new RegExp(`\\b${model}\\b`));
		}
	});

	it('covers every model a report query reads', () => {
		const read = modelNames.filter((m) => new RegExp(`\\b${m}\\b`).test(reportText));
		expect(read.filter((m) => !PAGE_MODELS.some((p) => p.models.includes(m)))).toEqual([]);
	});
});
