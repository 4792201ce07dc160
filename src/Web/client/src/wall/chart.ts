import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, CanvasRenderer]);

// Both charts take their text size from the page's root size, so labels are as large as the smallest
// text on the wall (20 px at 1920×1080) and scale with the screen. No legends: the panel titles say what is what.

function rem(): number { return parseFloat(getComputedStyle(document.documentElement).fontSize) || 20; }

function axes(fontSize: number) {
  return {
    textStyle: { color: '#c9d1d9', fontSize },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#a8b3bf', fontSize }, splitLine: { lineStyle: { color: '#30363d' } } },
  };
}

/** A chart drawn once and updated in place; it follows the page size. */
abstract class WallChart {
  protected readonly chart: ECharts;

  constructor(host: HTMLElement) {
    this.chart = init(host, undefined, { renderer: 'canvas' });
    window.addEventListener('resize', () => this.chart.resize());
  }
}

/** Today's network total by hour as bars, yesterday's as a dashed line. */
export class HourlyChart extends WallChart {
  update(today: number[], yesterday: number[]): void {
    const fontSize = rem();
    this.chart.setOption({
      animationDuration: 300,
      ...axes(fontSize),
      grid: { left: fontSize * 0.3, right: fontSize * 0.6, top: fontSize * 0.8, bottom: fontSize * 0.2, containLabel: true },
      xAxis: { type: 'category', data: today.map((_, h) => String(h)), axisLabel: { color: '#a8b3bf', fontSize, interval: 3 }, axisTick: { alignWithLabel: true } },
      series: [
        { type: 'bar', data: today, itemStyle: { color: '#79c0ff' }, barCategoryGap: '25%' },
        { type: 'line', data: yesterday, symbol: 'none', lineStyle: { color: '#e6edf3', opacity: 0.6, type: 'dashed', width: Math.max(2, fontSize / 8) } },
      ],
    }, { notMerge: false, lazyUpdate: true });
  }
}

/** The network total of each of the last 30 days, today last and brightest. */
export class DaysChart extends WallChart {
  update(days: { day: string; count: number }[]): void {
    const fontSize = rem();
    this.chart.setOption({
      animationDuration: 300,
      ...axes(fontSize),
      grid: { left: fontSize * 0.3, right: fontSize * 0.6, top: fontSize * 0.8, bottom: fontSize * 0.2, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => String(Number(d.day.slice(8)))), axisLabel: { color: '#a8b3bf', fontSize, interval: 6 }, axisTick: { alignWithLabel: true } },
      series: [{
        type: 'bar', barCategoryGap: '20%',
        data: days.map((d, i) => ({ value: d.count, itemStyle: { color: i === days.length - 1 ? '#ffd166' : '#7ee787' } })),
      }],
    }, { notMerge: false, lazyUpdate: true });
  }
}
