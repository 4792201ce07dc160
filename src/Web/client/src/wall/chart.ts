import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer]);

const PALETTE = ['#7ee787', '#79c0ff', '#ffa657', '#d2a8ff', '#ff7b72', '#f2cc60', '#56d4dd', '#e6edf3'];

/** Today's hourly counts by service as stacked bars, yesterday's total as a faint line. One instance, updated in place. */
export class HourlyChart {
  private readonly chart: ECharts;

  constructor(host: HTMLElement) {
    this.chart = init(host, undefined, { renderer: 'canvas' });
    window.addEventListener('resize', () => this.chart.resize());
  }

  update(services: { id: string; name: string }[], today: Record<string, number[]>, yesterday: Record<string, number[]>, yesterdayLabel: string): void {
    const hours = Array.from({ length: 24 }, (_, h) => String(h));
    const yesterdayTotal = hours.map((_, h) => Object.values(yesterday).reduce((a, v) => a + (v[h] ?? 0), 0));
    const fontSize = Math.max(12, Math.round(window.innerWidth / 130));
    this.chart.setOption({
      animationDuration: 300,
      color: PALETTE,
      textStyle: { color: '#c9d1d9', fontSize },
      grid: { left: 48, right: 16, top: 48, bottom: 28 },
      legend: { top: 0, textStyle: { color: '#c9d1d9', fontSize }, itemWidth: fontSize, itemHeight: fontSize },
      xAxis: { type: 'category', data: hours, axisLabel: { color: '#9da7b3', fontSize } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#9da7b3', fontSize }, splitLine: { lineStyle: { color: '#30363d' } } },
      series: [
        ...services.map((s) => ({ name: s.name, type: 'bar', stack: 'today', data: today[s.id] ?? new Array(24).fill(0) })),
        { name: yesterdayLabel, type: 'line', data: yesterdayTotal, symbol: 'none', lineStyle: { color: '#8b949e', opacity: 0.45, type: 'dashed', width: 2 }, itemStyle: { color: '#8b949e' } },
      ],
    }, { notMerge: false, lazyUpdate: true });
  }
}
