/**
 * The one number formatter (pure): money, counts, ratios, shares and durations, unit-aware on top of
 * Intl.NumberFormat, used by tiles, tables, chart axes, tooltips, CSV headers and print. Two styles: `full`
 * (tables, tiles, tooltips: every digit that matters, thousands separators, one rule per column) and
 * `compact` (axes: 100k, 1.2M). Changes of rates and shares are in percentage points; changes of money,
 * counts and ratios are relative.
 */

export type Unit = 'count' | 'money' | 'ratio' | 'percent' | 'seconds';
export type FormatStyle = 'full' | 'compact';

const LOCALE = 'en-GB';
const DASH = '–';
const MINUS = '−';
const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = JSON.stringify(options);
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALE, options)));
	return f;
}
const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
/** Intl's hyphen-minus replaced by a real minus sign, so signs line up in tables. */
const minus = (s: string) => s.replace(/^-/, MINUS).replace(/(\D)-(\d)/, `$1${MINUS}$2`);

/**
 * Money in `currency`: whole units from 100 up, cents below; `compact` style gives €160.9k, €1.2M. `digits`
 * fixes the cents for a whole column (moneyDigits), so €87.15 does not sit above €3,559.
 */
export function formatMoney(value: number | null | undefined, currency: string, compact = false, digits?: 0 | 2): string {
	if (missing(value)) return DASH;
	const abs = Math.abs(value);
	if (compact && abs >= 1000) return minus(nf({ style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value));
	digits ??= abs < 100 && abs !== Math.round(abs) ? 2 : 0;
	return minus(nf({ style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value));
}

/**
 * The cents of a column of money: whole units when any amount reaches 100 (one rule for the column), cents
 * when every amount is under 100 and some has cents.
 * @example moneyDigits([87.15, 3559]) // 0
 */
export function moneyDigits(values: Iterable<number | null | undefined>): 0 | 2 {
	let cents = false;
	for (const v of values) {
		if (missing(v)) continue;
		if (Math.abs(v) >= 100) return 0;
		if (v !== Math.round(v)) cents = true;
	}
	return cents ? 2 : 0;
}

/** Counts with thousands separators (6,757); `compact` style gives 47k, 1.2M. Fractions (averages) keep one decimal. */
export function formatCount(value: number | null | undefined, compact = false): string {
	if (missing(value)) return DASH;
	if (compact && Math.abs(value) >= 1000) return minus(nf({ notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value));
	return minus(nf({ maximumFractionDigits: Math.abs(value) < 100 ? 1 : 0 }).format(value));
}

/** A ratio such as ROAS: 2.45×; axes drop trailing zeros (0×, 0.5×, 1×). */
export function formatRatio(value: number | null | undefined, compact = false): string {
	if (missing(value)) return DASH;
	return `${minus(nf({ minimumFractionDigits: compact ? 0 : 2, maximumFractionDigits: 2 }).format(value))}×`;
}

/** A share or rate: 0.1234 -> 12.3%; axes drop trailing zeros (0%, 12.5%). */
export function formatPercent(value: number | null | undefined, digits = 1, compact = false): string {
	if (missing(value)) return DASH;
	return `${minus(nf({ minimumFractionDigits: compact ? 0 : digits, maximumFractionDigits: digits }).format(value * 100))}%`;
}

/** A duration in seconds, in the largest unit that reads naturally: 42 s, 12 min, 3.5 h, 2.0 d. */
export function formatSeconds(value: number | null | undefined): string {
	if (missing(value)) return DASH;
	const sign = value < 0 ? MINUS : '';
	const v = Math.abs(value);
	if (v < 90) return `${sign}${Math.round(v)} s`;
	if (v < 5400) return `${sign}${Math.round(v / 60)} min`;
	if (v < 172_800) return `${sign}${(v / 3600).toFixed(1)} h`;
	return `${sign}${(v / 86_400).toFixed(1)} d`;
}

/** Any value by its unit; `compact` for chart axes. */
export function formatValue(value: number | null | undefined, unit: Unit, currency: string, style: FormatStyle = 'full', moneyDigits?: 0 | 2): string {
	const compact = style === 'compact';
	switch (unit) {
		case 'money':
			return formatMoney(value, currency, compact, moneyDigits);
		case 'ratio':
			return formatRatio(value, compact);
		case 'percent':
			return formatPercent(value, 1, compact);
		case 'seconds':
			return formatSeconds(value);
		default:
			return formatCount(value, compact);
	}
}

/** An axis-label formatter for a unit (ECharts `axisLabel.formatter`). */
export function axisFormatter(unit: Unit, currency: string): (value: number) => string {
	return (value) => formatValue(value, unit, currency, 'compact');
}

/** Relative change from `before` to `after`; null when there is nothing to compare against. */
export function relativeChange(after: number | null | undefined, before: number | null | undefined): number | null {
	if (missing(after) || missing(before) || before === 0) return null;
	return (after - before) / Math.abs(before);
}

/** Whether a unit's changes are told in percentage points (rates and shares) rather than relative change. */
export const changesInPoints = (unit: Unit): boolean => unit === 'percent';

/**
 * The change from `before` to `after` as a number in the unit the reader should see: percentage points as a
 * share (0.152 = +15.2 points) for rates and shares, relative change otherwise; null when undefined.
 */
export function change(after: number | null | undefined, before: number | null | undefined, unit: Unit): number | null {
	if (changesInPoints(unit)) return missing(after) || missing(before) ? null : after - before;
	return relativeChange(after, before);
}

/** A change as text: "+15.2 pts" for rates and shares, "+13.7%" otherwise, "n/a" when undefined. */
export function formatChange(value: number | null | undefined, unit: Unit): string {
	if (missing(value)) return 'n/a';
	const x = value * 100;
	const rounded = Math.abs(x) < 0.05 ? 0 : x;
	const sign = rounded > 0 ? '+' : rounded < 0 ? MINUS : '±';
	const text = nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(rounded));
	return `${sign}${text}${changesInPoints(unit) ? ' pts' : '%'}`;
}

/** A relative change as text (kept for callers that only have relative changes). */
export function formatDelta(value: number | null): string {
	return formatChange(value, 'count');
}

/** "1 row", "6,757 rows". */
export function formatQuantity(n: number, singular: string, plural = `${singular}s`): string {
	return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
