/**
 * Turn forecast()'s input (plain numbers, or dated points in any order) into an equally spaced series:
 * validate it, infer the frequency, fill missing periods. Called by forecast.
 */
import { ForecastInputError } from './forecast-input-error.ts';
import { inferFrequency } from './infer-frequency.ts';
import { parseIsoDate } from './parse-iso-date.ts';
import { regulariseSeries } from './regularise-series.ts';
import { MIN_OBSERVATIONS, type Frequency, type SeriesPoint } from './types.ts';

export interface ReadSeries {
	readonly values: number[];
	readonly days?: number[];
	readonly dates?: string[];
	readonly frequency?: Frequency;
	/** What was repaired on the way (filled periods). */
	readonly warnings: readonly string[];
}

/**
 * Numbers are taken as they are (each must be finite). Points need a YYYY-MM-DD date and a finite value;
 * they are sorted, the frequency is `frequency` or inferred from the spacing, and missing periods are
 * interpolated (regulariseSeries) and reported in `warnings`. Throws ForecastInputError naming the index of
 * the first bad element, a duplicate, or a spacing it cannot recognise.
 *
 * Complexity: O(n log n + periods).
 *
 * @example
 * readSeries([{ date: '2024-05-01', value: 5 }, { date: '2024-01-01', value: 1 }, { date: '2024-02-01', value: 2 }, { date: '2024-04-01', value: 4 }]);
 * // => { values: [1, 2, 3, 4, 5], dates: ['2024-01-01', ..., '2024-05-01'], frequency: 'month', days: [...],
 * //      warnings: ['1 missing month filled by linear interpolation: 2024-03-01'] }
 */
export function readSeries(series: readonly SeriesPoint[] | readonly number[], frequency?: Frequency): ReadSeries {
	const warnings: string[] = [];
	if (!Array.isArray(series)) throw new ForecastInputError('the series must be an array of numbers or of { date, value }', { field: 'series' });
	if (series.every((v) => typeof v === 'number')) {
		(series as readonly number[]).forEach((v, i) => {
			if (!Number.isFinite(v)) throw new ForecastInputError(`series[${i}] must be a finite number, saw ${v}`, { field: 'value' });
		});
		return { values: [...(series as readonly number[])], ...(frequency ? { frequency } : {}), warnings };
	}
	const points = (series as readonly unknown[]).map((p, i) => {
		if (typeof p !== 'object' || p === null) throw new ForecastInputError(`series[${i}] must be a { date, value } object`, { field: 'series' });
		const { date, value } = p as Record<string, unknown>;
		const day = typeof date === 'string' ? parseIsoDate(date) : undefined;
		if (day === undefined) throw new ForecastInputError(`series[${i}].date must be a YYYY-MM-DD date, saw ${JSON.stringify(date)}`, { field: 'date' });
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw new ForecastInputError(`series[${i}].value must be a finite number, saw ${JSON.stringify(value)}`, { field: 'value', date: date as string });
		}
		return { day, value };
	});
	const days = points.map((p) => p.day);
	const freq = frequency ?? inferFrequency(days);
	if (!freq) {
		throw new ForecastInputError(
			points.length < 2 ? `the series needs at least ${MIN_OBSERVATIONS} observations, saw ${points.length}` : 'cannot infer the frequency from the dates (their typical gap is not 1, 7, 28-31, 89-92 or 365-366 days); give it explicitly',
			{ field: points.length < 2 ? 'value' : 'date' }
		);
	}
	const regular = regulariseSeries(points, freq);
	if (regular.filled.length > 0) {
		const shown = regular.filled.slice(0, 5).join(', ') + (regular.filled.length > 5 ? `, ... (${regular.filled.length - 5} more)` : '');
		warnings.push(`${regular.filled.length} missing ${freq === 'day' ? 'day' : freq}${regular.filled.length > 1 ? 's' : ''} filled by linear interpolation: ${shown}`);
	}
	return { values: regular.values, dates: regular.dates, days: regular.dates.map((d) => parseIsoDate(d)!), frequency: freq, warnings };
}
