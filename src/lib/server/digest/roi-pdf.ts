/**
 * The ROI report as a PDF attachment (pure): a small PDF 1.4 writer with the standard Helvetica and Courier
 * fonts (no embedding, so no font files), text only: totals against the comparison period, channels and top
 * partners. Columns are laid out in Courier so they line up without measuring text.
 */
import { formatMoney, formatPercent, formatRatio } from '../../format.ts';
import type { RoiReport } from '../reports/roi/report.ts';

type Line = { readonly font: 'F1' | 'F2' | 'F3'; readonly size: number; readonly text: string };

/** PDF string literal in WinAnsi: escapes the delimiters; the euro sign maps to its WinAnsi code; other non-Latin-1 characters become '?'. */
function pdfText(s: string): string {
	let out = '';
	for (const ch of s) {
		const code = ch.codePointAt(0)!;
		if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
		else if (ch === '€') out += '\\200';
		else if (ch === '−' || ch === '–') out += '-';
		else if (ch === '×') out += '\\327';
		else if (code < 32) out += ' ';
		else if (code < 128) out += ch;
		else if (code < 256) out += `\\${code.toString(8).padStart(3, '0')}`;
		else out += '?';
	}
	return `(${out})`;
}

const pad = (s: string, n: number, right = false) => (s.length > n ? `${s.slice(0, n - 1)}…`.replace('…', '.') : right ? s.padStart(n) : s.padEnd(n));

export function roiReportLines(report: RoiReport, o: { currency: string; user: string; title?: string }): Line[] {
	const money = (v: unknown) => formatMoney(typeof v === 'number' ? v : null, o.currency, false);
	const lines: Line[] = [
		{ font: 'F2', size: 16, text: o.title ?? 'Partnerscope ROI report' },
		{ font: 'F1', size: 10, text: `${report.range.from} to ${report.range.to}${report.comparisonRange ? `, compared with ${report.comparisonRange.from} to ${report.comparisonRange.to}` : ''}; for ${o.user}; money in ${o.currency}` },
		{ font: 'F1', size: 10, text: '' }
	];
	const row = (cells: string[], widths: number[], rightFrom = 1) => cells.map((c, i) => pad(c, widths[i]!, i >= rightFrom)).join(' ');
	const cur = report.total.current ?? {};
	const prev = report.total.comparison ?? {};
	lines.push({ font: 'F2', size: 12, text: 'Total' });
	const tw = [22, 16, 16];
	lines.push({ font: 'F3', size: 9, text: row(['', 'This period', 'Comparison'], tw) });
	for (const [label, key, fmt] of [
		['Revenue', 'revenue', money],
		['Total cost', 'cost', money],
		['ROAS', 'roas', (v: unknown) => formatRatio(v as number | null)],
		['ROI', 'roi', (v: unknown) => formatPercent(v as number | null)],
		['Cost of sale', 'cost_of_sale', (v: unknown) => formatPercent(v as number | null)],
		['Net contribution', 'net_contribution', money]
	] as const)
		lines.push({ font: 'F3', size: 9, text: row([label, fmt(cur[key]), fmt(prev[key])], tw) });
	lines.push({ font: 'F1', size: 10, text: '' }, { font: 'F2', size: 12, text: 'Channels' });
	const cw = [16, 14, 14, 9, 9, 14];
	lines.push({ font: 'F3', size: 9, text: row(['Channel', 'Revenue', 'Cost', 'ROAS', 'ROI', 'Net contrib.'], cw) });
	for (const c of report.channels)
		lines.push({ font: 'F3', size: 9, text: row([c.channel, money(c.current.revenue), money(c.current.cost), formatRatio(c.current.roas as number | null), formatPercent(c.current.roi as number | null), money(c.current.net_contribution)], cw) });
	lines.push({ font: 'F1', size: 10, text: '' }, { font: 'F2', size: 12, text: 'Top partners' });
	const pw = [28, 12, 13, 13, 8];
	lines.push({ font: 'F3', size: 9, text: row(['Partner', 'Channel', 'Revenue', 'Cost', 'ROAS'], pw, 2) });
	for (const p of report.topPartners)
		lines.push({ font: 'F3', size: 9, text: row([p.partner_name, p.channel, money(p.current.revenue), money(p.current.cost), formatRatio(p.current.roas as number | null)], pw, 2) });
	return lines;
}

/** Lays the lines out on A4 pages and writes the PDF bytes. */
export function linesToPdf(lines: readonly Line[]): Buffer {
	const pages: Line[][] = [[]];
	let y = 800;
	for (const l of lines) {
		const h = l.size * 1.45;
		if (y - h < 50) {
			pages.push([]);
			y = 800;
		}
		pages.at(-1)!.push(l);
		y -= h;
	}
	const objects: string[] = [];
	const add = (body: string) => objects.push(body) ; // object number = index + 1
	add('<< /Type /Catalog /Pages 2 0 R >>');
	add(''); // pages, filled below
	add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
	add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
	add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
	const kids: number[] = [];
	for (const page of pages) {
		let yy = 800;
		const ops = page.map((l) => {
			const op = `BT /${l.font} ${l.size} Tf 50 ${yy.toFixed(1)} Td ${pdfText(l.text)} Tj ET`;
			yy -= l.size * 1.45;
			return op;
		});
		const stream = ops.join('\n');
		add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
		const contents = objects.length;
		add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents ${contents} 0 R >>`);
		kids.push(objects.length);
	}
	objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

export function roiReportPdf(report: RoiReport, o: { currency: string; user: string }): Buffer {
	return linesToPdf(roiReportLines(report, o));
}
