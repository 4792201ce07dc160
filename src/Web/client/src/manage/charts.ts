import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { el } from '../lib/dom';

// ECharts is tree-shaken: every chart type and component drawn on this page is registered here, or it draws nothing.
use([BarChart, HeatmapChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const accent = '#b3261e';
const muted = '#4f5b67';
/** Saturated colours that read on white; the first is the page's accent. */
export const palette = [accent, '#1f5fbf', '#1e6b34', '#8a4b00', '#6a3d9a', '#006d77', '#a4005b', '#4f5b67'];
const text = { color: '#1b1f24', fontSize: 13, fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' };

/** One chart in a card: a heading, the canvas, and a line that says why it is empty when it is. */
export class Chart {
  readonly card: HTMLElement;
  private readonly heading = el('h3', {});
  private readonly note = el('p', { class: 'chart-note', role: 'status' });
  private readonly host: HTMLElement;
  private chart: ECharts | undefined;

  constructor(id: string, private readonly height = 320) {
    this.host = el('div', { class: 'chart', id });
    this.card = el('figure', { class: 'chart-card' }, this.heading, this.host, this.note);
    new ResizeObserver(() => this.chart?.resize()).observe(this.host);
  }

  /** Draws the option, or says why there is nothing to draw. */
  draw(title: string, option: EChartsCoreOption | null, empty = '', height = this.height): void {
    this.heading.textContent = title;
    this.note.textContent = option ? '' : empty;
    this.host.hidden = !option;
    if (!option) return;
    this.host.style.height = `${height}px`;
    this.chart ??= init(this.host, undefined, { renderer: 'canvas' });
    this.chart.resize();
    this.chart.setOption({ textStyle: text, color: palette, animation: false, ...option }, true);
  }
}

const axis = { axisLabel: { color: muted, fontSize: 13, hideOverlap: true }, axisLine: { lineStyle: { color: '#8b96a3' } } };

/** Stations ranked by what they gave, most at the top. */
export function ranking(rows: { name: string; value: number }[], seriesName: string): EChartsCoreOption | null {
  if (rows.every((r) => r.value === 0)) return null;
  const sorted = [...rows].sort((a, b) => a.value - b.value);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axis },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), ...axis },
    series: [{ name: seriesName, type: 'bar', data: sorted.map((r) => r.value), itemStyle: { color: accent }, label: { show: true, position: 'right', color: '#1b1f24' } }],
  };
}

/** Each service's share of everything given; on a narrow screen the legend names the slices and the slices carry only their %. */
export function shares(rows: { name: string; value: number }[], narrow = window.innerWidth < 600): EChartsCoreOption | null {
  const given = rows.filter((r) => r.value > 0);
  if (given.length === 0) return null;
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'plain', bottom: 0, textStyle: { color: '#1b1f24' } },
    series: [{ type: 'pie', percentPrecision: 1, radius: ['38%', '68%'], center: ['50%', '44%'], data: given,
      label: narrow ? { position: 'inside', formatter: (p: { percent: number }) => (p.percent >= 6 ? `${p.percent}%` : ''), color: '#fff', fontWeight: 'bold' } : { formatter: '{b}\n{d}%', color: '#1b1f24' },
      labelLayout: { hideOverlap: true } }],
  };
}

/** Lines over days: this range and, beside it, the same days last year. */
export function trend(days: string[], lines: { name: string; values: number[]; dashed?: boolean }[]): EChartsCoreOption | null {
  if (lines.every((l) => l.values.every((v) => v === 0))) return null;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days, ...axis },
    yAxis: { type: 'value', minInterval: 1, ...axis },
    series: lines.map((l, i) => ({ name: l.name, type: 'line', data: l.values, symbolSize: 6, lineStyle: { width: 3, type: l.dashed ? 'dashed' : 'solid' }, color: i === 0 ? accent : '#1f5fbf' })),
  };
}

/** One day by hour, a stacked bar per service. */
export function byHour(hours: string[], services: { name: string; values: number[] }[]): EChartsCoreOption | null {
  if (services.every((s) => s.values.every((v) => v === 0))) return null;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: hours, ...axis },
    yAxis: { type: 'value', minInterval: 1, ...axis },
    series: services.map((s) => ({ name: s.name, type: 'bar', stack: 'day', data: s.values })),
  };
}

/** Stations down, hours of the day across, a cell's colour its count. */
export function heat(stations: string[], hours: string[], cells: [number, number, number][], valueName: string): EChartsCoreOption | null {
  const max = Math.max(0, ...cells.map((c) => c[2]));
  if (max === 0) return null;
  return {
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${stations[p.value[1]]} · ${hours[p.value[0]]}<br/>${valueName}: ${p.value[2]}` },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: hours, splitArea: { show: true }, ...axis },
    yAxis: { type: 'category', data: stations, inverse: true, ...axis },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: [String(max), '0'],
      textStyle: { color: '#1b1f24' }, inRange: { color: ['#fdf1ef', '#f2a38f', accent] } },
    series: [{ name: valueName, type: 'heatmap', data: cells, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  };
}

/** Each target's progress in %, with a line at how much of the year has passed. */
export function progress(rows: { name: string; value: number }[], elapsed: number, elapsedName: string): EChartsCoreOption | null {
  if (rows.length === 0) return null;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { color: muted, formatter: '{value}%', hideOverlap: true } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, ...axis },
    series: [{ type: 'bar', data: rows.map((r) => r.value), itemStyle: { color: accent }, label: { show: true, position: 'right', formatter: '{c}%', color: '#1b1f24' },
      markLine: { symbol: 'none', lineStyle: { color: '#1f5fbf', type: 'dashed', width: 2 }, label: { formatter: `${elapsedName} ${elapsed}%`, color: '#1f5fbf' }, data: [{ xAxis: elapsed }] } }],
  };
}
