/**
 * The forecast API over the generated sample (150 days ending Tuesday 2026-06-30): the revenue forecast's
 * shape (13 complete weeks ahead, intervals, backtest errors, past forecast, assumptions), its history and
 * maturity projection against an independent computation over the parquet rows, the budget plan (target
 * reached at equal marginal ROAS, infeasible targets, sensitivity arithmetic, commission liability against
 * the rows), and 400s naming the bad parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { BudgetAnswer, RevenueForecastAnswer } from '../../src/lib/planning/forecast-types.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture } from '../helpers/fixture.ts';
import { fxLookup, referenceTotals } from '../helpers/independent-metrics.ts';
import { readExports, type ExportRows } from '../helpers/read-exports.ts';

let warehouse: Warehouse;
let api: TestApi;
let rows: ExportRows;
let revenue: RevenueForecastAnswer;

const get = async <T = Record<string, any>>(path: string) => {
	const response = await api.request(path);
	return { status: response.status, body: (await response.json()) as T };
};
const close = (a: number, b: number, tolerance = 0.01) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(tolerance);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	rows = await readExports(fixture().dataDir);
	const answer = await get<RevenueForecastAnswer>('/api/v1/forecast/revenue');
	expect(answer.status).toBe(200);
	revenue = answer.body;
});
afterAll(() => warehouse?.close());

type Sale = ExportRows['sales'][number] & { validated_at: Date | null };

/**
 * The maturity projection re-done over the parquet rows: per channel, the value reversal rate of sales
 * converted in the matured window (reversed / (approved + paid + reversed) revenue; the rate of all channels
 * when a channel has fewer than 30 decided sales), then approved + paid revenue + pending x (1 - rate).
 */
function referenceProjection(from: string, to: string, matured: { from: string; to: string }) {
	const rate = fxLookup(rows.fx);
	const channelOf = new Map(rows.partners.map((p) => [p.partner_id, p.channel]));
	const decided = new Map<string, { n: number; reversed: number; value: number }>();
	for (const s of rows.sales) {
		const day = isoDay(s.converted_at);
		if (day < matured.from || day > matured.to || s.status === 'pending') continue;
		const c = channelOf.get(s.partner_id)!;
		const d = decided.get(c) ?? { n: 0, reversed: 0, value: 0 };
		const value = s.sale_amount * rate(s.currency, day);
		d.n += 1;
		d.value += value;
		if (s.status === 'reversed') d.reversed += value;
		decided.set(c, d);
	}
	const all = [...decided.values()].reduce((a, d) => ({ n: a.n + d.n, reversed: a.reversed + d.reversed, value: a.value + d.value }), { n: 0, reversed: 0, value: 0 });
	const rateOf = (c: string) => {
		const d = decided.get(c);
		return d && d.n >= 30 ? d.reversed / d.value : all.reversed / all.value;
	};
	let provisional = 0;
	let approved = 0;
	let pending = 0;
	let projected = 0;
	let pendingCosts = 0;
	for (const s of rows.sales) {
		const day = isoDay(s.converted_at);
		if (day < from || day > to || s.status === 'reversed') continue;
		const fx = rate(s.currency, day);
		const value = s.sale_amount * fx;
		const r = rateOf(channelOf.get(s.partner_id)!);
		provisional += value;
		if (s.status === 'pending') {
			pending += value;
			projected += value * (1 - r);
			pendingCosts += (s.commission_amount + s.network_fee_amount) * fx * r;
		} else {
			approved += value;
			projected += value;
		}
	}
	return { provisional, approved, pending, projected, projectedCost: referenceTotals(rows, from, to).cost - pendingCosts, rateOf };
}

describe('GET /api/v1/forecast/revenue', () => {
	it('forecasts the 13 complete weeks after the last complete one, with ordered intervals and backtest errors', () => {
		// Data from Sunday 2026-02-01 to Tuesday 2026-06-30: complete Monday weeks 2026-02-02 .. 2026-06-22.
		expect(revenue.history).toEqual({ from: '2026-02-02', to: '2026-06-28', weeks: 21 });
		expect(revenue.dataThrough).toBe('2026-06-30');
		for (const series of [revenue.total.revenue, revenue.total.cost]) {
			expect(series.points.map((p) => p.week_start)).toEqual(Array.from({ length: 13 }, (_, i) => addDays('2026-06-29', 7 * i)));
			for (const p of series.points) {
				expect(p.lo95).toBeLessThanOrEqual(p.lo80);
				expect(p.lo80).toBeLessThanOrEqual(p.value);
				expect(p.value).toBeLessThanOrEqual(p.hi80);
				expect(p.hi80).toBeLessThanOrEqual(p.hi95);
				expect(p.lo95).toBeGreaterThanOrEqual(0);
			}
			expect(series.errors!.mase).toBeGreaterThan(0);
			expect(series.errors!.smape).toBeGreaterThan(0);
			expect(series.reason.length).toBeGreaterThan(10);
			expect(series.period).toBe(1); // 21 weeks: too short for a 13-week cycle
			close(series.total, series.points.reduce((s, p) => s + p.value, 0), 1e-6);
		}
		revenue.total.roas.forEach((r, i) => close(r.value!, revenue.total.revenue.points[i]!.value / revenue.total.cost.points[i]!.value, 1e-9));
	});

	it('forecasts every channel with sales, each with its own backtest', () => {
		const channels = revenue.byChannel.map((c) => c.channel);
		expect(channels).toEqual(expect.arrayContaining(['cashback', 'content', 'coupon']));
		expect(channels).not.toContain('program');
		for (const c of revenue.byChannel) {
			expect(c.revenue?.points, c.channel).toHaveLength(13);
			expect(c.revenue?.errors?.mase, c.channel).toBeGreaterThan(0);
			expect(c.cost?.points, c.channel).toHaveLength(13);
		}
	});

	it('gives the history per week: fully decided weeks equal the parquet rows exactly', () => {
		for (const week of ['2026-02-02', '2026-03-02']) {
			const h = revenue.total.history.find((x) => x.week_start === week)!;
			const ref = referenceTotals(rows, week, addDays(week, 6));
			close(h.provisional_revenue, ref.revenue);
			close(h.revenue, ref.revenue);
			close(h.cost, ref.cost);
			close(h.provisional_cost, ref.cost);
		}
	});

	it('projects a recent week to its final value as an independent computation over the parquet rows does', () => {
		const week = '2026-06-15';
		const ref = referenceProjection(week, addDays(week, 6), revenue.maturity.matured);
		expect(revenue.maturity.matured).toEqual({ from: '2025-04-03', to: '2026-04-01' });
		const m = revenue.maturity.weeks.find((w) => w.week_start === week)!;
		expect(ref.pending).toBeGreaterThan(0);
		close(m.provisional_revenue, ref.provisional);
		close(m.approved_revenue, ref.approved);
		close(m.pending_revenue, ref.pending);
		close(m.projected_revenue, ref.projected);
		expect(m.projected_revenue).toBeLessThan(m.provisional_revenue);
		expect(m.age_days).toBe(9);
		const h = revenue.total.history.find((x) => x.week_start === week)!;
		close(h.revenue, ref.projected);
		close(h.cost, ref.projectedCost);
		for (const r of revenue.maturity.reversalRates.channels) close(r.applied, ref.rateOf(r.channel), 1e-9);
	});

	it('holds out the last 8 weeks and scores the past forecast against them', () => {
		const past = revenue.pastForecast!;
		expect(past.holdout).toBe(8);
		expect(past.revenue!.origin).toBe('2026-04-27');
		expect(past.revenue!.points.map((p) => p.actual)).toEqual(revenue.total.history.slice(-8).map((h) => h.revenue));
		expect(past.revenue!.mase).toBeGreaterThan(0);
		expect(past.revenue!.coverage80).toBeGreaterThanOrEqual(0);
	});

	it('states its assumptions', () => {
		const keys = revenue.assumptions.map((a) => a.key);
		expect(keys).toEqual(expect.arrayContaining(['weeks', 'maturity', 'method', 'roas', 'past']));
		expect(revenue.assumptions.find((a) => a.key === 'weeks')!.text).toContain('2026-06-28');
	});

	it('forecasts one channel alone when filtered', async () => {
		const { status, body } = await get<RevenueForecastAnswer>('/api/v1/forecast/revenue?channel=coupon&horizon=4');
		expect(status).toBe(200);
		expect(body.channels).toEqual(['coupon']);
		expect(body.total.revenue.points).toHaveLength(4);
		const ref = referenceTotals(rows, '2026-02-02', '2026-02-08', 'coupon');
		close(body.total.history[0]!.revenue, ref.revenue);
	});
});

describe('GET /api/v1/forecast/budget', () => {
	it('reaches a target at equal marginal ROAS across the channels no bound holds', async () => {
		const target = Math.round(revenue.total.revenue.total * 1.05);
		const { status, body } = await get<BudgetAnswer>(`/api/v1/forecast/budget?target=${target}`);
		expect(status).toBe(200);
		expect(body.target).toEqual({ value: target, weekly: target / 13, source: 'request' });
		expect(body.allocation.status).toBe('reached');
		close(body.allocation.rows.reduce((s, r) => s + r.horizonRevenue, 0) + body.fixedRevenue * 13, target, 1e-3);
		const free = body.allocation.rows.filter((r) => r.atBound === null && r.marginalRoas !== null);
		for (const r of free) close(r.marginalRoas!, body.allocation.thresholdRoas!, 1e-6);
		for (const r of body.allocation.rows) {
			const curve = body.curves.find((c) => c.channel === r.channel)!;
			expect(r.cost).toBeGreaterThanOrEqual(curve.bounds.min - 1e-9);
			expect(r.cost).toBeLessThanOrEqual(curve.bounds.max + 1e-9);
			// Bounds multiply the channel's baseline weekly cost (reconciled channel forecast).
			close(curve.bounds.min, 0.5 * curve.baseline.cost, 1e-9);
			close(curve.bounds.max, 2 * curve.baseline.cost, 1e-9);
			expect(r.belowBreakEven).toBe(r.marginalRoas !== null && r.marginalRoas < 1 / body.grossMargin);
		}
		expect(body.scenarios.map((s) => s.key)).toEqual(['hold', 'target', 'floor']);
		const hold = body.scenarios[0]!;
		// Hold keeps every channel at its baseline spend, and so reproduces the baseline forecast.
		hold.rows.forEach((r) => close(r.cost, body.curves.find((c) => c.channel === r.channel)!.baseline.cost, 1e-9));
		close(hold.total.revenue, body.baseline.revenue, 1e-6 * body.baseline.revenue + 1e-6);
		close(hold.total.cost, body.baseline.cost, 1e-6 * body.baseline.cost);
		close(body.baseline.revenue, revenue.total.revenue.total, 1e-6);
	});

	it('reports a target out of reach with the most the bounds allow', async () => {
		const { status, body } = await get<BudgetAnswer>('/api/v1/forecast/budget?target=1e12&max=1.5');
		expect(status).toBe(200);
		expect(body.allocation.status).toBe('above-maximum');
		expect(body.allocation.message).toMatch(/out of reach: even at 1\.5x the baseline spend/);
		expect(body.warnings[0]).toBe(body.allocation.message);
		close(body.allocation.reachable.max, body.allocation.rows.reduce((s, r) => s + r.horizonRevenue, 0) + body.fixedRevenue * 13, 1e-6);
	});

	it('defaults the target to the baseline forecast + 10% and the floor to break-even', async () => {
		const { body } = await get<BudgetAnswer>('/api/v1/forecast/budget?margin=0.4');
		expect(body.target.source).toBe('default');
		expect(body.target.value).toBe(Number((revenue.total.revenue.total * 1.1).toPrecision(3)));
		expect(body.breakEvenRoas).toBeCloseTo(2.5, 12);
		expect(body.floor).toBeCloseTo(2.5, 12);
	});

	it('moves the sensitivity cells by the stated arithmetic', async () => {
		const { body } = await get<BudgetAnswer>('/api/v1/forecast/budget');
		const { base, cells } = body.sensitivity;
		close(base.revenue, revenue.total.revenue.total, 1e-6);
		close(base.commission + base.networkFees + base.otherCosts, revenue.total.cost.total, 1e-6);
		const cell = (factor: string, change: number) => cells.find((c) => c.factor === factor && c.change === change)!;
		close(cell('order_value', 0.1).revenue, base.revenue * 1.1, 1e-6);
		close(cell('commission_rate', -0.2).cost, base.commission * 0.8 + base.networkFees + base.otherCosts, 1e-6);
		const r = base.reversalRate;
		const f = (1 - r * 1.2) / (1 - r);
		close(cell('reversal_rate', 0.2).revenue, base.revenue * f, 1e-6);
		close(cell('reversal_rate', 0.2).cost, (base.commission + base.networkFees) * f + base.otherCosts, 1e-6);
	});

	it('sums the commission liability of approved-unpaid and pending sales as the parquet rows do', async () => {
		const { body } = await get<BudgetAnswer>('/api/v1/forecast/budget');
		const rate = fxLookup(rows.fx);
		let approved = 0;
		let pending = 0;
		for (const s of rows.sales as Sale[]) {
			const value = s.commission_amount * rate(s.currency, isoDay(s.converted_at));
			if (s.status === 'approved') approved += value;
			if (s.status === 'pending') pending += value;
		}
		expect(approved).toBeGreaterThan(0);
		close(body.liability.total.approved, approved);
		close(body.liability.total.pending, pending);
		expect(body.liability.total.pendingExpected).toBeLessThan(pending);
		expect(body.liability.months[0]!.month >= '2026-06').toBe(true);
		expect(body.assumptions.map((a) => a.key)).toEqual(expect.arrayContaining(['target', 'curves', 'allocation', 'break-even', 'sensitivity', 'liability']));
	});
});

describe('forecast parameters', () => {
	it.each([
		['/revenue?horizon=0', 'horizon'],
		['/revenue?horizon=abc', 'horizon'],
		['/revenue?channel=tv', 'channel'],
		['/revenue?from=2026-01-01', 'from'],
		['/revenue?partner=P0001', 'partner'],
		['/revenue?colour=red', 'colour'],
		['/budget?target=-1', 'target'],
		['/budget?target=', 'target'],
		['/budget?min=3&max=2', 'min'],
		['/budget?max=0', 'max'],
		['/budget?floor=0', 'floor'],
		['/budget?margin=2', 'margin'],
		['/budget?device=watch', 'device']
	])('answers %s with a 400 naming %s', async (path, parameter) => {
		const response = await api.request(`/api/v1/forecast${path}`);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		expect(((await response.json()) as { parameter: string }).parameter).toBe(parameter);
	});
});
