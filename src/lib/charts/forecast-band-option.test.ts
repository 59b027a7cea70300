import { describe, expect, it } from 'vitest';
import { forecastBandOption, type BandPoint } from './forecast-band-option.ts';

const point = (week_start: string, value: number): BandPoint => ({ week_start, value, lo80: value - 10, hi80: value + 10, lo95: value - 20, hi95: value + 20 });
const history = [
	{ week_start: '2026-06-01', value: 100 },
	{ week_start: '2026-06-08', value: 110 },
	{ week_start: '2026-06-15', value: 120 }
];
const forecast = [point('2026-06-22', 125), point('2026-06-29', 130)];

type S = { name: string; data: (number | null)[]; stack?: string };
const seriesOf = (option: ReturnType<typeof forecastBandOption>) => option.series as unknown as S[];
const byName = (option: ReturnType<typeof forecastBandOption>, name: string) => seriesOf(option).find((s) => s.name === name)!;

describe('forecastBandOption', () => {
	const option = forecastBandOption({ history, forecast, past: [point('2026-06-08', 105), point('2026-06-15', 112)], unit: 'money', currency: 'EUR' });

	it('puts the history weeks then the forecast weeks on the axis', () => {
		expect((option.xAxis as { data: string[] }).data).toEqual(['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29']);
	});

	it('draws actuals over the history and the forecast from the last actual on', () => {
		expect(byName(option, 'Actual').data).toEqual([100, 110, 120, null, null]);
		expect(byName(option, 'Forecast').data).toEqual([null, null, 120, 125, 130]);
	});

	it('stacks each band on an invisible base at its lower bound', () => {
		expect(byName(option, '95% interval base').data).toEqual([null, null, null, 105, 110]);
		expect(byName(option, '95% interval').data).toEqual([null, null, null, 40, 40]);
		expect(byName(option, '80% interval').data).toEqual([null, null, null, 20, 20]);
		expect(byName(option, '80% interval').stack).toBe(byName(option, '80% interval base').stack);
	});

	it('lays the past forecast and its 80% band over the weeks it covers', () => {
		expect(byName(option, 'Past forecast').data).toEqual([null, 105, 112, null, null]);
		expect(byName(option, 'Past forecast 80% base').data).toEqual([null, 95, 102, null, null]);
		expect(byName(option, 'Past forecast 80%').data).toEqual([null, 20, 20, null, null]);
	});

	it('draws actuals against a past forecast alone, without a future', () => {
		const past = forecastBandOption({ history, forecast: [], past: [point('2026-06-15', 118)], unit: 'money', currency: 'EUR' });
		expect(seriesOf(past).map((s) => s.name)).toEqual(['Past forecast 80% base', 'Past forecast 80%', 'Actual', 'Past forecast']);
		expect((past.xAxis as { data: string[] }).data).toHaveLength(3);
	});

	it('shows raw bounds in the tooltip, not stacked values', () => {
		const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
		expect(formatter([{ dataIndex: 3 }])).toBe('Week of 2026-06-22<br>Forecast: €125<br>80%: €115 to €135<br>95%: €105 to €145');
		expect(formatter([{ dataIndex: 1 }])).toContain('Past forecast: €105');
	});

	it('keeps only the last weeks of history when asked', () => {
		const short = forecastBandOption({ history, forecast, historyWeeks: 1, unit: 'money', currency: 'EUR', compact: true });
		expect((short.xAxis as { data: string[] }).data).toHaveLength(3);
		expect(short.legend).toBeUndefined();
		expect(seriesOf(short).some((s) => s.name === 'Past forecast')).toBe(false);
	});
});
