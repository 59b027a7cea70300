/**
 * Assemble the output points: the point forecast with a lo/hi bound per level. Called by forecast.
 */
import type { ForecastPoint } from './types.ts';

/**
 * Point i gets `value` forecast[i] and, for each level L, lo{L} / hi{L} = forecast[i] -+ halfWidths[L][i]
 * (keys as the level is written: lo80, hi95, lo99.5). `dates`, when given, label the points.
 *
 * Complexity: O(horizon * levels).
 *
 * @example
 * predictionIntervals([10], { '80': [1.5] }, [80]); // => [{ value: 10, lo80: 8.5, hi80: 11.5 }]
 */
export function predictionIntervals(
	forecast: readonly number[],
	halfWidths: Readonly<Record<string, readonly number[]>>,
	levels: readonly number[],
	dates?: readonly string[]
): ForecastPoint[] {
	return forecast.map((value, i) => {
		const point: Record<string, number | string> = {};
		if (dates?.[i] !== undefined) point.date = dates[i]!;
		point.value = value;
		for (const level of levels) {
			const w = halfWidths[String(level)]?.[i] ?? 0;
			point[`lo${level}`] = value - w;
			point[`hi${level}`] = value + w;
		}
		return point as unknown as ForecastPoint;
	});
}
