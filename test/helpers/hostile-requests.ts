/**
 * The hostile query strings the fuzz tests send to every GET route: dates outside the supported range and
 * outside four-digit years, numbers at every edge, huge lists, control characters, markup. The integration
 * test sends a fixed sample through `app.request()`; the chaos script sends 10k+ drawn with a seeded PRNG to a
 * real server.
 */

/** Every GET route of the API (:id and :channel filled in with real values by the caller). */
export const GET_ROUTES = [
	'/api/v1/health',
	'/api/v1/reports/partners',
	'/api/v1/reports/overview',
	'/api/v1/reports/weekly-review',
	'/api/v1/reports/roi',
	'/api/v1/metrics',
	'/api/v1/metrics/summary',
	'/api/v1/metrics/breakdown',
	'/api/v1/metrics/dimensions',
	'/api/v1/partners',
	'/api/v1/partners/:id',
	'/api/v1/channels',
	'/api/v1/channels/mix',
	'/api/v1/channels/:channel',
	'/api/v1/cohorts/customers',
	'/api/v1/cohorts/customers/summary',
	'/api/v1/cohorts/partners',
	'/api/v1/cohorts/partners/revenue',
	'/api/v1/cohorts/partners/members',
	'/api/v1/quality/signals',
	'/api/v1/quality/daily',
	'/api/v1/quality/rows',
	'/api/v1/forecast/revenue',
	'/api/v1/forecast/budget',
	'/api/v1/models',
	'/api/v1/models/log',
	'/api/v1/models/:model',
	'/api/v1/models/:model/diff'
] as const;

export const HOSTILE_DATES = [
	'0000-01-01',
	'0000-01-10',
	'0001-01-01',
	'1899-12-31',
	'1900-01-01',
	'2199-12-31',
	'2200-01-01',
	'9999-12-31',
	'+010000-01-01',
	'10000-01-01',
	'-000001-12-31',
	'2026-02-29',
	'2026-13-01',
	'2026-06-31',
	'1970-01-01T00:00:00Z',
	'',
	'now'
] as const;

export const HOSTILE_VALUES = [
	'-1',
	'0',
	'1e308',
	'-1e308',
	'NaN',
	'Infinity',
	'9007199254740993',
	'0x10',
	'1.5',
	' 1',
	'%00',
	'\u0000',
	'\u202e',
	'<img src=x onerror=alert(1)>',
	"' or 1=1 --",
	'../../etc/passwd',
	'a'.repeat(5000),
	Array.from({ length: 500 }, (_, i) => `P${i}`).join(','),
	'program',
	'date,week,month',
	'partner,channel,tier'
] as const;

const PARAMS = ['from', 'to', 'compare', 'channel', 'partner', 'tier', 'country', 'device', 'weeks', 'top', 'margin', 'by', 'sort', 'limit', 'offset', 'format', 'grain', 'signal', 'horizon', 'target', 'min', 'max', 'floor'] as const;

/** A small deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function fillRoute(route: string, ids: { partner: string; channel: string; model: string }): string {
	return route.replace(':id', encodeURIComponent(ids.partner)).replace(':channel', encodeURIComponent(ids.channel)).replace(':model', encodeURIComponent(ids.model));
}

/** Every route with every hostile date as from and to (and in a range with a good date): the critical cases, exhaustively. */
export function dateCases(ids: { partner: string; channel: string; model: string }): string[] {
	const out: string[] = [];
	for (const route of GET_ROUTES) {
		const path = fillRoute(route, ids);
		for (const d of HOSTILE_DATES) {
			out.push(`${path}?from=${encodeURIComponent(d)}&to=${encodeURIComponent(d)}`);
			out.push(`${path}?from=${encodeURIComponent(d)}`);
			out.push(`${path}?to=${encodeURIComponent(d)}`);
		}
		out.push(`${path}?from=0000-01-01&to=0000-01-10`, `${path}?from=1900-01-01&to=1900-01-10`, `${path}?from=2199-12-20&to=2199-12-31`, `${path}?from=9999-12-01&to=9999-12-31`);
		out.push(`${path}?from=1900-01-01&to=1910-01-01&compare=year`, `${path}?from=2190-01-01&to=2199-12-31`);
	}
	return out;
}

/** `count` random requests: a route, one to four parameters, each a hostile date or value or a fair one. */
export function randomCases(count: number, seed: number, ids: { partner: string; channel: string; model: string }): string[] {
	const random = prng(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const fair = ['2026-06-01', '2026-06-30', 'previous', 'year', 'none', 'content', ids.partner, 'DE', 'phone', '10', 'csv', 'json', 'week', 'month', 'partner', 'fast_conversions', '0.3', '13'];
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const params = new URLSearchParams();
		const n = 1 + Math.floor(random() * 4);
		for (let j = 0; j < n; j++) {
			const r = random();
			params.append(pick(PARAMS), r < 0.35 ? pick(HOSTILE_DATES) : r < 0.7 ? pick(HOSTILE_VALUES) : pick(fair));
		}
		out.push(`${fillRoute(pick(GET_ROUTES), ids)}?${params}`);
	}
	return out;
}
