import { describe, expect, it } from 'vitest';
import { forecastBandOption } from './forecast-band-option.ts';

type Line = { name: string; data: (number | null)[] };

describe('forecastBandOption: reported vs projected-final actuals', () => {
	const history = [
		{ week_start: '2026-11-02', value: 100 },
		{ week_start: '2026-11-09', value: 110 },
		{ week_start: '2026-11-16', value: 130 },
		{ week_start: '2026-11-23', value: 373 }
	];
	// The last two weeks still hold pending sales: projected final below what is reported.
	const projected = [
		{ week_start: '2026-11-02', value: 100 },
		{ week_start: '2026-11-09', value: 110 },
		{ week_start: '2026-11-16', value: 120 },
		{ week_start: '2026-11-23', value: 334 }
	];
	const forecast = [{ week_start: '2026-11-30', value: 200, lo80: 180, hi80: 220, lo95: 170, hi95: 230 }];
	const option = forecastBandOption({ history, projected, forecast, unit: 'money', currency: 'EUR', labels: { actual: 'Actual (reported)' } });
	const series = option.series as Line[];

	it('draws the reported values as the actual line and the projected values as their own labelled line', () => {
		expect(series.find((s) => s.name === 'Actual (reported)')!.data.slice(0, 4)).toEqual([100, 110, 130, 373]);
		// From the last matured week on, so the line joins the actuals.
		expect(series.find((s) => s.name === 'Projected final')!.data.slice(0, 4)).toEqual([null, 110, 120, 334]);
		expect((option.legend as { data: string[] }).data).toContain('Projected final');
	});

	it('joins the forecast to the projected-final value of the last week, which is what it was fitted on', () => {
		expect(series.find((s) => s.name === 'Forecast')!.data.slice(3)).toEqual([334, 200]);
	});

	it('says which value is which in the tooltip of a pending week', () => {
		const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
		expect(formatter([{ dataIndex: 3 }])).toMatch(/Actual \(reported\): .*373.*Projected final: .*334/);
		expect(formatter([{ dataIndex: 0 }])).not.toMatch(/Projected final/);
	});

	it('adds no projected line when every week has matured', () => {
		const matured = forecastBandOption({ history, projected: history, forecast, unit: 'money', currency: 'EUR' });
		expect((matured.series as Line[]).some((s) => s.name === 'Projected final')).toBe(false);
	});
});
