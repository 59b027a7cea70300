import { describe, expect, it } from 'vitest';
import { linesToPdf } from './roi-pdf.ts';

describe('linesToPdf', () => {
	it('writes a PDF whose cross-reference table points at every object, paging long reports', () => {
		const lines = Array.from({ length: 120 }, (_, i) => ({ font: 'F3' as const, size: 9, text: `row ${i} (€${i}) \\ Käse` }));
		const pdf = linesToPdf(lines).toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
		expect(pdf.slice(xref, xref + 4)).toBe('xref');
		const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
		expect(/\/Count (\d+)/.exec(pdf)![1]).toBe('3'); // 57 lines of 9 pt fit an A4 page
		// Delimiters escaped, the euro sign in WinAnsi, Latin-1 as octal.
		expect(pdf).toContain('(row 7 \\(\\2007\\) \\\\ K\\344se)');
	});
});
