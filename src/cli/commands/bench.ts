/**
 * `partnerscope bench` (`npm run bench`): the printed figures behind every speed and accuracy claim.
 * Generates the sample at the given scale (once, cached in .tmp/bench), times the full and the no-op
 * model build, measures every page's API calls (median, p90), and scores the forecasting engine on real
 * public series. Nothing here asserts: it prints, so noisy machines do not fail the tests.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { normalizeConfig } from '../../lib/server/config.ts';
import { Warehouse } from '../../lib/server/warehouse/warehouse.ts';
import { createApi } from '../../lib/server/api/create-api.ts';
import { AuthStore } from '../../lib/server/auth/auth-store.ts';
import { generateSample } from '../../generate/generate-sample.ts';
import { dataThrough } from '../../lib/server/reports/shared/data-through.ts';
import { addDays } from '../../lib/server/reports/params/date-range.ts';
import { formatLatency, measureLatency, pageEndpoints } from '../../bench/api-latency.ts';
import { parseArgs, UsageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { scale: 'string', runs: 'string', only: 'string', dir: 'string', rebuild: 'boolean', help: 'boolean' });
	if (args.help) {
		console.log('usage: partnerscope bench [--scale X] [--runs N] [--only api|forecast|build] [--dir DIR] [--rebuild]');
		return 0;
	}
	const scale = Number(args.scale ?? '1');
	const runs = Number(args.runs ?? '15');
	if (!(scale > 0)) throw new UsageError(`--scale must be a positive number, saw "${args.scale}"`);
	if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1, saw "${args.runs}"`);
	const only = args.only;
	if (only && !['api', 'forecast', 'build'].includes(only)) throw new UsageError(`--only must be api, forecast or build, saw "${only}"`);
	console.log(`Partnerscope benchmark on ${process.platform}/${process.arch}, Node ${process.version}, scale ${scale}`);

	if (!only || only !== 'forecast') {
		const dir = path.resolve(args.dir ?? `.tmp/bench/scale-${scale}`);
		const dataDir = path.join(dir, 'exports');
		if (!existsSync(path.join(dataDir, 'clicks'))) {
			const t = performance.now();
			let last = '';
			const result = await generateSample({ dataDir, scale, onProgress: (e) => {
				const line = `  generating ${e.table} ${e.done}/${e.total}`;
				if (line !== last) process.stderr.write(`\r${line.padEnd(50)}`);
				last = line;
			} });
			process.stderr.write('\n');
			console.log(`\n## Sample generation\n${Object.entries(result.rows).map(([k, v]) => `${k}: ${v.toLocaleString('en-US')}`).join(', ')}\nwritten in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		}
		const warehousePath = path.join(dir, 'warehouse.duckdb');
		if (args.rebuild || !existsSync(warehousePath)) {
			await rm(warehousePath, { force: true });
			await rm(`${warehousePath}.wal`, { force: true });
		}
		const config = normalizeConfig(process.env, { dataDir, warehousePath });
		const warehouse = await Warehouse.open(config);
		try {
			const full = await timed(() => warehouse.build({ author: 'bench', message: 'bench' }));
			console.log(`\n## Model build\nbuild: ${full.value.status} in ${full.ms.toFixed(0)} ms (${full.value.nodes.filter((n) => n.status === 'success').length} models built)`);
			for (const n of full.value.nodes.filter((n) => n.status === 'success')) console.log(`  ${n.name.padEnd(28)} ${String(n.rows ?? '').padStart(11)} rows ${n.ms.toFixed(0).padStart(7)} ms`);
			const noop: number[] = [];
			for (let i = 0; i < 5; i++) noop.push((await timed(() => warehouse.build({ author: 'bench', message: 'no-op' }))).ms);
			noop.sort((a, b) => a - b);
			console.log(`no-op build (nothing changed): median ${noop[2]!.toFixed(0)} ms over 5 runs`);
			if (only !== 'build') {
				const through = (await dataThrough(warehouse.db))!;
				const range = { from: addDays(through, -27), to: through };
				const [top] = await warehouse.db.query<{ partner_id: string }>('select partner_id from main.fct_partner_daily group by 1 order by sum(revenue) desc limit 1');
				// In-process requests only, never a network: sign-in off measures the reports, not scrypt.
				const app = createApi({ warehouse, log: () => {}, auth: { store: AuthStore.forWarehouse(warehouse.config.warehousePath), off: true } });
				console.log(`\n## API latency (${runs} runs after a warm-up; last 28 days through ${through})`);
				console.log(formatLatency(await measureLatency(app, pageEndpoints(range, top?.partner_id ?? 'P0001'), runs), 200));
			}
		} finally {
			warehouse.close();
		}
	}
	if (!only || only === 'forecast') {
		const { runForecastAccuracy, formatAccuracyReport } = await import('../../bench/forecast-accuracy.ts');
		console.log('\n## Forecast accuracy on real public series (vega-datasets), last season held out');
		console.log(formatAccuracyReport(await runForecastAccuracy()));
	}
	return 0;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const t = performance.now();
	const value = await work();
	return { value, ms: performance.now() - t };
}
