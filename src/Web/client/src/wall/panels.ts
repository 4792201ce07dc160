import { total, type LiveSnapshot } from '../lib/api';
import { el } from '../lib/dom';
import { t, time } from '../lib/i18n';
import { localNow, periodTotal, serviceName, stationInfo, stationName, sumHours, wall, zone } from './state';
import { setNumber } from './tiles';

// The network's numbers across the top, and the lists at the side: townships and the ticker.

export function change(current: number, before: number, label: string, none: string): { text: string; trend: string } {
  if (before <= 0) return { text: none, trend: 'none' };
  const pct = Math.round((100 * (current - before)) / before);
  if (pct === 0) return { text: `${label} ${t('flat')}`, trend: 'flat' };
  return { text: `${label} ${pct > 0 ? '▲' : '▼'}${Math.abs(pct)}%`, trend: pct > 0 ? 'up' : 'down' };
}

export function setChange(node: HTMLElement, c: { text: string; trend: string }): void {
  node.textContent = c.text;
  node.dataset.trend = c.trend;
}

export class Totals {
  readonly element: HTMLElement;
  private readonly today = el('span', { class: 'n', 'data-total': '' });
  private readonly month = el('span', { class: 'n', 'data-month-total': '' });
  private readonly year = el('span', { class: 'n', 'data-year-total': '' });
  private readonly open = el('span', { class: 'n', id: 'open-now' });
  private readonly todayCmp = el('span', { class: 'cmp', id: 'cmp-today' });
  private readonly monthCmp = el('span', { class: 'cmp', id: 'cmp-month' });
  private readonly yearCmp = el('span', { class: 'cmp', id: 'cmp-year' });
  private readonly openOf = el('span', { class: 'cmp', id: 'open-of' });

  constructor() {
    const kpi = (name: string, label: string, n: HTMLElement, cmp: HTMLElement) =>
      el('div', { class: 'kpi', 'data-kpi': name }, el('span', { class: 'label' }, label), n, cmp);
    this.element = el('section', { class: 'kpis', id: 'totals' },
      kpi('today', t('wallToday'), this.today, this.todayCmp),
      kpi('month', t('wallMonth'), this.month, this.monthCmp),
      kpi('year', t('wallYear'), this.year, this.yearCmp),
      kpi('open', t('wallOpenNow'), this.open, this.openOf));
  }

  render(): void {
    const s = wall.snapshot;
    if (!s) return;
    const today = total(s.totals);
    setNumber(this.today, today);
    const month = periodTotal(s.monthBefore);
    const year = periodTotal(s.yearBefore);
    setNumber(this.month, month);
    setNumber(this.year, year);
    compareTotals(s, today, month, year, this.todayCmp, this.monthCmp, this.yearCmp);
    const shown = s.stations.length;
    this.open.replaceChildren(String(s.openNow ?? 0), el('small', {}, `/${shown}`));
    this.open.dataset.open = String(s.openNow ?? 0);
    this.open.dataset.of = String(shown);
    this.openOf.textContent = `${shown} ${t('wallStations')}`;
  }
}

/**
 * Today against the same hours last week, the month and year against the same periods last year (whose last day
 * counts only up to this hour, as today does): the city wall's and the province wall's comparison lines.
 */
export function compareTotals(s: LiveSnapshot, today: number, month: number, year: number, todayCmp: HTMLElement, monthCmp: HTMLElement, yearCmp: HTMLElement): void {
  const hour = localNow().hour;
  const lastWeek = sumHours(s.lastWeekHourly ?? {}).slice(0, hour + 1).reduce((a, b) => a + b, 0);
  setChange(todayCmp, change(today, lastWeek, t('vsLastWeek'), t('noLastWeek')));
  const lastYearSoFar = sumHours(s.lastYearHourly ?? {}).slice(0, hour + 1).reduce((a, b) => a + b, 0);
  setChange(monthCmp, change(month, total(s.monthLastYear ?? {}) + lastYearSoFar, t('vsLastYear'), t('noLastYear')));
  setChange(yearCmp, change(year, total(s.yearLastYear ?? {}) + lastYearSoFar, t('vsLastYear'), t('noLastYear')));
}

/** Today's totals by township, busiest first, as many rows as fit. */
export function renderTownships(list: HTMLElement): void {
  const s = wall.snapshot;
  if (!s) return;
  const byTownship = new Map<string, number>();
  for (const st of s.stations) {
    const township = stationInfo(st.stationId)?.township || '—';
    byTownship.set(township, (byTownship.get(township) ?? 0) + total(st.counts));
  }
  const rows = [...byTownship].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = Math.max(1, ...rows.map((r) => r[1]));
  list.replaceChildren(...rows.slice(0, 30).map(([name, n], i) => {
    const row = el('li', { 'data-township': name }, el('span', { class: 'rank' }, String(i + 1)), el('span', { class: 'name' }, name),
      el('span', { class: 'bar' }), el('span', { class: 'n' }, String(n)));
    row.querySelector<HTMLElement>('.bar')!.style.setProperty('--w', `${(100 * n) / max}%`);
    return row;
  }));
  fitRows(list);
}

export function renderTicker(list: HTMLElement, items: { stationId: string; service: string; quantity: number; occurredAt: string }[]): void {
  list.replaceChildren(...items.slice(-12).reverse().map((e) => el('li', {},
    el('span', { class: 'when' }, time(e.occurredAt, zone())),
    el('span', { class: 'what' }, `${stationName(e.stationId)} · ${serviceName(e.service)} ×${e.quantity}`))));
  fitRows(list);
}

/** Hides the rows that would run past the list's box, rather than cut one off. */
export function fitRows(list: HTMLElement): void {
  const rows = [...list.children] as HTMLElement[];
  rows.forEach((r) => { r.hidden = false; });
  const bottom = list.getBoundingClientRect().bottom;
  let full = false;
  for (const row of rows) {
    full ||= row.getBoundingClientRect().bottom > bottom + 0.5;
    row.hidden = full;
  }
}

