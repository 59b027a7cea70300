/**
 * `partnerscope forecast --in series.csv --horizon H [--period M] [--level 80,95]`: read a date,value CSV,
 * forecast it and print JSON. Only I/O lives here; parsing, validation and forecasting are in src/lib/forecast.
 */
import { readFile } from 'node:fs/promises';
import { UsageError, parseArgs } from '../args.ts';
import { FREQUENCIES, ForecastInputError, HOLIDAY_CALENDARS, METHOD_NAMES, forecast, parseSeriesCsv, type Frequency, type HolidayCalendar, type MethodName } from '../../lib/forecast/index.ts';

const SPEC = {
	in: 'string',
	horizon: 'string',
	period: 'string',
	level: 'string',
	frequency: 'string',
	methods: 'string',
	holidays: 'string',
	help: 'boolean'
} as const;

const HELP = `usage: partnerscope forecast --in series.csv --horizon H [--period M] [--level 80,95] [--frequency day|week|month|quarter|year] [--methods a,b] [--holidays retail]

Reads a CSV with the header "date,value" (dates YYYY-MM-DD, at least 4 rows), chooses a method by
rolling-origin backtest and prints JSON: { method, frequency, period, points: [{ date, value, lo80, hi80,
lo95, hi95 }], backtest: { origins, horizon, errors, chosen, reason, coverage, ... }, warnings }.

  --in         the CSV file
  --horizon    periods to forecast (positive integer)
  --period     season length (default from the frequency: day 7, week 52, month 12, quarter 4, year 1)
  --level      prediction interval levels in percent (default 80,95)
  --frequency  spacing of the dates (default: inferred from them)
  --methods    candidate methods (default all): ${METHOD_NAMES.join(', ')}
  --holidays   retail: line up Black Friday, Cyber Monday, Christmas and Easter by their date in weekly and
               daily series (default none: the same week number a year back)

Exit codes: 0 success, 2 bad usage or bad input (the message names the line and field).`;

export async function run(argv: string[]): Promise<number> {
	const options = parseArgs(argv, SPEC);
	if (options.help) {
		console.log(HELP);
		return 0;
	}
	if (options._.length > 0) throw new UsageError(`unexpected argument "${options._[0]}"; see --help`);
	if (!options.in) throw new UsageError('--in is required: the date,value CSV to forecast');
	if (options.horizon === undefined) throw new UsageError('--horizon is required: the number of periods to forecast');
	const horizon = positiveInteger('--horizon', options.horizon);
	const period = options.period === undefined ? undefined : positiveInteger('--period', options.period);
	const levels = options.level === undefined ? undefined : parseLevels(options.level);
	const frequency = options.frequency === undefined ? undefined : parseFrequency(options.frequency);
	const methods = options.methods === undefined ? undefined : parseMethods(options.methods);
	const holidays = options.holidays === undefined ? undefined : parseHolidays(options.holidays);

	let text: string;
	try {
		text = await readFile(options.in, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`${options.in}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`);
	}

	let rows;
	try {
		rows = parseSeriesCsv(text, options.in);
		const result = forecast(rows, { horizon, period, levels, frequency, methods, holidays });
		for (const warning of result.warnings) console.error(`partnerscope forecast: warning: ${warning}`);
		const { fitted: _fitted, params: _params, ...output } = result;
		console.log(JSON.stringify(output, null, 2));
		return 0;
	} catch (error) {
		if (!(error instanceof ForecastInputError)) throw error;
		// Errors about a date found after parsing (two dates in one month, off the weekly grid) get their line.
		const line = error.line ?? rows?.find((r) => r.date === error.date)?.line;
		const prefix = error.line === undefined && !error.message.startsWith(options.in) ? `${options.in}${line ? ` line ${line}` : ''}: ` : '';
		console.error(`partnerscope forecast: ${prefix}${error.message}`);
		return 2;
	}
}

function positiveInteger(flag: string, text: string): number {
	if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`${flag} must be a positive integer, saw "${text}"`);
	return Number(text);
}

function parseLevels(text: string): number[] {
	return text.split(',').map((part) => {
		const level = Number(part.trim());
		if (part.trim() === '' || !(level > 0 && level < 100)) throw new UsageError(`--level must be percentages strictly between 0 and 100, like 80,95; saw "${text}"`);
		return level;
	});
}

function parseFrequency(text: string): Frequency {
	if (!(FREQUENCIES as readonly string[]).includes(text)) throw new UsageError(`--frequency must be one of ${FREQUENCIES.join(', ')}, saw "${text}"`);
	return text as Frequency;
}

function parseMethods(text: string): MethodName[] {
	return text.split(',').map((part) => {
		const name = part.trim();
		if (!(METHOD_NAMES as readonly string[]).includes(name)) throw new UsageError(`--methods: unknown method "${name}"; expected some of ${METHOD_NAMES.join(', ')}`);
		return name as MethodName;
	});
}

function parseHolidays(text: string): HolidayCalendar {
	if (!(HOLIDAY_CALENDARS as readonly string[]).includes(text)) throw new UsageError(`--holidays must be one of ${HOLIDAY_CALENDARS.join(', ')}, saw "${text}"`);
	return text as HolidayCalendar;
}
