/**
 * The cohort API (/api/v1/cohorts/...) against an independent TypeScript computation over the parquet export
 * rows (hyparquet, no DuckDB, no shared code with the models): cohort sizes, retention, LTV, acquisition cost
 * and payback of customer cohorts by month and by week, with and without a channel filter; partner cohorts;
 * CSV and Arrow; 400 problems naming the parameter.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { fxLookup } from '../helpers/independent-metrics.ts';
import { readExportTable, readExports, type ExportRows } from '../helpers/read-exports.ts';

type Sale = { conversion_id: string; partner_id: string; customer_id: string; converted_at: Date; status: string; sale_amount: number; commission_amount: number; network_fee_amount: number; currency: string };
type Partner = { partner_id: string; channel: string; tier: string | null; joined_at: Date };
type Row = Record<string, number | string | boolean | null>;

const DAY = 86_400_000;
const isoDay = (d: Date | number) => new Date(d).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => isoDay(Date.parse(`${day}T00:00:00Z`) + n * DAY);
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

/** Period start of a day: the month, or the week starting on Monday (the test config's week start). */
function periodOf(day: string, period: 'month' | 'week'): string {
	if (period === 'month') return `${day.slice(0, 7)}-01`;
	const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
	return addDays(day, -((dow + 6) % 7));
}
const offsetOf = (cohort: string, day: string, period: 'month' | 'week') =>
	period === 'month' ? monthIndex(day) - monthIndex(cohort) : Math.round((Date.parse(periodOf(day, 'week')) - Date.parse(cohort)) / (7 * DAY));

interface ReferenceCohort {
	customers: Set<string>;
	active: Map<number, Set<string>>;
	revenue: Map<number, number>;
	acquisitionCost: number;
}

/** Customer cohorts by the definitions in the README, straight from the export rows. */
function referenceCohorts(rows: { sales: Sale[]; partners: Partner[]; costs: ExportRows['costs']; fx: ExportRows['fx'] }, period: 'month' | 'week', channels: string[] = []) {
	const rate = fxLookup(rows.fx);
	const partner = new Map(rows.partners.map((p) => [p.partner_id, p]));
	const counted = rows.sales.filter((s) => s.status !== 'reversed' && s.customer_id !== null);
	const first = new Map<string, Sale>();
	for (const s of counted) {
		const f = first.get(s.customer_id);
		if (!f || s.converted_at.getTime() < f.converted_at.getTime() || (s.converted_at.getTime() === f.converted_at.getTime() && s.conversion_id < f.conversion_id)) first.set(s.customer_id, s);
	}
	// Fully loaded: every cost of a period (partner sales' commission and fees, partner and program other costs)
	// goes to the period's new customers; a partner's own costs to its own, the rest shared per new customer.
	const partnerCost = new Map<string, number>();
	const pooled = new Map<string, number>();
	const add = (m: Map<string, number>, key: string, v: number) => m.set(key, (m.get(key) ?? 0) + v);
	for (const k of rows.costs) {
		const start = k.period_start.getTime();
		const days = Math.round((k.period_end.getTime() - start) / DAY) + 1;
		for (let i = 0; i < days; i++) {
			const day = isoDay(start + i * DAY);
			const value = (k.amount / days) * rate(k.currency, day);
			if (k.partner_id === null) add(pooled, periodOf(day, period), value);
			else add(partnerCost, `${k.partner_id}|${periodOf(day, period)}`, value);
		}
	}
	for (const s of rows.sales) {
		if (s.status === 'reversed') continue;
		const day = isoDay(s.converted_at);
		add(partnerCost, `${s.partner_id}|${periodOf(day, period)}`, (s.commission_amount + s.network_fee_amount) * rate(s.currency, day));
	}
	const newCustomers = new Map<string, number>();
	const periodNew = new Map<string, number>();
	for (const f of first.values()) {
		const p = periodOf(isoDay(f.converted_at), period);
		add(newCustomers, `${f.partner_id}|${p}`, 1);
		add(periodNew, p, 1);
	}
	for (const [key, cost] of partnerCost) if (!newCustomers.has(key)) add(pooled, key.slice(key.indexOf('|') + 1), cost);
	const cohorts = new Map<string, ReferenceCohort>();
	for (const [customer, f] of first) {
		if (channels.length && !channels.includes(partner.get(f.partner_id)!.channel)) continue;
		const day = isoDay(f.converted_at);
		const cohort = periodOf(day, period);
		const c = cohorts.get(cohort) ?? { customers: new Set(), active: new Map(), revenue: new Map(), acquisitionCost: 0 };
		c.customers.add(customer);
		const key = `${f.partner_id}|${cohort}`;
		c.acquisitionCost += (partnerCost.get(key) ?? 0) / newCustomers.get(key)! + (pooled.get(cohort) ?? 0) / periodNew.get(cohort)!;
		cohorts.set(cohort, c);
	}
	const cohortOf = new Map<string, string>();
	for (const [cohort, c] of cohorts) for (const customer of c.customers) cohortOf.set(customer, cohort);
	for (const s of counted) {
		const cohort = cohortOf.get(s.customer_id);
		if (cohort === undefined) continue;
		const day = isoDay(s.converted_at);
		const k = offsetOf(cohort, day, period);
		const c = cohorts.get(cohort)!;
		c.active.set(k, (c.active.get(k) ?? new Set()).add(s.customer_id));
		c.revenue.set(k, (c.revenue.get(k) ?? 0) + s.sale_amount * rate(s.currency, day));
	}
	return { cohorts, firstPurchases: first, newCustomers };
}

let warehouse: Warehouse;
let api: TestApi;
let rows: { sales: Sale[]; partners: Partner[]; costs: ExportRows['costs']; fx: ExportRows['fx'] };
let through: string;

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	const dataDir = fixture().dataDir;
	const base = await readExports(dataDir);
	const [sales, partners] = await Promise.all([readExportTable<Sale>(dataDir, 'sales'), readExportTable<Partner>(dataDir, 'partners')]);
	rows = { sales: sales.map((s) => ({ ...s, sale_amount: Number(s.sale_amount), commission_amount: Number(s.commission_amount), network_fee_amount: Number(s.network_fee_amount) })), partners, costs: base.costs, fx: base.fx };
	through = isoDay(Math.max(...base.clicks.map((c) => c.clicked_at.getTime()), ...sales.map((s) => s.converted_at.getTime())));
});
afterAll(() => warehouse?.close());

async function get(path: string) {
	const response = await api.request(`/api/v1/cohorts/${path}`);
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as { rows: Row[]; meta: Record<string, unknown> & { metrics: { key: string }[] } };
}

describe('GET /api/v1/cohorts/customers (the triangle)', () => {
	it.each([
		{ period: 'month' as const, channels: [] as string[] },
		{ period: 'week' as const, channels: [] as string[] },
		{ period: 'month' as const, channels: ['coupon', 'email'] }
	])('matches the independent computation: $period cohorts, channels $channels', async ({ period, channels }) => {
		const { startDate } = fixture();
		const query = `grain=${period}&from=${startDate}&to=${through}${channels.length ? `&channel=${channels.join(',')}` : ''}`;
		const body = await get(`customers?${query}`);
		const { cohorts } = referenceCohorts(rows, period, channels);
		const byCohort = new Map<string, Row[]>();
		for (const r of body.rows) byCohort.set(r.cohort_start as string, [...(byCohort.get(r.cohort_start as string) ?? []), r]);
		expect([...byCohort.keys()].sort()).toEqual([...cohorts.keys()].sort());
		expect(byCohort.size).toBeGreaterThan(period === 'month' ? 3 : 15);
		for (const [cohort, ref] of cohorts) {
			const cells = byCohort.get(cohort)!;
			const size = ref.customers.size;
			// one cell per period from the cohort's to the data's last one
			expect(cells.map((c) => c.period_offset)).toEqual(Array.from({ length: offsetOf(cohort, through, period) + 1 }, (_, k) => k));
			let cumulative = 0;
			for (const cell of cells) {
				const k = cell.period_offset as number;
				cumulative += ref.revenue.get(k) ?? 0;
				expect(cell.customers, `${cohort} size`).toBe(size);
				expect(cell.active_customers, `${cohort} k=${k} active`).toBe(ref.active.get(k)?.size ?? 0);
				expect(cell.retention as number).toBeCloseTo((ref.active.get(k)?.size ?? 0) / size, 12);
				expect(Math.abs((cell.cumulative_revenue as number) - cumulative), `${cohort} k=${k} cumulative revenue`).toBeLessThan(0.005);
				expect(cell.ltv as number).toBeCloseTo(cumulative / size, 6);
				expect(cell.acquisition_cost_per_customer as number, `${cohort} acquisition cost`).toBeCloseTo(ref.acquisitionCost / size, 6);
			}
			expect(cells[0]!.retention).toBe(1);
		}
	});

	it('adds cohort sizes up to the distinct customers whose first purchase lies in the cohorts', async () => {
		const { startDate } = fixture();
		const body = await get(`customers/summary?from=${startDate}&to=${through}`);
		const { firstPurchases } = referenceCohorts(rows, 'month');
		expect(body.rows.reduce((n, r) => n + (r.customers as number), 0)).toBe(firstPurchases.size);
		const all = await get(`customers/summary?by=all&from=${startDate}&to=${through}`);
		expect(all.rows).toHaveLength(1);
		expect(all.rows[0]!.customers).toBe(firstPurchases.size);
		const byChannel = await get(`customers/summary?by=channel&from=${startDate}&to=${through}`);
		expect(byChannel.rows.reduce((n, r) => n + (r.customers as number), 0)).toBe(firstPurchases.size);
	});

	it.each(['month', 'week'] as const)('computes the payback period (%s cohorts) from LTV x margin against the fully loaded acquisition cost, and ?margin= changes it', async (period) => {
		const { startDate } = fixture();
		const { cohorts } = referenceCohorts(rows, period);
		const paybacks: (number | null)[] = [];
		for (const margin of [0.3, 0.12, 0.05]) {
			const body = await get(`customers/summary?grain=${period}&from=${startDate}&to=${through}&margin=${margin}`);
			expect(body.rows.map((r) => r.group).sort()).toEqual([...cohorts.keys()].sort());
			for (const row of body.rows) {
				const ref = cohorts.get(row.group as string)!;
				const size = ref.customers.size;
				let cumulative = 0;
				let payback: number | null = null;
				for (let k = 0; k <= offsetOf(row.group as string, through, period); k++) {
					cumulative += ref.revenue.get(k) ?? 0;
					if (payback === null && (cumulative / size) * margin >= ref.acquisitionCost / size - 1e-6) payback = k;
				}
				expect(row.payback_period, `${row.group} at margin ${margin}`).toBe(payback);
				expect(row.acquisition_cost as number).toBeCloseTo(ref.acquisitionCost, 4);
				if (margin === 0.3) paybacks.push(payback);
			}
			expect(body.meta.grossMargin).toBe(margin);
		}
		// The defect this guards against: with only the first order's commission as cost, every cohort paid back in
		// its own period. Fully loaded, at 30% margin some cohorts need later periods (or have not paid back yet).
		expect(paybacks.some((p) => p !== 0), `paybacks ${paybacks.join(',')}`).toBe(true);
	});

	it('charges the cohorts of a period with exactly the program cost of those days (ROI report, same range)', async () => {
		const body = await get('customers/summary?grain=month&by=all&from=2026-03-01&to=2026-05-31');
		const roi = (await (await api.request('/api/v1/reports/roi?from=2026-03-01&to=2026-05-31')).json()) as { total: { current: { cost: number } } };
		expect(body.rows).toHaveLength(1);
		expect(body.rows[0]!.acquisition_cost as number).toBeCloseTo(roi.total.current.cost, 4);
	});

	it('selects the cohorts whose period overlaps from..to', async () => {
		const body = await get('customers?grain=month&from=2026-04-20&to=2026-05-03');
		expect([...new Set(body.rows.map((r) => r.cohort_start))]).toEqual(['2026-04-01', '2026-05-01']);
		const week = await get('customers?grain=week&from=2026-05-13&to=2026-05-13');
		expect([...new Set(week.rows.map((r) => r.cohort_start))]).toEqual(['2026-05-11']);
		expect(week.rows[0]!.cohort_end).toBe('2026-05-17');
	});

	it('filters by the acquiring partner', async () => {
		const partnerId = rows.partners.find((p) => p.channel === 'coupon')!.partner_id;
		const { startDate } = fixture();
		const body = await get(`customers/summary?by=partner&from=${startDate}&to=${through}&partner=${partnerId}`);
		const expected = [...referenceCohorts(rows, 'month').firstPurchases.values()].filter((f) => f.partner_id === partnerId).length;
		expect(body.rows.map((r) => r.group)).toEqual(expected ? [partnerId] : []);
		if (expected) expect(body.rows[0]!.customers).toBe(expected);
	});

	it('carries the cohort metric definitions, the model versions and the freshness for tooltips', async () => {
		const body = await get('customers');
		const keys = body.meta.metrics.map((m) => m.key);
		for (const key of ['retention', 'ltv', 'acquisition_cost_per_customer', 'payback_period', 'activation_30']) expect(keys).toContain(key);
		expect(Object.keys(body.meta.modelVersions as object)).toEqual(['dim_customers', 'fct_customer_cohorts', 'fct_cohort_acquisition_costs']);
		expect(body.meta.dataThrough).toBe(through);
		expect(body.meta.grain).toBe('month');
	});
});

describe('GET /api/v1/cohorts/partners', () => {
	it('matches the independent activation and days to first sale per join month', async () => {
		const { startDate } = fixture();
		const body = await get(`partners?from=2020-01-01&to=${through}`);
		const firstSale = new Map<string, string>();
		const joined = new Map(rows.partners.map((p) => [p.partner_id, isoDay(p.joined_at)]));
		for (const s of rows.sales) {
			const day = isoDay(s.converted_at);
			if (s.status === 'reversed' || day < joined.get(s.partner_id)!) continue;
			if (!firstSale.has(s.partner_id) || day < firstSale.get(s.partner_id)!) firstSale.set(s.partner_id, day);
		}
		const members = rows.partners.filter((p) => isoDay(p.joined_at) >= startDate);
		const months = [...new Set(members.map((p) => `${isoDay(p.joined_at).slice(0, 7)}-01`))].sort();
		expect(body.rows.map((r) => r.join_month)).toEqual(months);
		expect(months.length).toBeGreaterThan(0);
		for (const row of body.rows) {
			const cohort = members.filter((p) => `${isoDay(p.joined_at).slice(0, 7)}-01` === row.join_month);
			expect(row.partners).toBe(cohort.length);
			const days = (p: Partner) => (firstSale.has(p.partner_id) ? Math.round((Date.parse(firstSale.get(p.partner_id)!) - p.joined_at.getTime()) / DAY) : null);
			for (const window of [30, 60, 90]) {
				const eligible = cohort.filter((p) => Math.round((Date.parse(through) - p.joined_at.getTime()) / DAY) >= window);
				const activated = eligible.filter((p) => days(p) !== null && days(p)! <= window);
				expect(row[`eligible_${window}`]).toBe(eligible.length);
				expect(row[`activated_${window}`]).toBe(activated.length);
			}
			const sold = cohort.map(days).filter((d): d is number => d !== null).sort((a, b) => a - b);
			const median = sold.length === 0 ? null : sold.length % 2 ? sold[sold.length >> 1] : (sold[sold.length / 2 - 1]! + sold[sold.length / 2]!) / 2;
			expect(row.median_days_to_first_sale).toBe(median);
		}
	});

	it('accumulates the partner cohorts’ revenue by months since joining', async () => {
		const body = await get(`partners/revenue?from=2020-01-01&to=${through}`);
		const rate = fxLookup(rows.fx);
		const { startDate } = fixture();
		const members = new Map(rows.partners.filter((p) => isoDay(p.joined_at) >= startDate).map((p) => [p.partner_id, p]));
		const total = new Map<string, number>();
		for (const s of rows.sales) {
			const p = members.get(s.partner_id);
			const day = isoDay(s.converted_at);
			if (!p || s.status === 'reversed' || day < isoDay(p.joined_at)) continue;
			const month = `${isoDay(p.joined_at).slice(0, 7)}-01`;
			total.set(month, (total.get(month) ?? 0) + s.sale_amount * rate(s.currency, day));
		}
		const last = new Map<string, Row>();
		for (const r of body.rows) last.set(r.join_month as string, r);
		for (const [month, r] of last) expect(Math.abs((r.cumulative_revenue as number) - (total.get(month) ?? 0)), month).toBeLessThan(0.005);
	});
});

describe('formats', () => {
	it('gives the same rows as CSV, in the documented column order', async () => {
		const json = await get('customers/summary');
		const response = await api.request('/api/v1/cohorts/customers/summary?format=csv');
		expect(response.headers.get('content-type')).toContain('text/csv');
		const lines = (await response.text()).trim().split('\r\n');
		expect(lines[0]).toBe(
			'group,group_label,first_cohort,last_cohort,last_cohort_end,cohorts,customers,commission,network_fees,other_costs,acquisition_cost,acquisition_cost_per_customer,retention_1,ltv_to_date,cumulative_margin_per_customer_to_date,last_offset,payback_period'
		);
		expect(lines.length).toBe(json.rows.length + 1);
	});

	it('streams the same rows as Arrow IPC when asked', async () => {
		const json = await get('customers?grain=week');
		const response = await api.request('/api/v1/cohorts/customers?grain=week', { headers: { accept: 'application/vnd.apache.arrow.stream' } });
		expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
		expect(table.numRows).toBe(json.rows.length);
		const first = table.get(0)!.toJSON() as Record<string, unknown>;
		expect(first.group).toBe(json.rows[0]!.group);
		expect(first.active_customers).toBe(json.rows[0]!.active_customers);
		expect(first.ltv as number).toBeCloseTo(json.rows[0]!.ltv as number, 9);
		const empty = await api.request('/api/v1/cohorts/partners?from=2020-01-01&to=2020-02-01&format=arrow');
		expect(tableFromIPC(new Uint8Array(await empty.arrayBuffer())).numRows).toBe(0);
	});
});

describe('bad parameters', () => {
	it.each([
		['customers?grain=day', 'grain'],
		['customers?by=device', 'by'],
		['customers/summary?by=week', 'by'],
		['customers?country=DE', 'country'],
		['customers?device=phone', 'device'],
		['customers?compare=year', 'compare'],
		['customers?from=2026-13-01', 'from'],
		['customers?from=2026-06-01&to=2026-05-01', 'from'],
		['customers?grain=week&from=2023-01-01&to=2026-06-30', 'from'],
		['customers?channel=tv', 'channel'],
		['customers?margin=2', 'margin'],
		['customers?format=xml', 'format'],
		['customers?colour=blue', 'colour'],
		['partners?grain=week', 'grain'],
		['partners?device=phone', 'device'],
		['partners/revenue?margin=0.3', 'margin']
	])('answers %s with a 400 problem naming %s', async (query, parameter) => {
		const response = await api.request(`/api/v1/cohorts/${query}`);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		const problem = (await response.json()) as { detail: string; parameter: string };
		expect(problem.parameter).toBe(parameter);
		expect(problem.detail).toContain(parameter);
	});
});
