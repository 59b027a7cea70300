/**
 * The one place an ECharts instance lives: a Svelte action that creates it on mount, applies the option on
 * update, resizes with its box and disposes on destroy. Sets data-chart-rendered once drawn (browser tests read it).
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export function chart(node: HTMLElement, option: EChartsOption) {
	const instance = echarts.init(node, undefined, { renderer: 'canvas' });
	const draw = (o: EChartsOption) => {
		instance.setOption(o, { notMerge: true });
		node.dataset.chartRendered = 'true';
	};
	instance.on('finished', () => (node.dataset.chartFinished = 'true'));
	draw(option);
	const observer = new ResizeObserver(() => instance.resize());
	observer.observe(node);
	return {
		update: draw,
		destroy() {
			observer.disconnect();
			instance.dispose();
		}
	};
}
