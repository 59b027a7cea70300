/**
 * The one place an ECharts instance lives: a Svelte action that creates it on mount, applies the option on
 * update, resizes with its box, forwards clicks (for drill-down) and disposes on destroy.
 * Sets data-chart-finished once drawn (browser tests read it).
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export interface ChartSpec {
	readonly option: EChartsOption;
	/** Called with the clicked item's category name and series name. */
	readonly onclick?: (item: { name: string; seriesName?: string; value: unknown }) => void;
}

export function chart(node: HTMLElement, spec: ChartSpec | EChartsOption) {
	const instance = echarts.init(node, undefined, { renderer: 'canvas' });
	let current: ChartSpec = 'option' in spec ? (spec as ChartSpec) : { option: spec as EChartsOption };
	instance.on('finished', () => {
		node.dataset.chartFinished = 'true';
	});
	instance.on('click', (params) => current.onclick?.({ name: String(params.name), seriesName: params.seriesName, value: params.value }));
	const draw = () => {
		instance.setOption(current.option, { notMerge: true });
		node.style.cursor = current.onclick ? 'pointer' : '';
	};
	draw();
	const observer = new ResizeObserver(() => instance.resize());
	observer.observe(node);
	// Print: render at the paper width so a printed report is not clipped.
	const beforePrint = () => instance.resize();
	window.addEventListener('beforeprint', beforePrint);
	// Print preview and emulated print media switch the layout without a beforeprint event.
	const printMedia = window.matchMedia('print');
	printMedia.addEventListener('change', beforePrint);
	return {
		update(next: ChartSpec | EChartsOption) {
			current = 'option' in next ? (next as ChartSpec) : { option: next as EChartsOption };
			draw();
		},
		destroy() {
			window.removeEventListener('beforeprint', beforePrint);
			printMedia.removeEventListener('change', beforePrint);
			observer.disconnect();
			instance.dispose();
		}
	};
}
