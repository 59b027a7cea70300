/** Number formatting for reading (pure, used by tiles, tables and chart axes). */

export function formatMoney(value: number | null | undefined, currency: string, compact = true): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return new Intl.NumberFormat('en-GB', {
		style: 'currency',
		currency,
		notation: compact && Math.abs(value) >= 10_000 ? 'compact' : 'standard',
		maximumFractionDigits: compact && Math.abs(value) >= 10_000 ? 1 : 0
	}).format(value);
}

export function formatCount(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return new Intl.NumberFormat('en-GB', { notation: Math.abs(value) >= 100_000 ? 'compact' : 'standard', maximumFractionDigits: 1 }).format(value);
}

export function formatRatio(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return `${value.toFixed(2)}×`;
}

/** Relative change from `before` to `after`; null when there is nothing to compare against. */
export function relativeChange(after: number | null | undefined, before: number | null | undefined): number | null {
	if (after === null || after === undefined || before === null || before === undefined || before === 0) return null;
	return (after - before) / Math.abs(before);
}

export function formatDelta(change: number | null): string {
	if (change === null) return 'n/a';
	const pct = change * 100;
	return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

export function formatValue(value: number | null | undefined, unit: 'count' | 'money' | 'ratio', currency: string): string {
	return unit === 'money' ? formatMoney(value, currency) : unit === 'ratio' ? formatRatio(value) : formatCount(value);
}
