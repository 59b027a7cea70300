/**
 * The Quality and fraud API (/api/v1/quality/*) through the real Hono app over a real DuckDB warehouse built
 * from the generated fixture: per-partner measures against an independent TypeScript computation over the
 * parquet rows (hyparquet), the planted fraud partners found, the rows behind each signal adding up to its
 * count, paging, CSV and Arrow, and 400s naming the parameter.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import { FRAUD_PROFILE, PLANTED_FRAUD_PARTNERS } from '../../src/generate/planted-fraud-partners.ts';
import { QUALITY_THRESHOLDS } from '../../src/lib/metrics/quality-thresholds.ts';
import { qualityAlerts, qualitySignals, type QualitySignal } from '../../src/lib/server/reports/quality/signals.ts';
import type { Filters } from '../../src/lib/server/reports/params/filters.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture, FIXTURE_OPTIONS, REPO_ROOT } from '../helpers/fixture.ts';
import { readExportTable } from '../helpers/read-exports.ts';

interface ClickRow {
	click_id: string;
	partner_id: string;
	clicked_at: Date;
	is_invalid: boolean;
}
interface SaleRow {
	conversion_id: string;
	click_id: string | null;
	partner_id: string;
	converted_at: Date;
	validated_at: Date | null;
	status: string;
	coupon_code: string | null;
}
interface PartnerRow {
	partner_id: string;
	channel: string;
}

let warehouse: Warehouse;
let api: TestApi;
let clicks: ClickRow[];
let sales: SaleRow[];
let partners: PartnerRow[];

beforeAll(async () => {
	warehouse = await builtWarehouse();
	api = await testApi(warehouse);
	const dir = fixture().dataDir;
	[clicks, sales, partners] = await Promise.all([
		readExportTable<ClickRow>(dir, 'clicks'),
		readExportTable<SaleRow>(dir, 'sales'),
		readExportTable<PartnerRow>(dir, 'partners')
	]);
});
afterAll(() => warehouse?.close());

const day = (d: Date) => d.toISOString().slice(0, 10);

interface Reference {
	gross_clicks: number;
	invalid_clicks: number;
	sales: number;
	fast_sales: number;
	clickless_coupon_sales: number;
	validated_sales: number;
	reversed_sales: number;
}

/** The per-partner counts, straight from the export rows: clicks by click day, sales by conversion day, decisions by validation day. */
function reference(from: string, to: string): Map<string, Reference> {
	const out = new Map<string, Reference>();
	const row = (id: string) => {
		let r = out.get(id);
		if (!r) out.set(id, (r = { gross_clicks: 0, invalid_clicks: 0, sales: 0, fast_sales: 0, clickless_coupon_sales: 0, validated_sales: 0, reversed_sales: 0 }));
		return r;
	};
	const inRange = (d: string) => d >= from && d <= to;
	const clickedAt = new Map(clicks.map((c) => [c.click_id, c.clicked_at.getTime()]));
	for (const c of clicks) {
		if (!inRange(day(c.clicked_at))) continue;
		const r = row(c.partner_id);
		r.gross_clicks++;
		if (c.is_invalid) r.invalid_clicks++;
	}
	for (const s of sales) {
		if (inRange(day(s.converted_at))) {
			const r = row(s.partner_id);
			r.sales++;
			const clicked = s.click_id === null ? undefined : clickedAt.get(s.click_id);
			if (clicked !== undefined && (s.converted_at.getTime() - clicked) / 1000 < QUALITY_THRESHOLDS.fastConversionSeconds) r.fast_sales++;
			if (s.click_id === null && s.coupon_code !== null) r.clickless_coupon_sales++;
		}
		if (s.status !== 'pending' && s.validated_at !== null && inRange(day(s.validated_at))) {
			const r = row(s.partner_id);
			r.validated_sales++;
			if (s.status === 'reversed') r.reversed_sales++;
		}
	}
	return out;
}

type Measures = Reference & { partner_id: string; channel: string; fast_share: number | null; invalid_share: number | null; clickless_coupon_share: number | null; reversal_rate: number | null; signals: string[] };
type SignalsBody = { signals: QualitySignal[]; partners: Measures[]; baseline: Record<string, number | null>; meta: Record<string, unknown> & { notes: string[] } };

async function get<T>(url: string): Promise<T> {
	const response = await api.request(url);
	expect(response.status, `${url}: ${response.status}`).toBe(200);
	return (await response.json()) as T;
}

const whole = () => `from=${fixture().startDate}&to=${fixture().endDate}`;
const filters = (over: Partial<Filters> = {}): Filters => ({
	range: { from: fixture().startDate, to: fixture().endDate },
	compare: 'none',
	channel: [],
	partner: [],
	tier: [],
	country: [],
	device: [],
	...over
});
/** The fixture is 3% of a full program: the click floor of a spike scales with it (200 -> 6 clicks). */
const FIXTURE_THRESHOLDS = { ...QUALITY_THRESHOLDS, spikeMinClicks: Math.round(QUALITY_THRESHOLDS.spikeMinClicks * FIXTURE_OPTIONS.scale) };

/** All rows behind a signal, following the pages. */
async function allRows(href: string, pageSize: number): Promise<{ rows: Record<string, unknown>[]; meta: { total_rows: number; count: number } }> {
	const rows: Record<string, unknown>[] = [];
	let meta: { total_rows: number; count: number } | null = null;
	for (let offset = 0; ; offset += pageSize) {
		const body = await get<{ rows: Record<string, unknown>[]; meta: { total_rows: number; count: number; limit: number; offset: number } }>(`${href}&limit=${pageSize}&offset=${offset}`);
		expect(body.meta).toMatchObject({ limit: pageSize, offset });
		meta ??= body.meta;
		rows.push(...body.rows);
		if (body.rows.length < pageSize) break;
	}
	return { rows, meta: meta! };
}

describe('GET /api/v1/quality/signals', () => {
	it.each([
		['the whole fixture', () => [fixture().startDate, fixture().endDate]],
		['the default last 28 days', () => ['', '']],
		['a month', () => ['2026-04-01', '2026-04-30']]
	] as const)('measures every partner as the parquet rows say (%s)', async (_, range) => {
		const [from, to] = range();
		const body = await get<SignalsBody>(`/api/v1/quality/signals${from ? `?from=${from}&to=${to}` : ''}`);
		const used = body.meta.range as { from: string; to: string };
		const ref = reference(used.from, used.to);
		expect(body.partners.map((p) => p.partner_id).sort()).toEqual([...ref.keys()].sort());
		expect(body.partners.length).toBeGreaterThan(5);
		for (const p of body.partners) {
			const r = ref.get(p.partner_id)!;
			expect({ ...p }, p.partner_id).toMatchObject(r);
			const share = (a: number, b: number) => (b > 0 ? a / b : null);
			expect(p.fast_share, p.partner_id).toBe(share(r.fast_sales, r.sales));
			expect(p.invalid_share, p.partner_id).toBe(share(r.invalid_clicks, r.gross_clicks));
			expect(p.clickless_coupon_share, p.partner_id).toBe(share(r.clickless_coupon_sales, r.sales));
			expect(p.reversal_rate, p.partner_id).toBe(share(r.reversed_sales, r.validated_sales));
		}
		const gross = [...ref.values()].reduce((s, r) => s + r.gross_clicks, 0);
		const invalid = [...ref.values()].reduce((s, r) => s + r.invalid_clicks, 0);
		expect(body.baseline.program_invalid_share).toBeCloseTo(invalid / gross, 12);
	});

	it('finds the planted fraud partners over the whole fixture and flags no clean partner', async () => {
		const body = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}`);
		const flagged = new Map(body.signals.map((s) => [`${s.partner_id}:${s.signal}`, s]));
		expect(flagged.get('P0017:fast_conversions')).toMatchObject({ severity: 'high', channel: 'content' });
		expect(flagged.get('P0019:reversal_outlier')).toMatchObject({ channel: 'cashback' });
		const planted = new Set(PLANTED_FRAUD_PARTNERS.map((p) => p.partnerId));
		const clean = body.partners.filter((p) => !planted.has(p.partner_id));
		const cleanFlagged = clean.filter((p) => p.signals.length > 0);
		// Counted in the report: 0 of 36 clean partners are flagged on the fixture.
		expect(cleanFlagged.length / clean.length).toBeLessThanOrEqual(0.1);
		for (const s of body.signals) {
			expect(s.detail.length).toBeGreaterThan(40);
			expect(s.evidence.href).toMatch(/^\/api\/v1\/quality\/rows\?signal=/);
		}
	});

	it('finds the planted click spike when the click floor scales with the fixture (200 -> 6 clicks)', async () => {
		const report = await qualitySignals(warehouse.db, { filters: filters(), thresholds: FIXTURE_THRESHOLDS });
		const spikes = report.signals.filter((s) => s.signal === 'click_spike');
		const { endDate } = fixture();
		const plantedDays = new Set(
			Array.from({ length: 150 }, (_, age) => age)
				.filter((age) => (age + FIXTURE_OPTIONS.seed) % FRAUD_PROFILE.clickSpike.period === FRAUD_PROFILE.clickSpike.phase)
				.map((age) => day(new Date(Date.parse(`${endDate}T00:00:00Z`) - age * 86_400_000)))
		);
		expect(spikes.length).toBeGreaterThan(0);
		for (const s of spikes) {
			expect(s.partner_id).toBe('P0012');
			expect(plantedDays.has(s.date!)).toBe(true);
		}
		const flaggedPartners = new Set(report.signals.map((s) => s.partner_id));
		expect([...flaggedPartners].sort()).toEqual(['P0012', 'P0017', 'P0019']);
	});

	it('follows the channel, partner and tier filters but keeps the program baselines', async () => {
		const all = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}`);
		const content = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}&channel=content`);
		expect(content.partners.every((p) => p.channel === 'content')).toBe(true);
		expect(content.signals.map((s) => s.id)).toEqual(all.signals.filter((s) => s.channel === 'content').map((s) => s.id));
		expect(content.baseline).toEqual(all.baseline);
		const one = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}&partner=P0019`);
		expect(one.partners.map((p) => p.partner_id)).toEqual(['P0019']);
		expect(one.signals.map((s) => s.id)).toEqual(['reversal_outlier:P0019']);
	});

	it('says so when device or country filters are set, which the per-partner mart cannot follow', async () => {
		const body = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}&device=phone`);
		expect(body.meta.notes.join(' ')).toMatch(/device and country filters are not applied/);
	});

	it('gives the weekly review the same signals through qualityAlerts', async () => {
		const body = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}`);
		const alerts = await qualityAlerts(warehouse.db, { filters: filters({ range: { from: '2026-01-01', to: '2026-01-07' } }), range: { from: fixture().startDate, to: fixture().endDate }, weekStart: 1, grossMargin: 0.4 });
		expect(alerts).toEqual(body.signals);
	});

	it('answers CSV with one line per signal', async () => {
		const body = await get<SignalsBody>(`/api/v1/quality/signals?${whole()}`);
		const response = await api.request(`/api/v1/quality/signals?${whole()}&format=csv`);
		expect(response.headers.get('content-type')).toContain('text/csv');
		const lines = (await response.text()).trim().split('\r\n');
		expect(lines[0]).toContain('partner_id');
		expect(lines[0]).toContain('evidence_href');
		expect(lines.length).toBe(body.signals.length + 1);
	});
});

describe('GET /api/v1/quality/rows', () => {
	it('returns exactly the rows behind each signal: they add up to its count, page by page', async () => {
		const report = await qualitySignals(warehouse.db, { filters: filters(), thresholds: FIXTURE_THRESHOLDS });
		expect(report.signals.length).toBeGreaterThanOrEqual(3);
		for (const s of report.signals) {
			const { rows, meta } = await allRows(s.evidence.href, 7);
			expect(meta.count, s.id).toBe(s.count);
			expect(rows.length, s.id).toBe(meta.total_rows);
			expect(new Set(rows.map((r) => JSON.stringify(r))).size, `${s.id}: no row twice`).toBe(rows.length);
			expect(rows.every((r) => r.partner_id === s.partner_id)).toBe(true);
			if (s.signal === 'click_spike') {
				expect(rows.reduce((n, r) => n + (r.valid_clicks as number), 0)).toBe(s.count);
				expect(rows.every((r) => r.date === s.date)).toBe(true);
			} else {
				expect(rows.length, s.id).toBe(s.count);
			}
			if (s.signal === 'fast_conversions') expect(rows.every((r) => (r.seconds_to_convert as number) < 15 && typeof r.clicked_at === 'string')).toBe(true);
			if (s.signal === 'reversal_outlier') expect(rows.every((r) => r.status === 'reversed' && r.reversal_reason !== undefined)).toBe(true);
		}
	});

	it('lists the fast sales the parquet rows have, with their click time', async () => {
		const { startDate, endDate } = fixture();
		const { rows } = await allRows(`/api/v1/quality/rows?signal=fast_conversions&from=${startDate}&to=${endDate}`, 500);
		const clickedAt = new Map(clicks.map((c) => [c.click_id, c.clicked_at.getTime()]));
		const expected = sales.filter((s) => s.click_id !== null && clickedAt.has(s.click_id) && (s.converted_at.getTime() - clickedAt.get(s.click_id)!) / 1000 < 15).map((s) => s.conversion_id);
		expect(rows.map((r) => r.conversion_id).sort()).toEqual(expected.sort());
		for (const r of rows) {
			const s = sales.find((x) => x.conversion_id === r.conversion_id)!;
			expect(Date.parse(r.clicked_at as string)).toBe(clickedAt.get(s.click_id!));
		}
	});

	it('lists the click-less coupon sales of the coupon partners', async () => {
		const { startDate, endDate } = fixture();
		const { rows, meta } = await allRows(`/api/v1/quality/rows?signal=clickless_coupons&channel=coupon&from=${startDate}&to=${endDate}`, 1000);
		const coupon = new Set(partners.filter((p) => p.channel === 'coupon').map((p) => p.partner_id));
		const expected = sales.filter((s) => coupon.has(s.partner_id) && s.click_id === null && s.coupon_code !== null);
		expect(expected.length).toBeGreaterThan(0);
		expect(meta.count).toBe(expected.length);
		expect(rows.every((r) => typeof r.coupon_code === 'string' && r.coupon_code !== '')).toBe(true);
	});

	it('streams the same rows as Arrow IPC and as CSV', async () => {
		const href = `/api/v1/quality/rows?signal=invalid_clicks&${whole()}&limit=50`;
		const json = await get<{ rows: Record<string, unknown>[] }>(href);
		expect(json.rows.length).toBe(50);
		const arrow = await api.request(href, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
		expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
		expect(table.numRows).toBe(50);
		expect(table.get(0)!.toJSON().ip_hash).toBe(json.rows[0]!.ip_hash);
		const csv = await api.request(`${href}&format=csv`);
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines.length).toBe(51);
		expect(lines[0]!.split(',')).toEqual(Object.keys(json.rows[0]!));
	});

	it.each([
		['', 'signal'],
		['signal=bogus', 'signal'],
		['signal=fast_conversions&limit=0', 'limit'],
		['signal=fast_conversions&limit=100001', 'limit'],
		['signal=fast_conversions&limit=ten', 'limit'],
		['signal=fast_conversions&offset=-1', 'offset'],
		['signal=fast_conversions&from=2026-13-01', 'from'],
		['signal=fast_conversions&from=2026-05-10&to=2026-05-01', 'from'],
		['signal=fast_conversions&channel=tv', 'channel'],
		['signal=fast_conversions&format=xml', 'format'],
		['signal=fast_conversions&sort=count', 'sort']
	])('answers rows?%s with a 400 naming %s', async (query, parameter) => {
		const response = await api.request(`/api/v1/quality/rows?${query}`);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		const problem = (await response.json()) as { parameter: string; detail: string };
		expect(problem.parameter).toBe(parameter);
		expect(problem.detail).toContain(parameter);
	});

	it.each([
		['/api/v1/quality/signals?format=arrow', 'format'],
		['/api/v1/quality/signals?signal=fast_conversions', 'signal'],
		['/api/v1/quality/daily?to=yesterday', 'to']
	])('answers %s with a 400 naming %s', async (url, parameter) => {
		const response = await api.request(url);
		expect(response.status).toBe(400);
		expect(((await response.json()) as { parameter: string }).parameter).toBe(parameter);
	});
});

describe('GET /api/v1/quality/daily', () => {
	it('gives every day of the range for one partner, with the spike baseline, adding up to its clicks', async () => {
		const { startDate, endDate } = fixture();
		const body = await get<{ rows: Record<string, number | string | boolean | null>[]; meta: { singlePartner: boolean } }>(`/api/v1/quality/daily?from=2026-03-01&to=${endDate}&partner=P0012`);
		expect(body.meta.singlePartner).toBe(true);
		expect(body.rows[0]!.date).toBe('2026-03-01');
		expect(body.rows.at(-1)!.date).toBe(endDate);
		expect(body.rows.length).toBe(122);
		const ref = reference('2026-03-01', endDate).get('P0012')!;
		expect(body.rows.reduce((n, r) => n + (r.gross_clicks as number), 0)).toBe(ref.gross_clicks);
		expect(body.rows.reduce((n, r) => n + (r.invalid_clicks as number), 0)).toBe(ref.invalid_clicks);
		expect(body.rows.reduce((n, r) => n + (r.fast_sales as number), 0)).toBe(ref.fast_sales);
		expect(body.rows.find((r) => r.date === '2026-03-19')!.baseline_median).toBe(3);
		expect(startDate < '2026-03-01').toBe(true);
	});

	it('leaves the spike baseline out for several partners (it is a per-partner rule)', async () => {
		const body = await get<{ rows: Record<string, unknown>[]; meta: { singlePartner: boolean } }>(`/api/v1/quality/daily?${whole()}&channel=content`);
		expect(body.meta.singlePartner).toBe(false);
		expect(body.rows.every((r) => r.spike_threshold === null && r.is_spike === false)).toBe(true);
	});
});

describe('fct_quality_daily', () => {
	it('counts fast sales with the same seconds as the detectors', async () => {
		const sql = await readFile(path.join(REPO_ROOT, 'sql/models/marts/fct_quality_daily.sql'), 'utf8');
		expect(sql).toContain(`seconds_to_convert < ${QUALITY_THRESHOLDS.fastConversionSeconds})`);
	});
});

describe('README', () => {
	it('documents every signal in its Quality signals section', async () => {
		const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('## Quality signals'));
		for (const kind of ['click_spike', 'fast_conversions', 'invalid_clicks', 'reversal_outlier', 'clickless_coupons']) expect(section).toContain(`| \`${kind}\` |`);
		for (const route of ['/api/v1/quality/signals', '/api/v1/quality/daily', '/api/v1/quality/rows']) expect(readme).toContain(`GET ${route}`);
	});
});

describe('GET /api/v1/quality/rows past the last page', () => {
	it('still says how many rows there are', async () => {
		const first = await get<{ meta: { total_rows: number; count: number } }>(`/api/v1/quality/rows?signal=reversal_outlier&${whole()}`);
		const past = await get<{ rows: unknown[]; meta: { total_rows: number; count: number } }>(`/api/v1/quality/rows?signal=reversal_outlier&${whole()}&offset=100000`);
		expect(past.rows).toEqual([]);
		expect(past.meta).toMatchObject({ total_rows: first.meta.total_rows, count: first.meta.count });
		expect(first.meta.total_rows).toBeGreaterThan(0);
	});
});
