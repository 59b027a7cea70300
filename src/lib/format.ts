/** Number formatting for reading (pure, used by tiles, tables and chart axes). */

export type Unit = 'count' | 'money' | 'ratio' | 'percent' | 'seconds';

export function formatMoney(value: number | null | undefined, currency: string, compact = true): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	const big = compact && Math.abs(value) >= 10_000;
	return new Intl.NumberFormat('en-GB', {
		style: 'currency',
		currency,
		notation: big ? 'compact' : 'standard',
		maximumFractionDigits: big ? 1 : Math.abs(value) < 10 ? 2 : 0
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

export function formatPercent(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return `${(value * 100).toFixed(digits)}%`;
}

export function formatSeconds(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	if (value < 90) return `${Math.round(value)} s`;
	if (value < 5400) return `${Math.round(value / 60)} min`;
	if (value < 172_800) return `${(value / 3600).toFixed(1)} h`;
	return `${(value / 86_400).toFixed(1)} d`;
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

export function formatValue(value: number | null | undefined, unit: Unit, currency: string): string {
	switch (unit) {
		case 'money':
			return formatMoney(value, currency);
		case 'ratio':
			return formatRatio(value);
		case 'percent':
			return formatPercent(value);
		case 'seconds':
			return formatSeconds(value);
		default:
			return formatCount(value);
	}
}
