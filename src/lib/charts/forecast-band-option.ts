/**
 * Weekly actuals followed by a forecast with its 80% and 95% prediction bands (and, optionally, a past
 * forecast with its 80% band over the last weeks of actuals) -> an ECharts option (pure; tested without a browser). Used by
 * the forecast page for the total and for each channel's small multiple.
 */
import type { EChartsOption } from 'echarts';
import { formatValue, type Unit } from '../format.ts';
import { escapeHtml } from './escape-html.ts';

export interface BandPoint {
	readonly week_start: string;
	readonly value: number;
	readonly lo80: number;
	readonly hi80: number;
	readonly lo95: number;
	readonly hi95: number;
}

export interface ForecastBandInput {
	/** Actual weekly values, oldest first. */
	readonly history: readonly { readonly week_start: string; readonly value: number }[];
	/** The forecast weeks that follow the history. */
	readonly forecast: readonly BandPoint[];
	/**
	 * Projected-final values of the history weeks (pending sales net of expected reversals), drawn as their
	 * own labelled line where they differ from the reported actuals.
	 */
	readonly projected?: readonly { readonly week_start: string; readonly value: number }[];
	/** A forecast made earlier for the last weeks of the history (actuals vs past forecast). */
	readonly past?: readonly BandPoint[];
	/** Show only the last this many weeks of history (default: all). */
	readonly historyWeeks?: number;
	readonly unit: Unit;
	readonly currency: string;
	/** Small multiples: no legend, tighter grid. */
	readonly compact?: boolean;
	readonly labels?: { readonly actual?: string; readonly forecast?: string; readonly past?: string; readonly projected?: string };
}

const BLUE = '#2457c5';
const ORANGE = '#e07b00';
const GREY = '#667085';

/**
 * Categories are the history weeks then the forecast weeks. The bands are stacked areas (an invisible base
 * at the lower bound plus the band's height), so their raw values live in the tooltip, which reads the
 * input arrays by index rather than the stacked series.
 *
 * @example
 * forecastBandOption({ history, forecast: answer.total.revenue.points, unit: 'money', currency: 'EUR' });
 */
export function forecastBandOption(input: ForecastBandInput): EChartsOption {
	const history = input.historyWeeks ? input.history.slice(-input.historyWeeks) : input.history;
	const h = history.length;
	const categories = [...history.map((p) => p.week_start), ...input.forecast.map((p) => p.week_start)];
	const pad = <T>(before: number, values: readonly T[], after: number): (T | null)[] => [...Array(before).fill(null), ...values, ...Array(after).fill(null)];
	const f = input.forecast;
	const labels = { actual: 'Actual', forecast: 'Forecast', past: 'Past forecast', projected: 'Projected final', ...input.labels };
	const projectedByWeek = new Map((input.projected ?? []).map((p) => [p.week_start, p.value]));
	// Only the weeks whose projection differs from what is reported (those still holding pending sales), plus
	// the matured week before them, so the line joins the actuals.
	const differs = history.map((p) => projectedByWeek.has(p.week_start) && Math.abs(projectedByWeek.get(p.week_start)! - p.value) > 1e-9 * Math.max(1, Math.abs(p.value)));
	const firstDiff = differs.indexOf(true);
	const projectedLine = firstDiff < 0 ? [] : history.map((p, i) => (i >= Math.max(0, firstDiff - 1) ? (projectedByWeek.get(p.week_start) ?? p.value) : null));
	const fmt = (v: number | null | undefined) => formatValue(v ?? null, input.unit, input.currency);
	const pastByWeek = new Map((input.past ?? []).map((p) => [p.week_start, p]));
	// Points per category (null where the band does not reach), for the forecast or the past forecast.
	const future: (BandPoint | null)[] = [...Array(h).fill(null), ...f];
	const earlier: (BandPoint | null)[] = [...history.map((p) => pastByWeek.get(p.week_start) ?? null), ...Array(f.length).fill(null)];
	const band = (name: string, points: readonly (BandPoint | null)[], lo: (p: BandPoint) => number, hi: (p: BandPoint) => number, color: string, stack: string) => [
		{ name: `${name} base`, type: 'line', stack, data: points.map((p) => (p ? lo(p) : null)), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
		{
			name,
			type: 'line',
			stack,
			data: points.map((p) => (p ? Math.max(0, hi(p) - lo(p)) : null)),
			lineStyle: { opacity: 0 },
			symbol: 'none',
			itemStyle: { color },
			areaStyle: { color, opacity: 1 },
			silent: true
		}
	];
	// The forecast line starts at the last actual (its projected-final value when given) so that the two join.
	const joinAt = h > 0 ? (projectedByWeek.get(history[h - 1]!.week_start) ?? history[h - 1]!.value) : 0;
	const forecastLine = h > 0 ? [...Array(h - 1).fill(null), joinAt, ...f.map((p) => p.value)] : f.map((p) => p.value);
	const series: unknown[] = [
		...(f.length ? band('95% interval', future, (p) => p.lo95, (p) => p.hi95, 'rgba(224, 123, 0, 0.14)', 'band95') : []),
		...(f.length ? band('80% interval', future, (p) => p.lo80, (p) => p.hi80, 'rgba(224, 123, 0, 0.22)', 'band80') : []),
		...(pastByWeek.size ? band(`${labels.past} 80%`, earlier, (p) => p.lo80, (p) => p.hi80, 'rgba(102, 112, 133, 0.16)', 'pastBand80') : []),
		{ name: labels.actual, type: 'line', data: pad(0, history.map((p) => p.value), f.length), showSymbol: false, lineStyle: { color: BLUE, width: 2 }, itemStyle: { color: BLUE } },
		...(projectedLine.length ? [{ name: labels.projected, type: 'line', data: pad(0, projectedLine, f.length), showSymbol: false, lineStyle: { color: BLUE, width: 1.5, type: 'dotted' }, itemStyle: { color: BLUE } }] : []),
		...(f.length ? [{ name: labels.forecast, type: 'line', data: forecastLine, showSymbol: false, lineStyle: { color: ORANGE, width: 2, type: 'dashed' }, itemStyle: { color: ORANGE } }] : [])
	];
	if (pastByWeek.size) {
		series.push({
			name: labels.past,
			type: 'line',
			data: earlier.map((p) => p?.value ?? null),
			showSymbol: false,
			lineStyle: { color: GREY, width: 1.5, type: 'dotted' },
			itemStyle: { color: GREY }
		});
	}
	return {
		animation: false,
		grid: input.compact ? { left: 56, right: 10, top: 10, bottom: 24 } : { left: 70, right: 24, top: 36, bottom: 30 },
		legend: input.compact
			? undefined
			: { top: 0, type: 'scroll', data: [labels.actual, ...(projectedLine.length ? [labels.projected] : []), ...(f.length ? [labels.forecast, '80% interval', '95% interval'] : []), ...(pastByWeek.size ? [labels.past, `${labels.past} 80%`] : [])] },
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
				const week = categories[i] ?? '';
				if (i < h) {
					const past = pastByWeek.get(week);
					return [`Week of ${week}`, `${labels.actual}: ${fmt(history[i]!.value)}`, ...(differs[i] ? [`${labels.projected}: ${fmt(projectedByWeek.get(week))} (pending sales net of expected reversals)`] : []), ...(past ? [`${labels.past}: ${fmt(past.value)} (80%: ${fmt(past.lo80)} to ${fmt(past.hi80)})`] : [])].map(escapeHtml).join('<br>');
				}
				const p = f[i - h]!;
				return [`Week of ${week}`, `${labels.forecast}: ${fmt(p.value)}`, `80%: ${fmt(p.lo80)} to ${fmt(p.hi80)}`, `95%: ${fmt(p.lo95)} to ${fmt(p.hi95)}`].map(escapeHtml).join('<br>');
			}
		},
		xAxis: { type: 'category', data: categories, boundaryGap: false, axisLabel: { hideOverlap: true } },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) }, splitLine: { lineStyle: { color: '#eceff3' } } },
		series
	} as EChartsOption;
}
