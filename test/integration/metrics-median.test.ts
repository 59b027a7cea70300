/**
 * The click-to-conversion median the metric API serves (read from the conversion-lag histograms, not from
 * sale rows) against the exact median computed here: the raw export rows read with hyparquet, joined to
 * their clicks in TypeScript and passed to simple-statistics. Within 1% for ranges, filters and groupings;
 * NULL where no sale has a click. One sale is planted at 0 seconds (the generator never makes one).
 */
import { median } from 'simple-statistics';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, fixture, testConfig } from '../helpers/fixture.ts';
import { readExportTable } from '../helpers/read-exports.ts';
import { rewriteExportTable } from '../helpers/rewrite-exports.ts';
import { testApi, type TestApi } from '../helpers/test-api.ts';

/** A counted sale with its click, as the metric defines it: converted_at - clicked_at, click at most 90 days before. */
interface Lag {
	readonly conversion_id: string;
	readonly partner_id: string;
	readonly channel: string;
	readonly device_type: string;
	readonly country: string;
	readonly day: string;
	readonly convertedAt: number;
	readonly seconds: number;
}

type Sale = { conversion_id: string; click_id: string | null; partner_id: string; converted_at: Date; status: string; device_type: string; country: string | null };
type Click = { click_id: string; clicked_at: Date };

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Monday-start weeks, the configured default (the API's week_start). */
const weekOf = (day: string) => isoDay(Date.parse(`${day}T00:00:00Z`) - ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) * DAY_MS);

async function readLags(dataDir: string): Promise<Lag[]> {
	const [sales, clicks, partners] = await Promise.all([
		readExportTable<Sale>(dataDir, 'sales'),
		readExportTable<Click>(dataDir, 'clicks'),
		readExportTable<{ partner_id: string; channel: string }>(dataDir, 'partners')
	]);
	const clickedAt = new Map(clicks.map((c) => [c.click_id, c.clicked_at.getTime()]));
	const channel = new Map(partners.map((p) => [p.partner_id, p.channel]));
	const out: Lag[] = [];
	for (const s of sales) {
		const at = s.click_id === null ? undefined : clickedAt.get(s.click_id);
		const converted = s.converted_at.getTime();
		if (s.status === 'reversed' || at === undefined || at > converted || at < converted - 90 * DAY_MS) continue;
		out.push({ conversion_id: s.conversion_id, partner_id: s.partner_id, channel: channel.get(s.partner_id)!, device_type: s.device_type, country: s.country ?? '', day: isoDay(converted), convertedAt: converted, seconds: (converted - at) / 1000 });
	}
	return out;
}

function groupBy<K>(rows: readonly Lag[], key: (l: Lag) => K): Map<K, Lag[]> {
	const out = new Map<K, Lag[]>();
	for (const l of rows) out.set(key(l), [...(out.get(key(l)) ?? []), l]);
	return out;
}

/** The exact median (mean of the middle two for an even count), or null for none. */
const exactMedian = (lags: readonly Lag[]): number | null => (lags.length ? median(lags.map((l) => l.seconds)) : null);

function expectWithinOnePercent(served: unknown, exact: number | null, what: string): void {
	if (exact === null) return void expect(served, what).toBeNull();
	expect(typeof served, what).toBe('number');
	expect(Math.abs((served as number) - exact), `${what}: served ${served}, exact ${exact}`).toBeLessThanOrEqual(0.01 * exact);
}

let warehouse: Warehouse;
let api: TestApi;
let lags: Lag[];
let zero: Lag;
const { startDate, endDate } = fixture();

beforeAll(async () => {
	const config = await testConfig({ copyData: true });
	// Plant a 0-second conversion: the only counted sale of its partner that day, clicked earlier that day (so it
	// stays in its day and its monthly export file), moves back to its click.
	const before = await readLags(config.dataDir);
	const perPartnerDay = groupBy(before, (l) => `${l.partner_id}|${l.day}`);
	const target = before.find((l) => l.seconds > 0 && perPartnerDay.get(`${l.partner_id}|${l.day}`)!.length === 1 && isoDay(l.convertedAt - l.seconds * 1000) === l.day)!;
	expect(target).toBeDefined();
	await rewriteExportTable(
		config.dataDir,
		'sales',
		`select * replace (case when conversion_id = '${target.conversion_id}' then converted_at - to_seconds(${target.seconds}) else converted_at end as converted_at) from src`
	);
	lags = await readLags(config.dataDir);
	zero = lags.find((l) => l.conversion_id === target.conversion_id)!;
	expect(zero.seconds).toBe(0);
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
}, 300_000);

afterAll(() => warehouse?.close());

async function get<T>(path: string): Promise<T> {
	const response = await api.request(path);
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
}

async function summary(params: Record<string, string>): Promise<unknown> {
	const body = await get<{ current: Record<string, unknown> | null }>(`/api/v1/metrics/summary?${new URLSearchParams({ compare: 'none', ...params })}`);
	return body.current?.median_seconds_to_convert ?? null;
}

async function breakdown(params: Record<string, string>): Promise<Record<string, unknown>[]> {
	return (await get<{ rows: Record<string, unknown>[] }>(`/api/v1/metrics/breakdown?${new URLSearchParams(params)}`)).rows;
}

const inRange = (from: string, to: string) => (l: Lag) => l.day >= from && l.day <= to;

describe('median_seconds_to_convert from the histograms against the exact median of the sale rows', () => {
	it('has enough sales to mean something, and the planted 0-second one', () => {
		expect(lags.length).toBeGreaterThan(500);
		expect(lags.filter((l) => l.seconds === 0)).toHaveLength(1);
	});

	it.each([
		{ range: 'the whole sample', from: startDate, to: endDate },
		{ range: 'one month', from: '2026-04-01', to: '2026-04-30' },
		{ range: 'one week', from: '2026-05-04', to: '2026-05-10' }
	])('over $range, within 1 percent', async ({ from, to }) => {
		expectWithinOnePercent(await summary({ from, to }), exactMedian(lags.filter(inRange(from, to))), `${from}..${to}`);
	});

	it('is null for a range with no sales', async () => {
		expect(lags.filter(inRange('2025-06-01', '2025-06-30'))).toEqual([]);
		expect(await summary({ from: '2025-06-01', to: '2025-06-30' })).toBeNull();
	});

	it('is the one sale of a partner with a single sale in the range', async () => {
		const single = [...groupBy(lags, (l) => `${l.partner_id}|${l.day}`).values()].find((g) => g.length === 1 && g[0]!.seconds > 0);
		const only = single![0]!;
		expectWithinOnePercent(await summary({ from: only.day, to: only.day, partner: only.partner_id }), only.seconds, `${only.partner_id} on ${only.day}`);
	});

	it('is exactly 0 for a partner whose one sale of the day took 0 seconds, and counts that sale in wider ranges', async () => {
		expect(lags.filter((l) => l.partner_id === zero.partner_id && l.day === zero.day)).toEqual([zero]);
		expect(await summary({ from: zero.day, to: zero.day, partner: zero.partner_id })).toBe(0);
		expect(await summary({ from: zero.day, to: zero.day, partner: zero.partner_id, device: zero.device_type })).toBe(0);
		const rows = await breakdown({ from: zero.day.slice(0, 8) + '01', to: zero.day, partner: zero.partner_id, by: 'date' });
		for (const row of rows) expectWithinOnePercent(row.median_seconds_to_convert, exactMedian(lags.filter((l) => l.partner_id === zero.partner_id && l.day === row.date)), `${zero.partner_id} on ${row.date}`);
	});

	it.each(['content', 'coupon', 'cashback'])('follows a channel filter (%s), within 1 percent', async (channel) => {
		const exact = exactMedian(lags.filter((l) => l.channel === channel && inRange(startDate, endDate)(l)));
		expect(exact, channel).not.toBeNull();
		expectWithinOnePercent(await summary({ from: startDate, to: endDate, channel }), exact, channel);
	});

	it.each([
		{ by: 'week', key: (l: Lag) => weekOf(l.day) },
		{ by: 'partner', key: (l: Lag) => l.partner_id },
		{ by: 'device', key: (l: Lag) => l.device_type },
		{ by: 'country', key: (l: Lag) => l.country }
	])('per $by, within 1 percent in every group', async ({ by, key }) => {
		const rows = await breakdown({ from: startDate, to: endDate, by });
		const groups = groupBy(lags.filter(inRange(startDate, endDate)), key);
		expect(rows.filter((r) => r.median_seconds_to_convert !== null).length, by).toBe(groups.size);
		for (const row of rows) expectWithinOnePercent(row.median_seconds_to_convert, exactMedian(groups.get(String(row[by])) ?? []), `${by} ${String(row[by])}`);
	});

	it('per channel and week with a device filter (the segmented histogram), within 1 percent', async () => {
		const rows = await breakdown({ from: '2026-03-01', to: endDate, by: 'channel,week', device: 'phone' });
		const groups = groupBy(lags.filter((l) => inRange('2026-03-01', endDate)(l) && l.device_type === 'phone'), (l) => `${l.channel}|${weekOf(l.day)}`);
		expect(rows.filter((r) => r.median_seconds_to_convert !== null).length).toBe(groups.size);
		for (const row of rows) expectWithinOnePercent(row.median_seconds_to_convert, exactMedian(groups.get(`${row.channel}|${row.week}`) ?? []), `${row.channel} ${row.week}`);
	});
});
