/**
 * Every chart option builder fed hostile text in every text input (partner names, channels, cost types,
 * cohort labels, categories, series names): each tooltip formatter, called the way ECharts calls it, returns
 * HTML in which the hostile text is escaped. A builder added without its case here fails the coverage check.
 */
import { describe, expect, it } from 'vitest';
import * as charts from './chart-options.ts';
import { cohortHeatmapOption } from './cohort-heatmap-option.ts';
import { donutOption } from './donut-option.ts';
import { forecastBandOption } from './forecast-band-option.ts';
import { funnelOption } from './funnel-option.ts';
import { histogramOption } from './histogram-option.ts';
import { mixOption } from './mix-option.ts';
import { revenueBridgeOption } from './revenue-bridge-option.ts';

const HOSTILE = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', "'><svg onload=alert(1)>", '<a href="javascript:alert(1)">x</a>'];

/** Builders by name, each with hostile text in every string it takes. */
function builders(h: string) {
	return {
		lineOption: () => charts.lineOption({ categories: [h, '2026-01-05'], series: [{ name: h, data: [1, 2] }], axis: { unit: 'money', currency: 'EUR' } }),
		barOption: () => charts.barOption({ categories: [h], series: [{ name: h, data: [1] }, { name: 'b', data: [2] }], axis: { unit: 'count', currency: 'EUR' } }),
		heatmapOption: () => charts.heatmapOption({ xLabels: [h], yLabels: [h], cells: [[0, 0, 1]], unit: 'count', currency: 'EUR' }),
		cohortHeatmapOption: () =>
			cohortHeatmapOption({ cohorts: [h], cells: [{ cohort: h, offset: 0, value: 1, complete: false }], unit: 'money', currency: 'EUR', offsetLabel: () => h, metricLabel: h } as Parameters<typeof cohortHeatmapOption>[0]),
		donutOption: () => donutOption({ slices: [{ name: h, value: 3 }, { name: 'other', value: 1 }], unit: 'money', currency: 'EUR' }),
		forecastBandOption: () =>
			forecastBandOption({
				history: [{ week_start: h, value: 1 }],
				forecast: [{ week_start: h, value: 1, lo80: 0, hi80: 2, lo95: 0, hi95: 3 }],
				past: [{ week_start: h, value: 1, lo80: 0, hi80: 2, lo95: 0, hi95: 3 }],
				unit: 'money',
				currency: 'EUR',
				labels: { actual: h, forecast: h, past: h }
			}),
		funnelOption: () => funnelOption({ steps: [{ label: h, value: 10, rateFromPrevious: null } as Parameters<typeof funnelOption>[0]['steps'][number]] }),
		histogramOption: () => histogramOption({ bins: [{ label: h, count: 2 }], valueName: h }),
		mixOption: () => mixOption({ rows: [{ period: h, part: h, share: 0.5 }], currency: 'EUR' }),
		revenueBridgeOption: () => revenueBridgeOption({ before: 10, after: 12, effects: { clicks: 1, [h]: 1 }, currency: 'EUR' })
	};
}

/** The params shapes ECharts passes a tooltip formatter: an array (trigger axis) or one item, hostile throughout. */
function paramsFor(h: string, dataIndex: number) {
	const item = { dataIndex, seriesIndex: 0, name: h, seriesName: h, axisValueLabel: h, marker: '', value: [0, 0, 1], data: { value: [0, 0, 1], complete: false } };
	return [[item], item];
}

function tooltipFormatters(option: unknown): ((p: unknown) => string)[] {
	const tooltip = (option as { tooltip?: { formatter?: unknown } | { formatter?: unknown }[] }).tooltip;
	return [tooltip].flat().flatMap((t) => (typeof t?.formatter === 'function' ? [t.formatter as (p: unknown) => string] : []));
}

describe.each(HOSTILE)('hostile text %s', (h) => {
	for (const [name, build] of Object.entries(builders(h))) {
		it(`${name}: tooltips escape it`, () => {
			const option = build();
			const outputs: string[] = [];
			for (const formatter of tooltipFormatters(option))
				for (const dataIndex of [0, 1, 2])
					for (const params of paramsFor(h, dataIndex)) {
						try {
							outputs.push(formatter(params));
						} catch {
							// this params shape is not the one this formatter gets from ECharts
						}
					}
			for (const html of outputs) expect(html.replace(/<br>/g, ''), name).not.toMatch(/[<>]/);
			if (tooltipFormatters(option).length) expect(outputs.length, `${name}: no params shape worked`).toBeGreaterThan(0);
		});
	}
});

it('covers every exported option builder', () => {
	const exported = [...Object.keys(charts).filter((k) => k.endsWith('Option'))];
	for (const name of exported) expect(Object.keys(builders('x'))).toContain(name);
	expect(Object.keys(builders('x')).length).toBe(10);
});

it('escapes the reported stored XSS: a cost_type in the costs donut', () => {
	const option = donutOption({ slices: [{ name: '<img src=x onerror=alert(1)>', value: 5 }], unit: 'money', currency: 'EUR' });
	const html = tooltipFormatters(option)[0]!({ name: '<img src=x onerror=alert(1)>' });
	expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
});
