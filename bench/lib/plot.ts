/**
 * The multi-console figures as a PNG: four small echarts line charts rendered to SVG on the
 * server side, laid out on one page and photographed by headless Chromium (no image library).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as echarts from 'echarts';
import { chromium } from 'playwright-core';
import type { SizeFigures } from '../sections/multiConsole';

const CHROMIUM = '/usr/bin/chromium';
const W = 520;
const H = 300;

interface Panel {
  title: string;
  unit: string;
  series: Array<{ name: string; values: number[]; dashed?: boolean }>;
  goal?: number;
}

function panelSvg(p: Panel, sizes: number[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: W, height: H });
  const goalLine = p.goal === undefined ? {} : {
    markLine: { silent: true, symbol: 'none', lineStyle: { color: '#c0392b', type: 'dashed' }, label: { formatter: `goal ${p.goal}` }, data: [{ yAxis: p.goal }] },
  };
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: p.title, left: 10, top: 6, textStyle: { fontSize: 14, fontFamily: 'DejaVu Sans, sans-serif' } },
    legend: { bottom: 4, left: 'center', textStyle: { fontSize: 11 } },
    grid: { left: 64, right: 56, top: 56, bottom: 70 },
    xAxis: { type: 'category', name: 'consoles', nameLocation: 'middle', nameGap: 24, data: sizes.map(String) },
    // The goal's line stays in view even when every figure is far below it.
    yAxis: { type: 'value', name: p.unit, nameLocation: 'middle', nameGap: 46, ...(p.goal === undefined ? {} : { max: (v: { max: number }) => Number((Math.max(v.max, p.goal ?? 0) * 1.15).toPrecision(2)) }) },
    series: p.series.map((s, i) => ({
      type: 'line', name: s.name, data: s.values.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(3)) : null)),
      symbolSize: 7, label: { show: true, fontSize: 10 },
      lineStyle: { type: s.dashed ? 'dashed' : 'solid' },
      ...(i === 0 ? goalLine : {}),
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export async function drawMultiConsole(figures: SizeFigures[], file: string, mode: string): Promise<void> {
  const sizes = figures.map((f) => f.consoles);
  const panels: Panel[] = [
    { title: 'MySQL queries/s per idle console', unit: 'q/s', goal: 0.5, series: [
      { name: 'TripDesk console', values: figures.map((f) => f.idle.queriesPerS) },
      { name: 'bare SELECT 1 poller', values: figures.map((f) => f.raw.queriesPerS), dashed: true },
    ] },
    { title: 'MySQL connections per idle console', unit: 'connections', goal: 4, series: [
      { name: 'TripDesk console', values: figures.map((f) => f.idle.connections) },
      { name: 'bare poller', values: figures.map((f) => f.raw.connections), dashed: true },
    ] },
    { title: 'MariaDB CPU per idle console', unit: 'CPU ms/s', series: [
      { name: 'TripDesk console', values: figures.map((f) => f.idle.cpuMsPerS) },
      { name: 'bare poller', values: figures.map((f) => f.raw.cpuMsPerS), dashed: true },
    ] },
    { title: 'Pull latency p95', unit: 'ms', goal: 1000, series: [
      { name: 'idle', values: figures.map((f) => f.pullIdle.p95) },
      { name: 'bookings + hold burst', values: figures.map((f) => f.pullMixed.p95) },
      { name: 'bare SELECT 1', values: figures.map((f) => f.raw.p95), dashed: true },
    ] },
  ];
  const svgs = panels.map((p) => panelSvg(p, sizes));
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; font-family: 'DejaVu Sans', sans-serif; }
    h1 { font-size: 16px; margin: 12px 14px 4px; } p { font-size: 12px; margin: 0 14px 8px; color: #555; }
    .grid { display: grid; grid-template-columns: ${W}px ${W}px; gap: 8px; padding: 0 8px 8px; }
  </style></head><body>
    <h1>TripDesk: many consoles on one MariaDB + FerretDB (npm run bench, section 12, ${mode})</h1>
    <p>${new Date().toISOString().slice(0, 10)}, ${sizes.join(' / ')} real consoles, idle phase; the dashed lines are the raw limit measured in the same run.</p>
    <div class="grid">${svgs.map((s) => `<div>${s}</div>`).join('')}</div></body></html>`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'], timeout: 30_000 });
  try {
    const page = await browser.newPage({ viewport: { width: 2 * W + 24, height: 2 * H + 80 }, deviceScaleFactor: 1 });
    await page.setContent(html);
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await browser.close();
  }
}
