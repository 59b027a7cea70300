/** Client-side CSV of exactly the rows and columns a table or chart shows (pure) + a download helper. */

export function rowsToCsv<R extends object>(rows: readonly R[], columns: readonly { key: string; label: string }[]): string {
	const cell = (v: unknown) => {
		if (v === null || v === undefined) return '';
		let t = String(v);
		if (typeof v === 'string' && /^[=+\-@\t\r]/.test(t)) t = `'${t}`;
		return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
	};
	return [columns.map((c) => cell(c.label)).join(','), ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c.key])).join(','))].join('\r\n') + '\r\n';
}

export function downloadCsv(filename: string, csv: string): void {
	const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = filename.endsWith('.csv') ? filename : `${filename}.csv`;
	document.body.append(a);
	a.click();
	a.remove();
	URL.revokeObjectURL(url);
}
