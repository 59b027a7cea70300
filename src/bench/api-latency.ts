/**
 * Latency of every API call behind a page, on a warehouse built from the default sample (or any --scale):
 * runs each request through the real Hono app (in process, so the figures are the server's work without
 * network noise) a number of times after one warm-up, and reports median and 90th percentile.
 */
import type { Hono } from 'hono';

export interface Endpoint {
	readonly page: string;
	readonly path: string;
}

/** The requests the pages make on first load (and a typical drill-down), with the filters a person uses. */
export function pageEndpoints(range: { from: string; to: string }, partnerId: string): Endpoint[] {
	const r = `from=${range.from}&to=${range.to}`;
	return [
		{ page: 'all', path: '/api/v1/health' },
		{ page: 'all', path: '/api/v1/metrics/dimensions' },
		{ page: 'weekly review', path: '/api/v1/reports/weekly-review' },
		{ page: 'weekly review', path: '/api/v1/reports/weekly-review?channel=coupon' },
		{ page: 'ROI report', path: `/api/v1/reports/roi?${r}` },
		{ page: 'ROI report', path: `/api/v1/reports/roi?${r}&channel=content&device=phone` },
		{ page: 'partner report', path: `/api/v1/reports/partners?${r}` },
		{ page: 'metrics', path: `/api/v1/metrics/summary?${r}` },
		{ page: 'metrics', path: `/api/v1/metrics/breakdown?by=week,channel&${r}` },
		{ page: 'partners', path: `/api/v1/partners?${r}` },
		{ page: 'partner', path: `/api/v1/partners/${encodeURIComponent(partnerId)}?${r}` },
		{ page: 'channels', path: `/api/v1/channels?${r}` },
		{ page: 'channels', path: `/api/v1/channels/mix?grain=week&${r}` },
		{ page: 'cohorts', path: `/api/v1/cohorts/customers?grain=month` },
		{ page: 'cohorts', path: `/api/v1/cohorts/partners` },
		{ page: 'quality', path: `/api/v1/quality/signals?${r}` },
		{ page: 'forecast', path: `/api/v1/forecast/revenue` }
	];
}

export interface LatencyResult {
	readonly page: string;
	readonly path: string;
	readonly status: number;
	readonly medianMs: number;
	readonly p90Ms: number;
	readonly runs: number;
}

function quantile(sorted: readonly number[], q: number): number {
	const i = (sorted.length - 1) * q;
	const lo = Math.floor(i);
	const hi = Math.ceil(i);
	return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export async function measureLatency(app: Hono<any>, endpoints: readonly Endpoint[], runs: number): Promise<LatencyResult[]> {
	const results: LatencyResult[] = [];
	for (const e of endpoints) {
		const first = await app.request(e.path);
		await first.arrayBuffer();
		if (first.status === 404) {
			results.push({ ...e, status: 404, medianMs: NaN, p90Ms: NaN, runs: 0 });
			continue;
		}
		const times: number[] = [];
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			const response = await app.request(e.path);
			await response.arrayBuffer();
			times.push(performance.now() - t);
		}
		times.sort((a, b) => a - b);
		results.push({ ...e, status: first.status, medianMs: quantile(times, 0.5), p90Ms: quantile(times, 0.9), runs });
	}
	return results;
}

export function formatLatency(results: readonly LatencyResult[], budgetMs: number): string {
	const lines = [`${'page'.padEnd(16)}${'median'.padStart(9)}${'p90'.padStart(9)}  status  request`];
	for (const r of results) {
		if (r.runs === 0) {
			lines.push(`${r.page.padEnd(16)}${'-'.padStart(9)}${'-'.padStart(9)}  ${String(r.status).padEnd(6)}  ${r.path} (no such route)`);
			continue;
		}
		const flag = r.medianMs > budgetMs ? '  OVER BUDGET' : '';
		lines.push(`${r.page.padEnd(16)}${`${r.medianMs.toFixed(1)} ms`.padStart(9)}${`${r.p90Ms.toFixed(1)} ms`.padStart(9)}  ${String(r.status).padEnd(6)}  ${r.path}${flag}`);
	}
	const measured = results.filter((r) => r.runs > 0);
	const over = measured.filter((r) => r.medianMs > budgetMs).length;
	lines.push(`${measured.length} requests measured, ${over} over the ${budgetMs} ms median budget`);
	return lines.join('\n');
}
