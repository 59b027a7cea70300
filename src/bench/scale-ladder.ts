/**
 * The scale benchmark behind `npm run bench`: for 1M, 10M and 100M clicks (up to --max-scale) it generates
 * the sample once (reused while the generator's code and the seed are the same), replays it as daily
 * deliveries, and measures in child processes (each with its own peak RSS): the full build, the incremental
 * build after one new day, the warehouse size after 5 daily increments, every page's API call with 1 and 16
 * concurrent clients, and the same answers computed by DuckDB straight from the raw parquet. Prints, and writes
 * the last results to bench/results.md. Nothing asserts.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Database } from '../lib/server/db/database.ts';
import { generateSample } from '../generate/generate-sample.ts';
import { writeDayExports } from '../generate/write-day-exports.ts';
import { pageEndpoints, type Endpoint } from './api-latency.ts';

export const LADDER = [
	{ label: '1M', scale: 0.3 },
	{ label: '10M', scale: 3 },
	{ label: '100M', scale: 30 }
] as const;

const END = '2026-11-28';
const SEED = 42;
const INCREMENTS = 5;
const REPO = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

export interface LadderOptions {
	readonly dir: string;
	/** Start at and stop after these scale labels (1M, 10M or 100M). */
	readonly minScale: string;
	readonly maxScale: string;
	readonly runs: number;
	readonly resultsFile: string;
	readonly log: (line: string) => void;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The generator's version: a hash of its source files, so a changed generator makes new datasets. */
async function generatorVersion(): Promise<string> {
	const dir = path.join(REPO, 'src/generate');
	const h = createHash('sha256');
	for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && n !== 'write-day-exports.ts').sort()) h.update(name).update(await readFile(path.join(dir, name)));
	return h.digest('hex').slice(0, 10);
}

async function dirBytes(file: string): Promise<number> {
	let total = 0;
	for (const f of [file, `${file}.wal`]) if (existsSync(f)) total += (await stat(f)).size;
	return total;
}

interface ChildBuild {
	status: string;
	ms: number;
	maxRssMiB: number;
	nodes: { name: string; ms: number; rows: number | null; incremental: unknown }[];
	failed: string[];
}

function tsx(args: string[]): { child: ReturnType<typeof spawn>; output: Promise<string> } {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/bench/bench-child.ts'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	return { child, output: new Promise((resolve, reject) => (child.on('error', reject), child.on('close', () => resolve(out)))) };
}

async function childBuild(dataDir: string, warehouse: string): Promise<ChildBuild> {
	const out = await tsx(['build', dataDir, warehouse]).output;
	const line = out.trim().split('\n').at(-1)!;
	return JSON.parse(line) as ChildBuild;
}

function quantile(sorted: readonly number[], q: number): number {
	const i = (sorted.length - 1) * q;
	return sorted[Math.floor(i)]! + (sorted[Math.ceil(i)]! - sorted[Math.floor(i)]!) * (i - Math.floor(i));
}

/** `clients` workers fetch `total` requests (path chosen per request) and return the sorted latencies. */
async function load(base: string, paths: (i: number) => string, clients: number, total: number): Promise<{ times: number[]; errors: number }> {
	const times: number[] = [];
	let next = 0;
	let errors = 0;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (next < total) {
				const i = next++;
				const t = performance.now();
				const response = await fetch(base + paths(i));
				await response.arrayBuffer();
				times.push(performance.now() - t);
				if (response.status >= 400) errors++;
			}
		})
	);
	return { times: times.sort((a, b) => a - b), errors };
}

/** Moves a report's from/to back by i days (same length), so 16 clients ask for different ranges. */
function varied(p: string, i: number): string {
	return p.replace(/from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})/, (_m, f: string, t: string) => `from=${addDays(f, -(i % 28))}&to=${addDays(t, -(i % 28))}`);
}

function rawDailySql(dataDir: string): string {
	const g = (t: string) => `read_parquet('${path.join(dataDir, t, '**', '*.parquet')}')`;
	return `with clicks as (
		select (clicked_at at time zone 'UTC')::date as date, partner_id, device_type, coalesce(country, '') as country,
			count(*) as gross_clicks, count(*) filter (where not is_invalid) as valid_clicks,
			count(*) filter (where is_unique and not is_invalid) as unique_clicks, count(*) filter (where is_invalid) as invalid_clicks
		from ${g('clicks')} group by all),
	sales as (
		select (s.converted_at at time zone 'UTC')::date as date, s.partner_id, s.device_type, coalesce(s.country, '') as country,
			count(*) filter (where s.status <> 'reversed') as conversions,
			sum(s.sale_amount * fx.rate_to_base) filter (where s.status <> 'reversed') as revenue,
			sum(s.commission_amount * fx.rate_to_base) filter (where s.status <> 'reversed') as commission
		from ${g('sales')} as s asof left join ${g('fx_rates')} as fx on upper(s.currency) = upper(fx.currency) and (s.converted_at at time zone 'UTC')::date >= fx.date
		group by all)
	select count(*) as rows, sum(gross_clicks) as clicks, sum(revenue) as revenue from clicks full outer join sales using (date, partner_id, device_type, country)`;
}

function rawPartnerReportSql(dataDir: string, from: string, to: string): string {
	const g = (t: string) => `read_parquet('${path.join(dataDir, t, '**', '*.parquet')}')`;
	const range = (col: string) => `${col} >= '${from} 00:00:00+00'::timestamptz and ${col} < '${to} 00:00:00+00'::timestamptz + interval 1 day`;
	return `with c as (select partner_id, count(*) filter (where not is_invalid) as clicks from ${g('clicks')} where ${range('clicked_at')} group by 1),
	s as (select s.partner_id, count(*) filter (where s.status <> 'reversed') as conversions, sum(s.sale_amount * fx.rate_to_base) filter (where s.status <> 'reversed') as revenue
		from ${g('sales')} as s asof left join ${g('fx_rates')} as fx on upper(s.currency) = upper(fx.currency) and (s.converted_at at time zone 'UTC')::date >= fx.date
		where ${range('s.converted_at')} group by 1)
	select p.partner_id, p.partner_name, p.channel, coalesce(c.clicks, 0) as clicks, coalesce(s.conversions, 0) as conversions, coalesce(s.revenue, 0) as revenue
	from ${g('partners')} as p left join c using (partner_id) left join s using (partner_id) order by revenue desc`;
}

async function timeRaw(sql: string, runs: number): Promise<number[]> {
	const db = await Database.open({ path: ':memory:' });
	try {
		const times: number[] = [];
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			await db.query(sql, undefined, { timeoutMs: 3_600_000 });
			times.push(performance.now() - t);
		}
		return times.sort((a, b) => a - b);
	} finally {
		db.close();
	}
}

export async function runScaleLadder(options: LadderOptions): Promise<void> {
	const { log } = options;
	const lines: string[] = [];
	const out = (line = '') => {
		lines.push(line);
		log(line);
	};
	const cpus = os.cpus();
	const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(', ');
	out(`# Scale benchmark`);
	out();
	out(`Run ${new Date().toISOString()} on ${os.type()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${mib(os.totalmem())} RAM, Node ${process.version}; load average at start ${loadBefore}.`);
	out(`Seed ${SEED}, last day ${END}; builds and the API server run as child processes (peak RSS = their maxRSS). The machine is shared: figures under load are slower than on an idle one.`);
	const version = await generatorVersion();
	const stop = LADDER.findIndex((l) => l.label === options.maxScale);
	const start = LADDER.findIndex((l) => l.label === options.minScale);
	for (const step of LADDER.slice(start, stop + 1)) {
		out();
		out(`## ${step.label} clicks (generate --scale ${step.scale})`);
		out();
		const datasetDir = path.join(options.dir, `gen-${version}-seed${SEED}-scale${step.scale}`);
		const exportsDir = path.join(datasetDir, 'exports');
		// Each figure is printed when measured, so a run stopped early still shows what it measured.
		const rows = { push: ([k, v]: [string, string]) => out(`- ${k}: ${v}`) };
		if (existsSync(path.join(exportsDir, 'clicks'))) {
			rows.push(['generation', `reused ${path.relative(options.dir, datasetDir)}`]);
		} else {
			const t = performance.now();
			const result = await generateSample({ dataDir: exportsDir, scale: step.scale, seed: SEED, endDate: END, force: true });
			rows.push(['generation', `${seconds(performance.now() - t)} (${result.rows.clicks.toLocaleString('en-US')} clicks, ${result.rows.sales.toLocaleString('en-US')} sales)`]);
		}
		// The daily deliveries up to 5 days before the end: the state the full build starts from.
		const baseDir = path.join(datasetDir, 'daily-base');
		const baseThrough = addDays(END, -INCREMENTS);
		if (!existsSync(path.join(baseDir, '.day-exports.json'))) {
			const t = performance.now();
			await rm(baseDir, { recursive: true, force: true });
			await writeDayExports({ from: exportsDir, to: baseDir, through: baseThrough });
			rows.push(['replay as daily files', seconds(performance.now() - t)]);
		}
		const runDir = path.join(options.dir, `run-scale${step.scale}`);
		await rm(runDir, { recursive: true, force: true });
		await mkdir(runDir, { recursive: true });
		const dataDir = path.join(runDir, 'exports');
		await run('cp', ['-al', baseDir, dataDir]);
		const warehouse = path.join(runDir, 'warehouse.duckdb');

		const full = await childBuild(dataDir, warehouse);
		const slowest = [...full.nodes].sort((a, b) => b.ms - a.ms).slice(0, 3).map((n) => `${n.name} ${seconds(n.ms)}`).join(', ');
		rows.push(['full build', `${full.status}, ${seconds(full.ms)}, peak RSS ${full.maxRssMiB} MiB (slowest: ${slowest})${full.failed.length ? `; failed: ${full.failed.join('; ')}` : ''}`]);
		const firstSize = await dirBytes(warehouse);
		const raw = await timeRaw(rawDailySql(dataDir), 1);
		rows.push(['one DuckDB query computing the daily aggregates from the raw parquet', `${seconds(raw[0]!)} (full build / that = ${(full.ms / raw[0]!).toFixed(1)}x)`]);

		const increments: ChildBuild[] = [];
		for (let k = 1; k <= INCREMENTS; k++) {
			await writeDayExports({ from: exportsDir, to: dataDir, through: addDays(baseThrough, k) });
			increments.push(await childBuild(dataDir, warehouse));
			log(`  (increment ${k}: ${increments.at(-1)!.status} in ${seconds(increments.at(-1)!.ms)}, peak RSS ${increments.at(-1)!.maxRssMiB} MiB)`);
		}
		const one = increments[0]!;
		const replaced = one.nodes
			.filter((n) => n.incremental)
			.map((n) => `${n.name} ${JSON.stringify(n.incremental).replace(/"/g, '')}`)
			.slice(0, 3)
			.join('; ');
		const oneSlowest = [...one.nodes].sort((a, b) => b.ms - a.ms).slice(0, 5).map((n) => `${n.name} ${seconds(n.ms)}`).join(', ');
		rows.push(['incremental build after one new day', `${one.status}, ${seconds(one.ms)} = ${((one.ms / full.ms) * 100).toFixed(1)}% of the full build, peak RSS ${one.maxRssMiB} MiB (${replaced} ...; slowest: ${oneSlowest})`]);
		rows.push(['the next 4 daily builds', increments.slice(1).map((b) => seconds(b.ms)).join(', ')]);
		const lastSize = await dirBytes(warehouse);
		rows.push([
			`warehouse size after the first build / after ${INCREMENTS} daily increments`,
			`${mib(firstSize)} / ${mib(lastSize)} (+${(((lastSize - firstSize) / firstSize / INCREMENTS) * 100).toFixed(1)}% per publish)`
		]);

		// The API: a real HTTP server in its own process.
		const port = 40_000 + Math.floor(Math.random() * 20_000);
		const server = tsx(['serve', dataDir, warehouse, String(port)]);
		// One poll at a time: a slow first answer must not pile up requests behind it.
		for (;;) {
			try {
				await fetch(`http://127.0.0.1:${port}/api/v1/health`);
				break;
			} catch {
				await new Promise((resolve) => setTimeout(resolve, 200)); // not listening yet
			}
		}
		const base = `http://127.0.0.1:${port}`;
		const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { latestClickAt?: string };
		const through = (health.latestClickAt ?? END).slice(0, 10);
		const range = { from: addDays(through, -27), to: through };
		const top = (await (await fetch(`${base}/api/v1/reports/partners?from=${range.from}&to=${range.to}`)).json()) as { rows: { partner_id: string; revenue: number }[] };
		const partner = [...top.rows].sort((a, b) => Number(b.revenue) - Number(a.revenue))[0]?.partner_id ?? 'P0001';
		const endpoints: Endpoint[] = pageEndpoints(range, partner);
		out();
		out(`API over HTTP, last 28 days through ${through}: median / p95 in ms (${options.runs} requests with 1 client; ${options.runs * 4} with 16 clients on the same URL, and on ranges moved back 0 to 27 days)`);
		out();
		out('| page | request | 1 client | 16 clients, same URL | 16 clients, varied ranges |');
		out('| --- | --- | --- | --- | --- |');
		for (const e of endpoints) {
			await load(base, () => e.path, 1, 1);
			const one = await load(base, () => e.path, 1, options.runs);
			const same = await load(base, () => e.path, 16, options.runs * 4);
			const vary = await load(base, (i) => varied(e.path, i), 16, options.runs * 4);
			const f = (r: { times: number[]; errors: number }) => `${quantile(r.times, 0.5).toFixed(0)} / ${quantile(r.times, 0.95).toFixed(0)}${r.errors ? ` (${r.errors} errors)` : ''}`;
			out(`| ${e.page} | \`${e.path.replace(/from=[^&]+&to=[^&]+/, 'from&to')}\` | ${f(one)} | ${f(same)} | ${e.path.includes('from=') ? f(vary) : ''} |`);
		}
		server.child.kill('SIGTERM');
		const rss = JSON.parse((await server.output).trim().split('\n').at(-1)!) as { maxRssMiB: number };
		const rawPartners = await timeRaw(rawPartnerReportSql(dataDir, range.from, range.to), 3);
		out();
		out(`- API server peak RSS: ${rss.maxRssMiB} MiB`);
		out(`- the partner report straight from the raw parquet with DuckDB: median ${quantile(rawPartners, 0.5).toFixed(0)} ms of 3 (the API's answer above, from the models)`);
	}
	out();
	out(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}.`);
	await mkdir(path.dirname(options.resultsFile), { recursive: true });
	await writeFile(options.resultsFile, `${lines.join('\n')}\n`);
	log(`\nwritten to ${path.relative(process.cwd(), options.resultsFile)}`);
}
