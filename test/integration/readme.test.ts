/** The README documents what the code does: the metric table is the dictionary's, every CLI command is named. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsMarkdownTable, README_METRICS_BEGIN, README_METRICS_END } from '../../src/lib/metrics/metrics-markdown.ts';
import { REPO_ROOT } from '../helpers/fixture.ts';

const readme = () => readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe('README', () => {
	it('opens with the two commands', async () => {
		const lines = (await readme()).split('\n').slice(0, 8).join('\n');
		expect(lines).toContain('npm install && npm start');
		expect(lines).toContain('npm test');
	});

	it('carries the metric dictionary exactly (regenerate the block with metricsMarkdownTable())', async () => {
		const text = await readme();
		const begin = text.indexOf(README_METRICS_BEGIN);
		const end = text.indexOf(README_METRICS_END);
		expect(begin, 'README has the metrics block markers').toBeGreaterThan(-1);
		expect(text.slice(begin + README_METRICS_BEGIN.length, end).trim()).toBe(metricsMarkdownTable());
	});
});
