import { describe, expect, it } from 'vitest';
import { cohortColourRange, cohortHeatmapOption, type CohortHeatmapCell } from './cohort-heatmap-option.ts';

const cells: CohortHeatmapCell[] = [
	{ cohort: '2026-01', offset: 0, value: 1, complete: true },
	{ cohort: '2026-01', offset: 1, value: 0.12, complete: true },
	{ cohort: '2026-01', offset: 2, value: 0.08, complete: false },
	{ cohort: '2026-02', offset: 0, value: 1, complete: true },
	{ cohort: '2026-02', offset: 1, value: 0.1, complete: false }
];

describe('cohortColourRange', () => {
	it('fits the colours to the periods after the first', () => {
		expect(cohortColourRange(cells)).toEqual({ min: 0.08, max: 0.12 });
	});
	it('falls back to all cells, and to 0..1 when there is nothing', () => {
		expect(cohortColourRange(cells.filter((c) => c.offset === 0))).toEqual({ min: 1, max: 2 });
		expect(cohortColourRange([])).toEqual({ min: 0, max: 1 });
	});
});

describe('cohortHeatmapOption', () => {
	it('puts one row per cohort and one column per period, cells at [k, row, value]', () => {
		const option = cohortHeatmapOption({ cohorts: ['2026-01', '2026-02'], cells, unit: 'percent', currency: 'EUR', offsetLabel: (k) => `M${k}`, metricLabel: 'Retention' }) as {
			xAxis: { data: string[] };
			yAxis: { data: string[] };
			series: { data: { value: [number, number, number | null]; complete: boolean }[]; label: { formatter: (p: unknown) => string } }[];
		};
		expect(option.xAxis.data).toEqual(['M0', 'M1', 'M2']);
		expect(option.yAxis.data).toEqual(['2026-01', '2026-02']);
		expect(option.series[0]!.data.map((d) => d.value)).toEqual([
			[0, 0, 1],
			[1, 0, 0.12],
			[2, 0, 0.08],
			[0, 1, 1],
			[1, 1, 0.1]
		]);
		// a running period is marked
		expect(option.series[0]!.label.formatter({ data: option.series[0]!.data[2] })).toBe('8.0%*');
		expect(option.series[0]!.label.formatter({ data: option.series[0]!.data[1] })).toBe('12.0%');
	});
});
