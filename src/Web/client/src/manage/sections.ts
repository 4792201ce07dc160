import { el } from '../lib/dom';
import { hourLabel, lang, named, t } from '../lib/i18n';
import { byHour, Chart, heat, ranking, shares, trend } from './charts';
import { change, daysOf, failure, yearBefore, type Part, type Shown } from './state';

// The sections of the managers' page, each drawn from what was fetched (see state.ts), in the current language.

export const charts = {
  today: new Chart('chart-today'),
  ranking: new Chart('chart-ranking'),
  shares: new Chart('chart-shares'),
  trend: new Chart('chart-trend'),
  hours: new Chart('chart-hours'),
  targets: new Chart('chart-targets'),
  compliance: new Chart('chart-compliance'),
};

const rowHeight = 26;
const hours = () => Array.from({ length: 24 }, (_, h) => hourLabel(h));

/** A section's message when its part failed: never an empty table that looks like "nothing happened". */
export function failed(p: Part<unknown> | null): HTMLElement | null {
  return p && !p.ok ? el('p', { class: 'error', role: 'alert' }, failure(p.error)) : null;
}

/** Export links for a report over the range on screen, in the page's language. */
export function exportLinks(path: string, params: Record<string, string>, ids: [string, string] | null = null): HTMLElement {
  const query = new URLSearchParams({ ...params, lang: lang() });
  const link = (format: string, label: string, id?: string) => el('a', { href: `/api/reports/${path}?${query}&format=${format}`, download: '', ...(id ? { id } : {}) }, label);
  return el('span', { class: 'exports' }, link('csv', t('exportCsv'), ids?.[0]), link('xlsx', t('exportXlsx'), ids?.[1]));
}

export function scroll(table: HTMLTableElement): HTMLElement {
  return el('div', { class: 'scroll' }, table);
}

function serviceName(s: Shown, id: string): string {
  return named(s.network.services.find((x) => x.id === id), id);
}

/** Today at a glance: the network's totals so far, how many stations have served anyone, and today's ranking. */
export function glance(s: Shown, host: HTMLElement): void {
  if (!s.live.ok) {
    host.replaceChildren(el('h2', {}, t('today')), failed(s.live)!);
    return;
  }
  const live = s.live.value;
  const totalOf = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  // A parent network (a province) has no stations of its own: its glance is its child networks' — open now of all
  // their stations, and the networks ranked — since its live picture holds their sums, not each station's day.
  const children = live.stations.length === 0 ? live.children ?? [] : [];
  const byChild = children.length > 0;
  const of = byChild ? children.reduce((a, c) => a + c.stations, 0) : live.stations.length;
  const count = byChild ? `${live.openNow ?? 0}/${of}` : `${live.stations.filter((x) => totalOf(x.counts) > 0).length}/${of}`;
  const rows = byChild
    ? children.map((c) => ({ name: named(c, c.networkId), value: totalOf(c.totals) }))
    : live.stations.map((x) => ({ name: x.name, value: totalOf(x.counts) }));
  host.replaceChildren(el('h2', {}, `${t('today')} · ${live.day}`),
    el('div', { class: 'glance-row' },
      el('div', { class: 'big' }, el('span', { class: 'n', id: 'glance-total' }, String(totalOf(live.totals))), el('span', {}, t('total'))),
      el('div', { class: 'big' }, el('span', { class: 'n', id: 'glance-stations' }, count), el('span', {}, byChild ? t('openStationsNow') : t('activeStations'))),
      ...s.network.services.map((x) => el('div', { class: 'small' }, el('span', { class: 'n' }, String(live.totals[x.id] ?? 0)), el('span', {}, named(x, x.id))))),
    el('a', { href: `/wall/${encodeURIComponent(s.network.id)}` }, t('wall')), charts.today.card);
  charts.today.draw(byChild ? t('rankingNetworksToday') : t('rankingToday'), ranking(rows, t('total')), t('noneToday'), rows.length * rowHeight + 40);
}

/** The station × service table of the range, with last year beside it when asked, and its charts. */
export function summary(s: Shown, host: HTMLElement): void {
  const params: Record<string, string> = { networkId: s.network.id, from: s.from, to: s.to, ...(s.stationId ? { stationId: s.stationId } : {}), ...(s.compare ? { compare: 'lastYear' } : {}) };
  const head = el('div', { class: 'section-head' }, el('h2', {}, t('summaryTitle')), el('p', { class: 'range' }, `${s.from} — ${s.to}`),
    s.summary.ok ? exportLinks('summary', params, ['csv', 'xlsx']) : null);
  if (!s.summary.ok) {
    host.replaceChildren(head, failed(s.summary)!);
    return;
  }
  const report = s.summary.value;
  const services = s.network.services.map((x) => x.id);
  const last = report.lastYear;
  // A parent network (a province) is reported by child network; a row per station comes with its export's detail.
  const byChild = (report.children?.length ?? 0) > 0 && report.stations.length === 0;
  const rows = byChild
    ? report.children!.map((c) => ({ stationId: c.networkId, name: named(c, c.networkId), counts: c.counts, total: c.total, lastYear: c.lastYear ?? 0 }))
    : report.stations.map((x) => ({ ...x, lastYear: last?.stations.find((y) => y.stationId === x.stationId)?.total ?? 0 }));
  const lastOf = (id: string) => rows.find((x) => x.stationId === id)?.lastYear ?? 0;
  const header = el('tr', {}, el('th', {}, byChild ? t('networkLabel') : t('station')), ...services.map((x) => el('th', {}, serviceName(s, x))), el('th', {}, t('total')),
    ...(last ? [el('th', {}, t('lastYear')), el('th', {}, t('change'))] : []));
  const body = rows.map((st) => el('tr', { [byChild ? 'data-network' : 'data-station']: st.stationId }, el('td', {}, st.name),
    ...services.map((x) => el('td', {}, String(st.counts[x] ?? 0))), el('td', { class: 'row-total' }, String(st.total)),
    ...(last ? [el('td', {}, String(lastOf(st.stationId))), el('td', {}, change(st.total, lastOf(st.stationId)))] : [])));
  const foot = el('tr', { class: 'totals' }, el('th', {}, t('total')), ...services.map((x) => el('th', {}, String(report.totals[x] ?? 0))),
    el('th', { 'data-grand-total': '' }, String(report.total)), ...(last ? [el('th', {}, String(last.total)), el('th', {}, change(report.total, last.total))] : []));
  host.replaceChildren(head, scroll(el('table', { id: 'summary-table' }, el('thead', {}, header), el('tbody', {}, ...body), el('tfoot', {}, foot))),
    el('div', { class: 'chart-grid' }, charts.ranking.card, charts.shares.card));
  charts.ranking.draw(t('ranking'), ranking(rows.map((x) => ({ name: x.name, value: x.total })), t('total')), t('noRecords'),
    rows.length * rowHeight + 40);
  charts.shares.draw(t('serviceShares'), shares(s.network.services.map((x) => ({ name: named(x, x.id), value: report.totals[x.id] ?? 0 }))), t('noRecords'));
}

/** One day: by hour and service. A range: each day's total beside the same days last year. */
export function when(s: Shown, host: HTMLElement): void {
  host.replaceChildren(charts.trend.card, charts.hours.card);
  if (s.hourly) {
    const problem = failed(s.hourly);
    const hourly = s.hourly.ok ? s.hourly.value : {};
    charts.trend.draw(t('byHour'), problem ? null : byHour(hours(), s.network.services.map((x) => ({ name: named(x, x.id), values: hourly[x.id] ?? new Array(24).fill(0) }))),
      problem?.textContent ?? t('noRecords'));
  } else {
    const days = daysOf(s.from, s.to);
    const sum = (rows: { day: string; count: number }[]) => rows.reduce((m, r) => m.set(r.day, (m.get(r.day) ?? 0) + r.count), new Map<string, number>());
    const problem = failed(s.daily) ?? failed(s.lastDaily);
    const now = sum(s.daily.ok ? s.daily.value : []);
    const before = sum(s.lastDaily.ok ? s.lastDaily.value : []);
    charts.trend.draw(t('trendDaily'), problem ? null : trend(days, [
      { name: t('thisRange'), values: days.map((d) => now.get(d) ?? 0) },
      { name: t('lastYear'), values: days.map((d) => before.get(yearBefore(d)) ?? 0), dashed: true },
    ]), problem?.textContent ?? t('noRecords'));
  }
  const stations = s.hours.ok ? s.hours.value.stations : [];
  const cells = stations.flatMap((st, y) => st.hours.map((n, x) => [x, y, n] as [number, number, number]));
  charts.hours.draw(t('stationHours'), s.hours.ok ? heat(stations.map((x) => x.name), hours(), cells, t('services')) : null,
    s.hours.ok ? t('noRecords') : failure(s.hours.error), stations.length * rowHeight + 100);
}
