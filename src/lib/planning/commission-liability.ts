/**
 * The commission liability coming due: commission of sales approved but not yet paid, and of sales still
 * pending (expected to be approved at the channel's reversal rate), by the month it is expected to be paid.
 * Called by the budget report.
 */

/** Commission (base currency) of sales in one state, grouped by channel and a day. */
export interface LiabilitySales {
	readonly channel: string;
	readonly status: 'approved' | 'pending';
	/** Approved: the validation day; pending: the conversion day (YYYY-MM-DD). */
	readonly day: string;
	readonly commission: number;
	readonly sales: number;
}

export interface LiabilityMonth {
	/** Expected payout month, YYYY-MM. */
	readonly month: string;
	/** Commission of approved, unpaid sales: owed. */
	readonly approved: number;
	/** Commission of pending sales, before reversals. */
	readonly pending: number;
	/** pending x (1 - the channel's value reversal rate). */
	readonly pendingExpected: number;
	/** approved + pendingExpected. */
	readonly expected: number;
	readonly sales: number;
}

export interface LiabilityOptions {
	/** The last day of data ("today"). */
	readonly asOf: string;
	/** Typical days from conversion to validation (median of recently validated sales). */
	readonly validationLagDays: number;
	readonly reversalRate: (channel: string) => number;
}

export const LIABILITY_RULE =
	'Approved commission is paid in the month after the month of its validation (or now when that month has passed); pending commission is expected to be validated the typical validation lag after conversion (no earlier than tomorrow), then paid the month after, and to be approved at 1 - the channel\'s value reversal rate.';

const month = (day: string) => day.slice(0, 7);
function nextMonth(m: string): string {
	const [y, mo] = m.split('-').map(Number) as [number, number];
	return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + Math.round(days));
	return d.toISOString().slice(0, 10);
}

/**
 * Sums the liability by expected payout month (LIABILITY_RULE), earliest first.
 *
 * Complexity: O(rows + months log months).
 *
 * @example
 * commissionLiability([{ channel: 'coupon', status: 'pending', day: '2026-06-20', commission: 100, sales: 4 }],
 *   { asOf: '2026-06-30', validationLagDays: 45, reversalRate: () => 0.1 });
 * // => [{ month: '2026-09', approved: 0, pending: 100, pendingExpected: 90, expected: 90, sales: 4 }] (validated 2026-08-04)
 */
export function commissionLiability(rows: readonly LiabilitySales[], options: LiabilityOptions): LiabilityMonth[] {
	const now = month(options.asOf);
	const tomorrow = addDays(options.asOf, 1);
	const months = new Map<string, { approved: number; pending: number; pendingExpected: number; sales: number }>();
	for (const row of rows) {
		let due: string;
		if (row.status === 'approved') {
			due = nextMonth(month(row.day));
			if (due < now) due = now;
		} else {
			const expected = addDays(row.day, options.validationLagDays);
			due = nextMonth(month(expected < tomorrow ? tomorrow : expected));
		}
		const m = months.get(due) ?? { approved: 0, pending: 0, pendingExpected: 0, sales: 0 };
		if (row.status === 'approved') m.approved += row.commission;
		else {
			m.pending += row.commission;
			m.pendingExpected += row.commission * (1 - options.reversalRate(row.channel));
		}
		m.sales += row.sales;
		months.set(due, m);
	}
	return [...months.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([m, v]) => ({ month: m, approved: v.approved, pending: v.pending, pendingExpected: v.pendingExpected, expected: v.approved + v.pendingExpected, sales: v.sales }));
}
