import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_MODELS } from './page-models.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const modelNames = readdirSync(path.join(ROOT, 'sql/models'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sql')).map((f) => path.basename(f, '.sql'));
const reportText = readdirSync(path.join(ROOT, 'src/lib/server/reports')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(path.join(ROOT, 'src/lib/server/reports', f), 'utf8')).join('\n');

describe('PAGE_MODELS', () => {
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
