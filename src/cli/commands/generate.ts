/**
 * `partnerscope generate`: writes the deterministic sample exports (parquet) into the data directory.
 * Progress goes to stderr, the summary (rows per table, seconds) to stdout.
 */
import { ConfigError, normalizeConfig } from '../../lib/server/config.ts';
import { EXPORT_TABLES } from '../../lib/server/exports/export-schema.ts';
import {
	DataDirNotEmptyError,
	GENERATE_DEFAULTS,
	GenerateOptionsError,
	generateSample,
	type GenerateProgress
} from '../../generate/generate-sample.ts';
import { parseArgs, UsageError } from '../args.ts';

const SPEC = {
	data: 'string',
	seed: 'string',
	scale: 'string',
	days: 'string',
	end: 'string',
	partners: 'string',
	force: 'boolean',
	help: 'boolean'
} as const;

const HELP = `usage: partnerscope generate [--data DIR] [--seed N] [--scale X] [--days N] [--end YYYY-MM-DD] [--partners N] [--force]

Writes a deterministic sample affiliate program as parquet exports: clicks/ and sales/ partitioned by month,
partners/, costs/ and fx_rates/. The same options always give the same rows.

  --data DIR        data directory (default: PARTNERSCOPE_DATA or data/exports)
  --seed N          random seed (default ${GENERATE_DEFAULTS.seed})
  --scale X         traffic multiplier; 1 is about 3.3 million clicks over 730 days (default ${GENERATE_DEFAULTS.scale})
  --days N          days of data ending on --end (default ${GENERATE_DEFAULTS.days})
  --end YYYY-MM-DD  last day of data, UTC (default yesterday)
  --partners N      number of partners (default ${GENERATE_DEFAULTS.partners})
  --force           replace a data directory that is not empty`;

export async function run(argv: string[]): Promise<number> {
	const opts = parseArgs(argv, SPEC);
	if (opts.help) {
		console.log(HELP);
		return 0;
	}
	if (opts._.length > 0) throw new UsageError(`unexpected argument "${opts._[0]}"; see --help`);
	let dataDir: string;
	let threads: number;
	try {
		({ dataDir, threads } = normalizeConfig(process.env, opts.data === undefined ? {} : { dataDir: opts.data }));
	} catch (error) {
		if (error instanceof ConfigError) throw new UsageError(error.message);
		throw error;
	}

	try {
		const result = await generateSample({
			dataDir,
			seed: numberOption('seed', opts.seed),
			scale: numberOption('scale', opts.scale),
			days: numberOption('days', opts.days),
			partners: numberOption('partners', opts.partners),
			endDate: opts.end,
			force: opts.force ?? false,
			threads,
			onProgress: (event) => console.error(progressLine(event))
		});
		const width = Math.max(...EXPORT_TABLES.map((t) => result.rows[t].toLocaleString('en-US').length));
		console.log(
			[
				`wrote ${result.dataDir} (${result.startDate} to ${result.endDate}) in ${result.seconds.toFixed(1)} s`,
				...EXPORT_TABLES.map((t) => `  ${t.padEnd(9)} ${result.rows[t].toLocaleString('en-US').padStart(width)} rows`),
				`  ${result.files} parquet files`
			].join('\n')
		);
		return 0;
	} catch (error) {
		if (error instanceof DataDirNotEmptyError || error instanceof GenerateOptionsError) throw new UsageError(error.detail ?? error.message);
		throw error;
	}
}

function numberOption(name: string, raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, saw "${raw}"`);
	return value;
}

function progressLine(e: GenerateProgress): string {
	const rows = e.rows === undefined ? '' : ` ${e.rows.toLocaleString('en-US')} rows`;
	return e.month ? `${e.table.padEnd(9)} ${e.month} (${e.done}/${e.total})${rows}` : `${e.table.padEnd(9)}${rows}`;
}
