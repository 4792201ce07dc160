import { api, ApiError, total, useToken, type LiveChanges, type LiveSnapshot, type TickerItem } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t, time, useLang } from '../lib/i18n';
import { serverNow, syncClock } from '../lib/clock';
import { LiveFeed } from '../lib/live';
import { routeId } from '../lib/page';
import { DaysChart, HourlyChart } from './chart';
import { StationMap, type MapStation } from './map';
import { fitRows, renderTicker, renderTownships, Totals } from './panels';
import { applyChanges, localNow, statusWord, sumHours, wall, zone } from './state';
import { Tiles } from './tiles';
import '../lib/style.css';
import './wall.css';

// The service centre's wall: runs unattended for weeks at 1920×1080 or 3840×2160, read from five metres, and
// must never show stale numbers as if they were live. Every element is created once and updated in place, so
// nothing grows while it runs; tiles that do not fit rotate page by page. Its language comes from its link.

const app = document.getElementById('app')!;
const networkId = routeId('/wall/');
const params = new URLSearchParams(location.search);
const screenToken = params.get('screen');
const rotateSeconds = Math.max(2, Number(params.get('rotate') ?? '12') || 12);
useLang(params.get('lang') === 'en' ? 'en' : 'zh');
useToken(screenToken);

let lostSince: Date | null = null;
let revoked = false;
let lastMessageAt = Date.now();
let lastProbeAt = 0;
const ticker: TickerItem[] = [];

const lostEl = el('div', { class: 'lost', role: 'alert', id: 'lost', hidden: '' });
const titleEl = el('h1', { id: 'title' });
const dayEl = el('span', { class: 'day', id: 'day' });
const clockEl = el('span', { class: 'clock', id: 'clock' });
const demoEl = el('span', { class: 'demo', id: 'demo', hidden: '' }, t('demoData'));
const totals = new Totals();
const tilesEl = el('div', { class: 'tiles', id: 'tiles' });
const pagerEl = el('div', { class: 'pager', id: 'pager' });
const mapSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
const legendEl = el('div', { class: 'legend', id: 'legend' });
const townshipsEl = el('ol', { class: 'townships', id: 'townships' });
const hourlyEl = el('div', { class: 'chart', id: 'chart' });
const daysEl = el('div', { class: 'chart', id: 'days' });
const tickerEl = el('ul', { class: 'ticker', id: 'ticker' });
const tiles = new Tiles(tilesEl, pagerEl);
let map: StationMap | undefined;
let hourly: HourlyChart | undefined;
let days: DaysChart | undefined;

const panel = (title: string, ...body: (Node | null)[]) => el('section', { class: 'panel' }, el('h2', {}, title), ...body);

function renderMap(): void {
  const s = wall.snapshot;
  if (!s || !map) return;
  const page = tiles.onPage();
  const located: MapStation[] = [];
  for (const st of s.stations) {
    const at = wall.network?.stations.find((x) => x.id === st.stationId)?.location;
    if (at) located.push({ id: st.stationId, lat: at.lat, lng: at.lng, status: st.status ?? 'unknown', count: total(st.counts), onPage: page.has(st.stationId) });
  }
  map.update(located);
  const missing = s.stations.length - located.length;
  legendEl.replaceChildren(
    ...(['open', 'open-silent', 'late', 'unreachable', 'closed'] as const).map((k) => el('span', { class: `key ${k}` }, statusWord(k))),
    ...(missing > 0 ? [el('span', { class: 'missing' }, `${missing} ${t('noLocation')}`)] : []),
    ...(wall.network?.map?.attribution ? [el('span', { class: 'credit' }, wall.network.map.attribution)] : []));
}

function renderCharts(): void {
  const s = wall.snapshot;
  if (!s) return;
  const hour = localNow().hour;
  const today = sumHours(s.hourly).map((n, h) => (h <= hour ? n : 0));
  hourly?.update(today, sumHours(s.yesterdayHourly));
  days?.update([...s.days, { day: s.day, count: total(s.totals) }]);
}

function renderSide(): void {
  renderMap();
  renderCharts();
  renderTownships(townshipsEl);
  renderTicker(tickerEl, ticker);
}

function renderAll(): void {
  titleEl.textContent = named(wall.network, networkId);
  dayEl.textContent = wall.snapshot?.day ?? '';
  totals.render();
  tiles.renderAll();
  renderSide();
}

function onSnapshot(s: LiveSnapshot): void {
  lastMessageAt = Date.now();
  wall.snapshot = s;
  ticker.splice(0, ticker.length, ...s.recent);
  renderAll();
}

function onChanges(c: LiveChanges): void {
  lastMessageAt = Date.now();
  tiles.noteRises(c.stations);
  applyChanges(c);
  ticker.push(...c.recent);
  ticker.splice(0, Math.max(0, ticker.length - 20));
  totals.render();
  for (const s of c.stations) tiles.render(s.stationId);
  renderSide();
  document.body.dataset.version = String(c.version);
}

/** The banner lies over the wall, so nothing moves under it; a dead link says so rather than "connection lost". */
function setOnline(online: boolean): void {
  if (online) {
    lostSince = null;
    revoked = false;
    lostEl.hidden = true;
  } else {
    lostSince ??= new Date();
    lostEl.hidden = false;
    showLost();
  }
  document.body.classList.toggle('stale', !online);
}

function showLost(): void {
  lostEl.dataset.reason = revoked ? 'revoked' : 'lost';
  lostEl.textContent = revoked ? t('linkRevoked') : `${t('lostSince')} ${time(lostSince!.toISOString(), zone())} — ${t('notLive')}`;
}

/** While the connection is down, asks now and then whether the server still knows this link. */
async function probeLink(): Promise<void> {
  if (!screenToken || Date.now() - lastProbeAt < 10_000) return;
  lastProbeAt = Date.now();
  try {
    await api.me();
    revoked = false;
  } catch (e) {
    revoked = e instanceof ApiError && e.status === 401;
  }
  if (lostSince) showLost();
}

function everySecond(feed: LiveFeed): void {
  clockEl.textContent = serverNow().toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: zone(), hour12: false });
  if (lostSince) void probeLink();
  // The server repeats its last batch every 5 s; a silent connection is a dead one.
  if (!lostSince && Date.now() - lastMessageAt > 20_000) { lastMessageAt = Date.now(); void feed.restart(); }
  // Past local midnight with no new day from the server yet: ask for the new day.
  if (wall.snapshot && localNow().day > wall.snapshot.day && Date.now() - lastMessageAt > 3_000) { lastMessageAt = Date.now(); void feed.resync().catch(() => undefined); }
}

/** Supply warnings change slowly (deliveries, counts, a day's taps): read once a minute, shown as a small count per tile. */
async function readSupplies(): Promise<void> {
  try {
    const counts = new Map<string, number>();
    for (const w of await api.supplyWarnings(networkId)) counts.set(w.stationId, (counts.get(w.stationId) ?? 0) + 1);
    wall.supplies = counts;
    for (const s of wall.snapshot?.stations ?? []) tiles.render(s.stationId);
  } catch { /* kept as it was; the next minute tries again */ }
}

async function load(): Promise<void> {
  try {
    await syncClock();
    wall.network = await api.network(networkId);
  } catch (e) {
    const denied = e instanceof ApiError && (e.status === 401 || e.status === 403);
    const message = denied ? (screenToken ? t('linkRevoked') : t('needScreenLink')) : `${t('notFound')}: ${e instanceof Error ? e.message : String(e)}`;
    app.replaceChildren(el('main', { class: 'wall-error' }, el('p', { class: 'error', id: 'wall-error', 'data-reason': denied ? 'revoked' : 'error' }, message),
      denied && !screenToken ? el('a', { href: '/manage' }, t('signIn')) : null));
    // An unattended screen tries again: the server may be starting, or the link may be made again.
    setTimeout(() => location.reload(), 30_000);
    return;
  }
  document.title = `${named(wall.network, networkId)} · ${t('wall')}`;
  void api.about().then((about) => { demoEl.hidden = about.dataKept; }).catch(() => undefined);
  app.replaceChildren(
    el('header', { class: 'wall-head' }, titleEl, demoEl, dayEl, clockEl),
    totals.element,
    el('main', { class: 'wall-body' },
      el('section', { class: 'stations' }, tilesEl, pagerEl),
      el('div', { class: 'col' },
        panel(t('mapTitle'), el('div', { class: 'map' }, mapSvg), legendEl),
        panel(t('townships'), townshipsEl)),
      el('div', { class: 'col' },
        panel(t('hourlyVsYesterday'), hourlyEl),
        panel(t('lastDays'), daysEl),
        panel(t('ticker'), tickerEl))),
    lostEl);
  mapSvg.id = 'map';
  map = new StationMap(mapSvg, wall.network.map?.tiles ?? null);
  hourly = new HourlyChart(hourlyEl);
  days = new DaysChart(daysEl);
  const feed = new LiveFeed(networkId, screenToken, {
    snapshot: onSnapshot,
    changes: onChanges,
    connection: setOnline,
    network: async () => { wall.network = await api.network(networkId); renderAll(); },
    heard: () => { lastMessageAt = Date.now(); },
  });
  window.addEventListener('resize', () => { tiles.layout(); renderSide(); fitRows(townshipsEl); });
  setInterval(() => everySecond(feed), 1000);
  setInterval(() => { tiles.next(); renderMap(); }, rotateSeconds * 1000);
  setInterval(() => { void syncClock().catch(() => undefined); }, 60_000);
  void readSupplies();
  setInterval(() => void readSupplies(), 60_000);
  await feed.start();
}

// An unattended screen that hits an error it cannot handle starts afresh rather than freeze.
window.addEventListener('error', () => setTimeout(() => location.reload(), 10_000));
window.addEventListener('unhandledrejection', () => setTimeout(() => location.reload(), 10_000));
void load();
