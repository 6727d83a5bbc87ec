import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the dashboard draws, so the bundle carries no other chart types or the SVG
// renderer. The canvas renderer runs no eval and no inline script, as the renderer's CSP requires.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

let drawable: boolean | null = null;
/** Whether this document can draw on a canvas (a test DOM cannot): checked once. */
function canDraw(): boolean {
  if (drawable === null) {
    try {
      drawable = typeof HTMLCanvasElement !== 'undefined' && !/jsdom/i.test(navigator.userAgent) && document.createElement('canvas').getContext('2d') !== null;
    } catch {
      drawable = false;
    }
  }
  return drawable;
}

/**
 * A thin React wrapper: one ECharts instance per mounted element, fed the latest option, resized
 * with its box, disposed on unmount. The chart is a picture for sighted users (role img with a
 * summary label); the table beside it carries the same figures for everyone.
 */
export function EChart({ option, label, height = 280 }: { option: ChartOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    // Without a canvas the table below still shows every figure.
    if (!el || !canDraw()) return;
    chart.current = echarts.init(el, null, { renderer: 'canvas' });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.current?.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} style={{ width: '100%', height }} />;
}
