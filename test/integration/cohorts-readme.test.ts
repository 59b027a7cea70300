/** The README's cohort section carries the cohort definitions exactly and documents every cohort route. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cohortMetricsMarkdownTable, README_COHORTS_BEGIN, README_COHORTS_END } from '../../src/lib/metrics/cohort-metrics-markdown.ts';
import { REPO_ROOT } from '../helpers/fixture.ts';

const readme = () => readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe('README cohorts', () => {
	it('carries the cohort metric definitions exactly (regenerate the block with cohortMetricsMarkdownTable())', async () => {
		const text = await readme();
		const begin = text.indexOf(README_COHORTS_BEGIN);
		const end = text.indexOf(README_COHORTS_END);
		expect(begin, 'README has the cohort metrics block markers').toBeGreaterThan(-1);
		expect(text.slice(begin + README_COHORTS_BEGIN.length, end).trim()).toBe(cohortMetricsMarkdownTable());
	});

	it('documents every cohort route', async () => {
		const text = await readme();
		for (const route of ['/api/v1/cohorts/customers?', '/api/v1/cohorts/customers/summary', '/api/v1/cohorts/partners?', '/api/v1/cohorts/partners/revenue', '/api/v1/cohorts/partners/members']) expect(text).toContain(route);
	});
});
