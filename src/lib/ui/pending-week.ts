/**
 * The shape of a week that still holds pending sales, as the weekly-review, ROI, partners and channels
 * answers carry it in `pendingWeeks` (see src/lib/server/reports/forecast/pending-weeks.ts). Types only,
 * shared by the pages and PendingMark.
 */
export interface PendingWeek {
	readonly week_start: string;
	/** As reported today: sales not reversed, pending ones included. */
	readonly revenue: number;
	readonly pending_revenue: number;
	readonly pending_share: number | null;
	/** Approved + pending x (1 - the channel's value reversal rate of matured sales). */
	readonly projected_revenue: number;
}
