import { api, total, type LiveChanges, type LiveSnapshot, type NetworkRollup, type TickerItem } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t } from '../lib/i18n';
import { serverNow, syncClock } from '../lib/clock';
import { LiveFeed } from '../lib/live';
import { DaysChart, HourlyChart } from './chart';
import { StationMap, type MapStation } from './map';
import { compareTotals, renderTicker } from './panels';
import { applyChanges, localNow, serviceName, sumHours, wall, zone } from './state';
import { setNumber } from './tiles';

// The province wall: a tile per child network (today's total, open now n/N, busiest service), the province's
// totals today, this month and this year, a map of every station beneath, and the latest services. The numbers come
// from the province's own network grain, which adds up its children's batches: the same versioned feed as a city's.

const rotateSeconds = Math.max(2, Number(new URLSearchParams(location.search).get('rotate') ?? '12') || 12);

export function startProvince(app: HTMLElement, networkId: string, token: string | null, lostEl: HTMLElement, setOnline: (online: boolean) => void): void {
  const network = wall.network!;
  const ticker: TickerItem[] = [];
  const recentAt = new Map<string, number>();
  let page = 0;
  let lastMessageAt = Date.now();

  const kpi = (name: string, label: string) => {
    const n = el('span', { class: 'n', [`data-${name}-total`]: '' });
    const cmp = el('span', { class: 'cmp', id: `cmp-${name}` });
    return { n, cmp, box: el('div', { class: 'kpi', 'data-kpi': name }, el('span', { class: 'label' }, label), n, cmp) };
  };
  const today = kpi('today', t('wallToday'));
  today.n.setAttribute('data-total', '');
  const month = kpi('month', t('wallMonth'));
  const year = kpi('year', t('wallYear'));
  const open = kpi('open', t('wallOpenNow'));
  open.n.id = 'open-now';
  open.cmp.id = 'open-of';
  // The number of cities sits beside the title, so the line under today can say how it compares.
  const citiesEl = el('span', { class: 'day', id: 'networks-count' });
  const clockEl = el('span', { class: 'clock', id: 'clock' });
  const dayEl = el('span', { class: 'day', id: 'day' });
  const demoEl = el('span', { class: 'demo', id: 'demo', hidden: '' }, t('demoData'));
  const tilesEl = el('div', { class: 'tiles cities', id: 'tiles' });
  const pagerEl = el('div', { class: 'pager', id: 'pager' });
  const mapSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  mapSvg.id = 'map';
  const tickerEl = el('ul', { class: 'ticker', id: 'ticker' });
  const legendEl = el('div', { class: 'legend', id: 'legend' });
  const hourlyEl = el('div', { class: 'chart', id: 'chart' });
  const daysEl = el('div', { class: 'chart', id: 'days' });
  const panel = (title: string, ...body: Node[]) => el('section', { class: 'panel' }, el('h2', {}, title), ...body);
  document.body.classList.add('province');
  app.replaceChildren(
    el('header', { class: 'wall-head' }, el('h1', { id: 'title' }, named(network, networkId)), demoEl, citiesEl, dayEl, clockEl),
    el('section', { class: 'kpis', id: 'totals' }, today.box, month.box, year.box, open.box),
    el('main', { class: 'wall-body' },
      el('div', { class: 'col' },
        el('section', { class: 'stations' }, el('h2', { class: 'section-title' }, t('provinceCities')), tilesEl, pagerEl),
        el('div', { class: 'charts' }, panel(t('hourlyVsYesterday'), hourlyEl), panel(t('lastDays'), daysEl))),
      el('div', { class: 'col' },
        panel(t('provinceMap'), el('div', { class: 'map' }, mapSvg), legendEl),
        panel(t('ticker'), tickerEl))),
    lostEl);
  void api.about().then((about) => { demoEl.hidden = about.dataKept; }).catch(() => undefined);
  const map = new StationMap(mapSvg, network.map?.tiles ?? null);
  const hourly = new HourlyChart(hourlyEl);
  const days = new DaysChart(daysEl);
  const pins = (network.children ?? []).flatMap((c) => c.stations.map((s) => ({ ...s, city: c.id })));

  function children(): NetworkRollup[] {
    const live = new Map((wall.snapshot?.children ?? []).map((c) => [c.networkId, c]));
    // Every child the network view names gets a tile, even before its first numbers arrive (shown as unknown, not 0).
    return (network.children ?? []).map((c) => live.get(c.id) ?? { networkId: c.id, name: c.name, nameEn: c.nameEn, isSample: c.isSample, day: '', totals: {},
      monthBefore: {}, yearBefore: {}, openNow: -1, stations: c.stations.length });
  }

  /** A few child networks get two wide columns, so their names show whole; many get three. */
  const few = () => (network.children?.length ?? 0) <= 4;
  tilesEl.classList.toggle('few', few());

  function perPage(): number {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;
    const rows = Math.max(1, Math.floor((tilesEl.clientHeight + 0.6 * rem) / (9.8 * rem)));
    return rows * (few() ? 2 : 3);
  }

  function renderTiles(): void {
    const all = children().sort((a, b) => total(b.totals) - total(a.totals) || a.networkId.localeCompare(b.networkId));
    const size = perPage();
    const pages = Math.max(1, Math.ceil(all.length / size));
    page %= pages;
    tilesEl.replaceChildren(...all.slice(page * size, (page + 1) * size).map((c) => {
      const counts = Object.entries(c.totals).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
      const busiest = counts[0];
      const known = c.openNow >= 0;
      return el('article', { class: 'tile city', 'data-network': c.networkId },
        el('div', { class: 'head' }, el('h3', { class: 'name' }, named(c, c.networkId)), c.isSample ? el('span', { class: 'sample' }, t('sampleMark')) : null),
        el('div', { class: 'row' },
          el('span', { class: 'tile-total', 'data-total': String(total(c.totals)) }, known ? String(total(c.totals)) : '—'),
          el('span', { class: 'open-of', 'data-open': String(c.openNow), 'data-of': String(c.stations) },
            `${t('cityOpen')} ${known ? c.openNow : '?'}/${c.stations}`)),
        el('div', { class: 'strip' }, busiest ? `${t('cityBusiest')}: ${serviceName(busiest[0])} ${busiest[1]}` : known ? t('cityNothing') : t('statusUnknown')));
    }));
    pagerEl.textContent = pages > 1 ? `${t('page')} ${page + 1} / ${pages}` : '';
  }

  function renderTotals(): void {
    const s = wall.snapshot;
    if (!s) return;
    const todayN = total(s.totals);
    setNumber(today.n, todayN);
    setNumber(month.n, total(s.monthBefore) + todayN);
    setNumber(year.n, total(s.yearBefore) + todayN);
    compareTotals(s, todayN, total(s.monthBefore) + todayN, total(s.yearBefore) + todayN, today.cmp, month.cmp, year.cmp);
    const of = children().reduce((a, c) => a + c.stations, 0);
    open.n.replaceChildren(String(s.openNow ?? 0), el('small', {}, `/${of}`));
    open.n.dataset.open = String(s.openNow ?? 0);
    open.n.dataset.of = String(of);
    open.cmp.textContent = `${of} ${t('wallStations')}`;
    citiesEl.textContent = t('networksN').replace('{n}', String(children().length));
    dayEl.textContent = s.day;
  }

  function renderMap(): void {
    const now = Date.now();
    const located: MapStation[] = pins.filter((p) => p.location).map((p) => ({
      id: p.id, lat: p.location!.lat, lng: p.location!.lng, status: 'unknown', count: 0, onPage: now - (recentAt.get(p.id) ?? 0) < 60_000,
    }));
    map.update(located);
    const missing = pins.length - located.length;
    legendEl.replaceChildren(el('span', { class: 'key closed' }, t('stationPlace')), el('span', { class: 'key recent' }, t('recentlyServed')),
      ...(missing > 0 ? [el('span', { class: 'missing' }, `${missing} ${t('noLocation')}`)] : []));
  }

  function renderCharts(): void {
    const s = wall.snapshot;
    if (!s) return;
    const hour = localNow().hour;
    hourly.update(sumHours(s.hourly).map((n, h) => (h <= hour ? n : 0)), sumHours(s.yesterdayHourly));
    days.update([...s.days, { day: s.day, count: total(s.totals) }]);
  }

  function renderAll(): void {
    renderTotals();
    renderCharts();
    renderTiles();
    renderMap();
    renderTicker(tickerEl, ticker);
  }

  function onSnapshot(s: LiveSnapshot): void {
    lastMessageAt = Date.now();
    wall.snapshot = s;
    ticker.splice(0, ticker.length, ...s.recent);
    renderAll();
  }

  function onChanges(c: LiveChanges): void {
    lastMessageAt = Date.now();
    if (!wall.snapshot) return;
    applyChanges(c);
    for (const e of c.recent) recentAt.set(e.stationId, Date.now());
    ticker.push(...c.recent);
    ticker.splice(0, Math.max(0, ticker.length - 20));
    renderAll();
    document.body.dataset.version = String(c.version);
  }

  const feed = new LiveFeed(networkId, token, {
    snapshot: onSnapshot,
    changes: onChanges,
    connection: setOnline,
    network: () => { location.reload(); },
    heard: () => { lastMessageAt = Date.now(); },
  });
  window.addEventListener('resize', renderAll);
  setInterval(() => {
    clockEl.textContent = serverNow().toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: zone(), hour12: false });
    if (Date.now() - lastMessageAt > 20_000) { lastMessageAt = Date.now(); void feed.restart(); }
  }, 1000);
  setInterval(() => { page++; renderTiles(); renderMap(); }, rotateSeconds * 1000);
  setInterval(() => { void syncClock().catch(() => undefined); }, 60_000);
  void feed.start();
}
