/**
 * Reads what the commission liability needs: commission (base currency) of sales approved but not yet paid
 * by channel and validation day, of sales still pending by channel and conversion day, and the typical
 * validation lag. Called by the budget route; commissionLiability (planning) does the rest.
 */
import type { Database } from '../../db/database.ts';
import type { LiabilitySales } from '../../../planning/commission-liability.ts';
import { addDays } from '../params/date-range.ts';
import { filterConditions } from '../shared/metric-query.ts';
import type { PartnerReportScope } from '../partner/report.ts';
import { NO_FILTERS } from '../weekly/overview.ts';

/** The validation lag is measured on sales validated in this many days before the data ends. */
export const LAG_WINDOW_DAYS = 180;
/** Used when no sale was validated in that window. */
export const DEFAULT_VALIDATION_LAG_DAYS = 45;

export interface LiabilityInputs {
	readonly rows: readonly LiabilitySales[];
	/** Median days from conversion to validation; null when no sale was validated recently. */
	readonly validationLagDays: number | null;
	readonly lagWindow: { readonly from: string; readonly to: string };
}

export async function loadLiabilityInputs(db: Database, through: string, scope?: PartnerReportScope): Promise<LiabilityInputs> {
	const lagWindow = { from: addDays(through, -LAG_WINDOW_DAYS + 1), to: through };
	// A user's scope limits the liability to its partners and channels.
	const limit = filterConditions({ ...NO_FILTERS(lagWindow), partner: scope?.partner ?? [], channel: scope?.channel ?? [] }, 'sales');
	const where = limit.conditions.map((c) => `and ${c}`).join(' ');
	const [rows, lag] = await Promise.all([
		db.query<{ channel: string; status: 'approved' | 'pending'; day: string; commission: number; sales: number }>(
			`select p.channel, s.status,
				(case when s.status = 'approved' then coalesce((s.validated_at at time zone 'UTC')::date, s.converted_date) else s.converted_date end)::varchar as day,
				coalesce(sum(s.commission_base), 0) as commission,
				count(*) as sales
			 from main.stg_sales as s
			 join main.stg_partners as p using (partner_id)
			 where s.status in ('approved', 'pending') ${where}
			 group by all
			 order by day, p.channel, s.status`,
			limit.params
		),
		db.query<{ lag: number | null }>(
			`select median(epoch(s.validated_at) - epoch(s.converted_at)) / 86400 as lag
			 from main.stg_sales as s
			 join main.stg_partners as p using (partner_id)
			 where s.validated_at is not null and (s.validated_at at time zone 'UTC')::date between $from::date and $to::date ${where}`,
			{ ...lagWindow, ...limit.params }
		)
	]);
	return { rows, validationLagDays: lag[0]?.lag ?? null, lagWindow };
}
