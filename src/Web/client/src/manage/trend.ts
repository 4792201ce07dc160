import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { DailyCount } from '../lib/api';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Counts by day and service over the report's range. */
export class TrendChart {
  private readonly chart: ECharts;

  constructor(host: HTMLElement) {
    this.chart = init(host);
    window.addEventListener('resize', () => this.chart.resize());
  }

  /** One day: by hour. */
  updateHours(services: { id: string; name: string }[], hourly: Record<string, number[]>): void {
    const hours = Array.from({ length: 24 }, (_, h) => `${h}:00`);
    this.chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: hours },
      yAxis: { type: 'value', minInterval: 1 },
      series: services.map((s) => ({ name: s.name, type: 'bar', stack: 'day', data: hourly[s.id] ?? new Array(24).fill(0) })),
    }, true);
  }

  update(services: { id: string; name: string }[], rows: DailyCount[], from: string, to: string): void {
    const days: string[] = [];
    for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
    const sum = (day: string, service: string) => rows.filter((r) => r.day === day && r.service === service).reduce((a, r) => a + r.count, 0);
    this.chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: services.map((s) => ({ name: s.name, type: 'line', data: days.map((d) => sum(d, s.id)) })),
    }, true);
  }
}
