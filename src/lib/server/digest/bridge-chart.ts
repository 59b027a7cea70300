/**
 * The digest's revenue bridge as an image mail clients show: the dashboard's ECharts option rendered on the
 * server (ECharts SSR, SVG string, no browser), then rasterised to PNG by resvg. PNG, because Gmail and Outlook
 * do not display SVG images and block data: URIs; the PNG travels as a CID attachment the HTML refers to.
 */
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { revenueBridgeOption } from '../../charts/revenue-bridge-option.ts';

export interface ChartImage {
	readonly svg: string;
	readonly png: Buffer;
	readonly width: number;
	readonly height: number;
}

/** Renders an ECharts option to SVG (server-side) and PNG at twice the size for sharp text on dense screens. */
export function renderChart(option: echarts.EChartsCoreOption, width = 600, height = 260): ChartImage {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption({ ...option, animation: false, textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif' } });
		const svg = chart.renderToSVGString();
		const png = new Resvg(svg, { fitTo: { mode: 'width', value: width * 2 }, background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
		return { svg, png, width, height };
	} finally {
		chart.dispose();
	}
}

export function bridgeChart(input: { before: number; after: number; effects: Record<string, number>; currency: string }): ChartImage {
	const option = revenueBridgeOption(input);
	// Tooltips mean nothing in an image; the option's formatter would never run.
	// Every category label shown (the browser thins them on narrow charts; an image cannot be widened).
	const xAxis = { ...(option.xAxis as object), axisLabel: { interval: 0, fontSize: 11 } };
	return renderChart({ ...option, xAxis, tooltip: { show: false } });
}
