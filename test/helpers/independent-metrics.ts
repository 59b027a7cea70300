/**
 * The partner report's definitions re-implemented in plain TypeScript over the export rows: the reference
 * the API's numbers must match to the cent. Deliberately shares no code with the SQL models.
 */
import type { ExportRows } from './read-exports.ts';

const DAY = 86_400_000;
const isoDay = (d: Date | number) => new Date(d).toISOString().slice(0, 10);

export interface ReferenceRow {
	partner_id: string;
	clicks: number;
	conversions: number;
	revenue: number;
	commission: number;
	network_fees: number;
	other_costs: number;
	cost: number;
	roas: number | null;
}

export function fxLookup(fx: ExportRows['fx']): (currency: string, day: string) => number {
	const rates = new Map(fx.map((r) => [`${r.currency.toUpperCase()}|${isoDay(r.date)}`, r.rate_to_base]));
	return (currency, day) => {
		const rate = rates.get(`${currency.toUpperCase()}|${day}`);
		if (rate === undefined) throw new Error(`no FX rate for ${currency} on ${day}`);
		return rate;
	};
}

/** Per-partner totals over [from, to] (UTC days, inclusive); partners without any activity are left out. */
export function referencePartnerReport(rows: ExportRows, from: string, to: string): Map<string, ReferenceRow> {
	const rate = fxLookup(rows.fx);
	const out = new Map<string, ReferenceRow>();
	const row = (partner: string) => {
		let r = out.get(partner);
		if (!r) {
			r = { partner_id: partner, clicks: 0, conversions: 0, revenue: 0, commission: 0, network_fees: 0, other_costs: 0, cost: 0, roas: null };
			out.set(partner, r);
		}
		return r;
	};
	const inRange = (day: string) => day >= from && day <= to;
	for (const c of rows.clicks) {
		if (!c.is_invalid && inRange(isoDay(c.clicked_at))) row(c.partner_id).clicks += 1;
	}
	for (const s of rows.sales) {
		const day = isoDay(s.converted_at);
		if (s.status === 'reversed' || !inRange(day)) continue;
		const r = row(s.partner_id);
		const fx = rate(s.currency, day);
		r.conversions += 1;
		r.revenue += s.sale_amount * fx;
		r.commission += s.commission_amount * fx;
		r.network_fees += s.network_fee_amount * fx;
	}
	for (const k of rows.costs) {
		if (k.partner_id === null) continue;
		const start = k.period_start.getTime();
		const days = Math.round((k.period_end.getTime() - start) / DAY) + 1;
		for (let i = 0; i < days; i++) {
			const day = isoDay(start + i * DAY);
			if (inRange(day)) row(k.partner_id).other_costs += (k.amount / days) * rate(k.currency, day);
		}
	}
	for (const [id, r] of out) {
		r.cost = r.commission + r.network_fees + r.other_costs;
		r.roas = r.cost === 0 ? null : r.revenue / r.cost;
		const active = r.clicks !== 0 || r.conversions !== 0 || r.revenue !== 0 || r.commission !== 0 || r.network_fees !== 0 || r.other_costs !== 0;
		if (!active) out.delete(id);
	}
	return out;
}

export interface ReferenceTotals {
	clicks: number;
	gross_conversions: number;
	conversions: number;
	gross_revenue: number;
	revenue: number;
	commission: number;
	network_fees: number;
	other_costs: number;
	cost: number;
}

/**
 * Program totals over [from, to] with optional channel filter (partner channel; program-level costs count
 * under their own channel or 'program'), computed from the export rows alone.
 */
export function referenceTotals(rows: ExportRows, from: string, to: string, channel?: string): ReferenceTotals {
	const rate = fxLookup(rows.fx);
	const channelOf = new Map(rows.partners.map((p) => [p.partner_id, p.channel]));
	const keep = (partner: string | null, costChannel?: string | null) =>
		!channel || (partner ? channelOf.get(partner) === channel : (costChannel ?? 'program') === channel);
	const t: ReferenceTotals = { clicks: 0, gross_conversions: 0, conversions: 0, gross_revenue: 0, revenue: 0, commission: 0, network_fees: 0, other_costs: 0, cost: 0 };
	const inRange = (day: string) => day >= from && day <= to;
	for (const c of rows.clicks) if (!c.is_invalid && inRange(isoDay(c.clicked_at)) && keep(c.partner_id)) t.clicks += 1;
	for (const s of rows.sales) {
		const day = isoDay(s.converted_at);
		if (!inRange(day) || !keep(s.partner_id)) continue;
		const fx = rate(s.currency, day);
		t.gross_conversions += 1;
		t.gross_revenue += s.sale_amount * fx;
		if (s.status === 'reversed') continue;
		t.conversions += 1;
		t.revenue += s.sale_amount * fx;
		t.commission += s.commission_amount * fx;
		t.network_fees += s.network_fee_amount * fx;
	}
	for (const k of rows.costs as (ExportRows['costs'][number] & { channel?: string | null })[]) {
		if (!keep(k.partner_id, k.channel)) continue;
		const start = k.period_start.getTime();
		const days = Math.round((k.period_end.getTime() - start) / DAY) + 1;
		for (let i = 0; i < days; i++) {
			const day = isoDay(start + i * DAY);
			if (inRange(day)) t.other_costs += (k.amount / days) * rate(k.currency, day);
		}
	}
	t.cost = t.commission + t.network_fees + t.other_costs;
	return t;
}
