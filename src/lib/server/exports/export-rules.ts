/**
 * The stated rules of the export contract beyond columns and types (see README "The export format"), as data:
 * which columns are event times, which are amounts, the key each table is unique on and how re-delivered rows
 * are resolved. Read by check-export-files.ts (problems, warnings) and apply-export-contract.ts (the rows kept).
 */
import type { ExportTable } from './export-schema.ts';

/** A row dated more than this far past the build's clock is quarantined (kept out, with a warning). */
export const FUTURE_TOLERANCE_HOURS = 48;

/** The event time of each fact table: what "data through" is computed from, so what a future row would move. */
export const EVENT_TIME: Readonly<Partial<Record<ExportTable, string>>> = { clicks: 'clicked_at', sales: 'converted_at' };

/**
 * Amount columns that must not be negative. A refund or clawback is a sale whose latest state is `reversed`
 * (its amounts stay positive and stop counting), never a negative amount; a cost credit is netted into the
 * period's cost before export.
 */
export const NON_NEGATIVE: Readonly<Partial<Record<ExportTable, readonly string[]>>> = {
	sales: ['sale_amount', 'commission_amount', 'network_fee_amount'],
	costs: ['amount']
};

/** What makes a row unique. Re-delivered files repeat rows; see `LATEST_STATE` for which copy wins. */
export const UNIQUE_KEY: Readonly<Record<ExportTable, readonly string[]>> = {
	clicks: ['click_id'],
	sales: ['conversion_id'],
	partners: ['partner_id'],
	costs: ['cost_id'],
	fx_rates: ['date', 'currency']
};

/**
 * How copies of one key are resolved, as an ORDER BY whose first row is kept. Sales are "latest state per
 * conversion": the copy validated last wins, and at equal validation time the later lifecycle step
 * (pending < approved < paid < reversed). Clicks: an invalid marking wins (fraud checks run after the click).
 * Partners, costs and FX rates are reference data: identical copies collapse, copies that disagree are a
 * problem (check-export-files.ts), since no column says which is newer.
 */
export const LATEST_STATE: Readonly<Record<ExportTable, string>> = {
	sales: `validated_at desc nulls last, case status when 'reversed' then 3 when 'paid' then 2 when 'approved' then 1 else 0 end desc`,
	clicks: 'is_invalid desc, is_unique asc',
	partners: 'partner_name',
	costs: 'amount',
	fx_rates: 'rate_to_base'
};

export const REFERENCE_TABLES: readonly ExportTable[] = ['partners', 'costs', 'fx_rates'];
