/**
 * `partnerscope bench-scale-out [--scale X]`: the figures behind docs/scale-out.md. Generates the sample at
 * the scale (cached under --dir), times a full build on DuckDB and on ClickHouse (embedded chDB, or the server
 * in PARTNERSCOPE_CLICKHOUSE_URL), the snapshot export, and one snapshot reader's dashboard throughput at
 * 1, 4 and 16 concurrent requests, in this process. Prints; asserts nothing.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { addDays } from '../../lib/server/reports/params/date-range.ts';
import { normalizeConfig } from '../../lib/server/config.ts';
import { Database } from '../../lib/server/db/database.ts';
import { normalizeEngineConfig } from '../../lib/server/engines/engine-config.ts';
import { generateSample } from '../../generate/generate-sample.ts';
import { SnapshotReader } from '../../lib/server/snapshots/snapshot-reader.ts';
import { AuthStore } from '../../lib/server/auth/auth-store.ts';
import { Warehouse } from '../../lib/server/warehouse/warehouse.ts';
import { parseArgs, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { scale: 'string', dir: 'string', seconds: 'string', help: 'boolean' });
	if (args.help) {
		console.log('usage: partnerscope bench-scale-out [--scale X] [--dir DIR] [--seconds N]');
		return 0;
	}
	const scale = Number(args.scale ?? '0.1');
	const seconds = Number(args.seconds ?? '5');
	if (!(scale > 0)) throw new UsageError(`--scale must be a positive number, saw "${args.scale}"`);
	const dir = path.resolve(args.dir ?? `.tmp/bench/scale-out-${scale}`);
	const dataDir = path.join(dir, 'exports');
	console.log(`Partnerscope scale-out benchmark on ${process.platform}/${process.arch}, Node ${process.version}, scale ${scale}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
	if (!existsSync(path.join(dataDir, 'clicks'))) {
		const result = await generateSample({ dataDir, scale });
		console.log(`generated ${Object.entries(result.rows).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')}`);
	}
	for (const f of ['warehouse.duckdb', 'warehouse.duckdb.wal', 'catalog-ch.duckdb', 'catalog-ch.duckdb.wal', 'snapshot', 'chdb']) await rm(path.join(dir, f), { recursive: true, force: true });

	// DuckDB
	const config = normalizeConfig(process.env, { dataDir, warehousePath: path.join(dir, 'warehouse.duckdb'), snapshotDir: path.join(dir, 'snapshot') });
	const warehouse = await Warehouse.open(config);
	let t = performance.now();
	const duck = await warehouse.build({ author: 'bench', message: 'bench' });
	const duckMs = performance.now() - t;
	const sourceRows = duck.nodes.filter((n) => n.kind === 'source').reduce((s, n) => s + (n.rows ?? 0), 0);
	console.log(`\n## Full build\nexport rows (all sources): ${sourceRows.toLocaleString('en-US')}`);
	console.log(`duckdb:     ${duck.status} in ${(duckMs / 1000).toFixed(1)} s (includes the snapshot export) -> ${((duckMs / 1000) * (1e8 / sourceRows) / 60).toFixed(1)} min per 100M export rows if linear`);

	// ClickHouse
	const engine = normalizeEngineConfig({ ...process.env, PARTNERSCOPE_ENGINE: 'clickhouse', PARTNERSCOPE_CLICKHOUSE_URL: process.env.PARTNERSCOPE_CLICKHOUSE_URL ?? `chdb:${path.join(dir, 'chdb')}` });
	if (engine.engine === 'clickhouse') {
		const { openClickHouse } = await import('../../lib/server/engines/clickhouse-connection.ts');
		const { runClickHouseBuild } = await import('../../lib/server/engines/run-clickhouse-build.ts');
		const catalog = await Database.open({ path: path.join(dir, 'catalog-ch.duckdb') });
		const ch = await openClickHouse(engine.clickhouse);
		t = performance.now();
		const built = await runClickHouseBuild(catalog, ch, { sqlDir: config.sqlDir, dataDir, database: engine.clickhouse.database });
		const chMs = performance.now() - t;
		console.log(`clickhouse (${ch.kind}): ${built.status} in ${(chMs / 1000).toFixed(1)} s -> ${((chMs / 1000) * (1e8 / sourceRows) / 60).toFixed(1)} min per 100M export rows if linear`);
		for (const n of built.nodes) if (n.status === 'failed') console.log(`  failed ${n.name}: ${n.error}`);
		catalog.close();
		await ch.close();
	}

	// Snapshot export (already written by the build) and one reader.
	t = performance.now();
	const exported = await warehouse.exportSnapshot(config.snapshotDir!);
	console.log(`\n## Snapshot\n${exported.manifest.models.length} models, ${(exported.manifest.models.reduce((s, m) => s + m.bytes, 0) / 1e6).toFixed(1)} MB of parquet; re-export with nothing new: ${(performance.now() - t).toFixed(0)} ms`);
	const through = (await warehouse.db.query<{ d: string }>('select max(date)::varchar as d from main.fct_daily'))[0]!.d;
	warehouse.close();
	// In-process throughput of the reader itself: sign-in off (no session or token check in the figures).
	const readerConfig = normalizeConfig({ ...process.env, PARTNERSCOPE_AUTH: 'off', HOST: '127.0.0.1' }, { threads: '1' });
	const reader = new SnapshotReader(readerConfig, config.snapshotDir!, { auth: { store: new AuthStore(readerConfig.authFile, { readOnly: true }), off: true }, log: () => {} });
	const range = `from=${addDays(through, -27)}&to=${through}`;
	const pages = [`/api/v1/reports/partners?${range}`, '/api/v1/reports/overview?weeks=26', `/api/v1/metrics/summary?${range}`, `/api/v1/metrics/breakdown?by=channel&${range}`];
	t = performance.now();
	await reader.fetch(new Request(`http://reader${pages[0]}`));
	console.log(`reader start (open the manifest, first answer): ${(performance.now() - t).toFixed(0)} ms`);
	// Repeated URLs are mostly answer-cache hits; every "varied" request asks a range no earlier request asked
	// (start moved back 0-364 days, end 0-27), so each one is computed: the reader's capacity for new questions.
	let asked = 0;
	const variedRange = () => {
		const k = asked++;
		const to = addDays(through, -(Math.floor(k / 365) % 28));
		return `from=${addDays(to, -27 - (k % 365))}&to=${to}`;
	};
	const rangedPages = pages.filter((p) => p.includes(range));
	const levels: { label: string; url: (i: number) => string }[] = [
		{ label: 'same URLs', url: (i) => pages[i % pages.length]! },
		{ label: 'varied ranges', url: (i) => rangedPages[i % rangedPages.length]!.replace(range, variedRange()) }
	];
	for (const level of levels) {
		console.log(`\n## One reader (1 DuckDB thread), dashboard calls on ${level.label}: ${level.label === 'same URLs' ? pages.length : rangedPages.length} endpoints, ${seconds} s per level`);
		for (const concurrency of [1, 4, 16]) {
			const latencies: number[] = [];
			const end = performance.now() + seconds * 1000;
			await Promise.all(
				Array.from({ length: concurrency }, async (_, w) => {
					for (let i = w; performance.now() < end; i++) {
						const url = level.url(i);
						const s = performance.now();
						const response = await reader.fetch(new Request(`http://localhost${url}`));
						await response.arrayBuffer();
						if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
						latencies.push(performance.now() - s);
					}
				})
			);
			latencies.sort((a, b) => a - b);
			const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);
			console.log(`concurrency ${String(concurrency).padStart(2)}: ${(latencies.length / seconds).toFixed(1)} requests/s, median ${q(0.5)} ms, p90 ${q(0.9)} ms`);
		}
	}
	console.log(`reader process RSS: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (this process also built the warehouse)`);
	reader.close();
	return 0;
}
